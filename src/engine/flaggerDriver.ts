import {
  advanceCanary,
  analysisThreshold,
  type CanaryState,
  type CanaryTick,
  checkMetric,
  initialCanaryState,
} from '../gates/flagger/index.js';
import type { RandomStream } from '../random/index.js';
import type { FlaggerControllerPlan } from '../scenario/controllerPlan.js';
import { formatDuration } from '../scenario/duration.js';
import type { ControllerDriver, ControllerStep } from './controllerDriver.js';
import type { ControllerWindows } from './controllerWindows.js';
import type { ControllerCause, ControllerMeasurement } from './rehearsal.js';

const GATES = new Set(['confirm-traffic-increase', 'confirm-promotion']);

/**
 * Flagger's canary analysis over a rehearsal, one check per analysis interval, each decided by
 * `flagger.advanceCanary`: the first check (pre-rollout webhooks) when the rehearsal starts, then one
 * every interval on the metrics' trailing windows ("no values found" when a window has no value).
 * A check that raises the weight ends the phase; failed checks keep it (the phase runs one more
 * interval), and the rollback comes at the check that finds `failedChecks ≥ threshold`. Promotion ends
 * the rehearsal completed. Webhooks with a `controller.providers` probability are drawn at every check;
 * others take their resting outcome, and a closed confirm gate opens after `manualPauseMs` (or halts the
 * rehearsal when approval is withheld).
 */
export class FlaggerDriver implements ControllerDriver {
  measurements: ControllerMeasurement[] = [];
  private state: CanaryState = initialCanaryState();
  private phaseIndex = 0;
  private phaseStartMs = 0;
  private nextCheckMs = 0;
  private waitingSinceMs: number | null = null;
  private lastFailure: { reason: string; cause: Omit<ControllerCause, 'rule'> } | null = null;

  constructor(
    private readonly plan: FlaggerControllerPlan,
    private readonly phaseNames: readonly string[],
    private readonly windows: ControllerWindows,
    private readonly stream: RandomStream,
    private readonly approve: boolean,
  ) {}

  startPhase(phaseIndex: number, rolloutOffsetMs: number): ControllerStep {
    this.phaseIndex = phaseIndex;
    this.phaseStartMs = rolloutOffsetMs;
    this.measurements = [];
    this.nextCheckMs = rolloutOffsetMs + this.plan.checkIntervalMs;
    if (phaseIndex > 0) return { kind: 'continue' };
    this.state = initialCanaryState();
    this.waitingSinceMs = null;
    this.lastFailure = null;
    // The checks at weight 0 run the pre-rollout webhooks; each failure keeps the weight at 0, so they
    // repeat until one passes or the threshold rolls the canary back (their intervals are not rehearsed).
    for (let checks = 0; this.state.canaryWeight === 0; checks++) {
      if (checks > analysisThreshold(this.plan.analysis) + 100)
        throw new RangeError('FlaggerDriver: the checks at weight 0 do not end');
      const step = this.check(rolloutOffsetMs, {});
      if (step.kind === 'stop') return step;
      this.pauseElapsed();
    }
    return { kind: 'continue' };
  }

  afterInterval(phaseOffsetMs: number): ControllerStep {
    const nowMs = this.phaseStartMs + phaseOffsetMs;
    if (nowMs < this.nextCheckMs) return { kind: 'continue' };
    this.nextCheckMs += this.plan.checkIntervalMs;
    const metrics: Record<string, number | null> = {};
    for (const metric of this.plan.metrics) {
      const reading = this.windows.read(metric.source, this.stream);
      const value = reading.kind === 'query' ? reading.value : null;
      metrics[metric.name] = value;
      const spec = this.plan.analysis.metrics?.find((m) => m.name === metric.name);
      const checked = spec === undefined ? null : checkMetric(spec, value);
      this.measurements.push({
        name: metric.name,
        metric: metric.source.kind === 'query' ? metric.source.metric : null,
        offsetMs: phaseOffsetMs,
        value: value === null || Number.isNaN(value) ? null : value,
        result: checked?.passed === false ? 'failed' : 'passed',
        reason: checked?.reason ?? '',
        windowMs: metric.source.kind === 'query' ? metric.source.windowMs : 0,
      });
    }
    return this.check(nowMs, metrics);
  }

  /** One check at `nowMs` (ms from the rollout's start) with these metric values. */
  private check(nowMs: number, metrics: Record<string, number | null>): ControllerStep {
    const before = this.state;
    const tick: CanaryTick = { metrics, webhooks: this.webhooks(nowMs) };
    const step = advanceCanary(this.plan.analysis, before, tick);
    this.state = step.state;
    const where = `${this.phaseNames[this.phaseIndex]}, ${formatDuration(nowMs - this.phaseStartMs)}`;
    if (step.state.failedChecks > before.failedChecks)
      this.lastFailure = { reason: step.reason, cause: this.culprit(step.reason) };
    if (step.state.phase === 'Failed') {
      const last = this.lastFailure;
      const hook = /rollback webhook (.+) invoked/.exec(step.reason)?.[1];
      const cause: Omit<ControllerCause, 'rule'> = hook
        ? { kind: 'controller', controller: 'flagger', name: hook, metric: null }
        : (last?.cause ?? { kind: 'controller', controller: 'flagger', name: 'analysis', metric: null });
      const rule = step.reason.replace(/^rolling back: /, '');
      const tail =
        last === null || hook ? '' : `; last failed check: ${last.reason.replace(/^halt advancement: /, '')}`;
      return {
        kind: 'stop',
        status: 'rolled-back',
        cause: { ...cause, rule },
        reason: `${step.reason}${tail} (${where})`,
      };
    }
    if (/^waiting for approval/.test(step.reason)) {
      this.waitingSinceMs ??= nowMs;
      if (!this.approve)
        return {
          kind: 'stop',
          status: 'halted',
          cause: null,
          reason: `${step.reason}; approval withheld, so the rollout stops here (${where})`,
        };
      return { kind: 'continue' };
    }
    this.waitingSinceMs = null;
    if (step.state.phase === 'Promoting') return { kind: 'advance', reason: `${step.reason} (${where})` };
    const phaseWeight = this.plan.phaseWeights[this.phaseIndex] ?? 0;
    if (step.state.canaryWeight > phaseWeight || (before.canaryWeight === 0 && step.state.canaryWeight > 0)) {
      return { kind: 'advance', reason: `${step.reason} (${where})` };
    }
    return { kind: 'continue' };
  }

  /** A closed gate at weight 0 is opened by the next check, as after a manual pause (that time is not rehearsed). */
  private pauseElapsed(): void {
    if (this.waitingSinceMs !== null) this.waitingSinceMs -= this.plan.manualPauseMs;
  }

  /** Each webhook's outcome at this check: drawn when the scenario gives a probability; a gate opens after the manual pause. */
  private webhooks(nowMs: number): Record<string, boolean> {
    const outcomes: Record<string, boolean> = {};
    const gateOpen = this.waitingSinceMs !== null && nowMs - this.waitingSinceMs >= this.plan.manualPauseMs;
    for (const hook of this.plan.webhooks) {
      if (hook.successProbability !== null)
        outcomes[hook.name] = this.stream.next() < hook.successProbability;
      else if (GATES.has(hook.type) && gateOpen) outcomes[hook.name] = true;
    }
    return outcomes;
  }

  /** The metric or webhook a failed check names (`halt advancement: request-success-rate 98.2 < 99 ...`). */
  private culprit(reason: string): Omit<ControllerCause, 'rule'> {
    const why = reason.replace(/^halt advancement: /, '');
    const hook = /^(?:pre-rollout )?webhook (.+) failed/.exec(why)?.[1];
    if (hook !== undefined) return { kind: 'controller', controller: 'flagger', name: hook, metric: null };
    const metric = this.plan.metrics.find(
      (m) =>
        why.startsWith(`${m.name} `) ||
        why.startsWith(`no values found for ${m.name} `) ||
        why === `no values found for ${m.name}` ||
        why.startsWith(`no values found for ${m.name} (`),
    );
    return {
      kind: 'controller',
      controller: 'flagger',
      name: metric?.name ?? why,
      metric: metric?.source.kind === 'query' ? metric.source.metric : null,
    };
  }
}
