import {
  type AnalysisPhase,
  compileMeasurement,
  isCompleted,
  type MeasurementJudge,
  type MeasurementPhase,
  type MetricAssessment,
  metricPhase,
  nextMeasurementAtMs,
  type RunAssessment,
  rolloutAction,
  runPhase,
  type TimedMeasurement,
} from '../gates/argo/index.js';
import type { RandomStream } from '../random/index.js';
import type { ArgoAnalysisPlan, ArgoControllerPlan, ArgoMetricPlan } from '../scenario/controllerPlan.js';
import { formatDuration } from '../scenario/duration.js';
import type { ControllerDriver, ControllerStep } from './controllerDriver.js';
import type { ControllerWindows } from './controllerWindows.js';
import type { ControllerMeasurement } from './rehearsal.js';

/** One metric of a running AnalysisRun: its judge, its measurements so far and its phase. */
interface MetricRun {
  plan: ArgoMetricPlan;
  judge: MeasurementJudge;
  timed: TimedMeasurement[];
  phases: MeasurementPhase[];
  assessment: MetricAssessment | null;
  lastReason: string;
}

/** An AnalysisRun in flight: background or an analysis step's, started at `startMs` (ms from the rollout's start). */
interface AnalysisRun {
  label: string;
  startMs: number;
  metrics: MetricRun[];
}

function startRun(analysis: ArgoAnalysisPlan, label: string, startMs: number): AnalysisRun {
  return {
    label,
    startMs,
    metrics: analysis.metrics.map((plan) => {
      const compiled = compileMeasurement(plan.metric, plan.metric.name);
      if (compiled.judge === null)
        throw new RangeError(`ArgoDriver: metric ${plan.metric.name} passed validation but does not compile`);
      return { plan, judge: compiled.judge, timed: [], phases: [], assessment: null, lastReason: '' };
    }),
  };
}

/**
 * Argo Rollouts' canary steps over a rehearsal: each phase's pauses and analysis steps in order,
 * background analysis from its starting phase on, every metric measured when `nextMeasurementAtMs` says
 * (at the first interval end on or after), judged by `compileMeasurement`, assessed by `metricPhase`, the
 * run by `runPhase`, and the Rollout's reaction by `rolloutAction`: Failed or Error abort (rollback),
 * Inconclusive pauses (the rehearsal ends halted). A `pause: {}` holds for `manualPauseMs`, then counts
 * as promoted; with approval withheld, the rehearsal halts there.
 */
export class ArgoDriver implements ControllerDriver {
  measurements: ControllerMeasurement[] = [];
  private background: AnalysisRun | null = null;
  private inline: AnalysisRun | null = null;
  private phaseIndex = 0;
  private phaseStartMs = 0;
  private stepIndex = 0;
  private stepStartMs = 0;

  constructor(
    private readonly plan: ArgoControllerPlan,
    private readonly phaseNames: readonly string[],
    private readonly windows: ControllerWindows,
    private readonly stream: RandomStream,
    private readonly approve: boolean,
  ) {}

  startPhase(phaseIndex: number, rolloutOffsetMs: number): ControllerStep {
    this.phaseIndex = phaseIndex;
    this.phaseStartMs = rolloutOffsetMs;
    this.stepIndex = 0;
    this.stepStartMs = rolloutOffsetMs;
    this.inline = null;
    this.measurements = [];
    const background = this.plan.background;
    if (background !== null && background.phaseIndex === phaseIndex && this.background === null) {
      this.background = startRun(background.analysis, 'background analysis', rolloutOffsetMs);
    }
    return this.evaluate(rolloutOffsetMs);
  }

  afterInterval(phaseOffsetMs: number): ControllerStep {
    return this.evaluate(this.phaseStartMs + phaseOffsetMs);
  }

  /** Measures what is due at `nowMs` (ms from the rollout's start), then walks the phase's steps. */
  private evaluate(nowMs: number): ControllerStep {
    for (const run of [this.background, this.inline]) {
      if (run === null) continue;
      const decided = this.measureRun(run, nowMs);
      if (decided !== null) return decided;
      if (run === this.background && this.runAssessment(run).phase === 'Successful') this.background = null;
    }
    return this.walkSteps(nowMs);
  }

  private walkSteps(nowMs: number): ControllerStep {
    const steps = this.plan.phaseSteps[this.phaseIndex] ?? [];
    while (this.stepIndex < steps.length) {
      const step = steps[this.stepIndex]!;
      if (step.kind === 'pause') {
        if (step.durationMs === null && !this.approve) {
          return {
            kind: 'stop',
            status: 'halted',
            cause: null,
            reason: `pause {} at step ${step.step} waits for a person; approval withheld, so the rollout stops here`,
          };
        }
        const waitMs = step.durationMs ?? this.plan.manualPauseMs;
        if (nowMs - this.stepStartMs < waitMs) return { kind: 'continue' };
      } else {
        if (this.inline === null) {
          this.inline = startRun(step.analysis, `analysis step ${step.step}`, nowMs);
          const decided = this.measureRun(this.inline, nowMs);
          if (decided !== null) return decided;
        }
        if (this.runAssessment(this.inline).phase !== 'Successful') return { kind: 'continue' };
        this.inline = null;
      }
      this.stepIndex++;
      this.stepStartMs = nowMs;
    }
    return { kind: 'advance', reason: `steps of ${this.phaseNames[this.phaseIndex]} done` };
  }

  private runAssessment(run: AnalysisRun): RunAssessment {
    return runPhase(
      run.metrics.map((m) => ({
        name: m.plan.metric.name,
        phase: m.assessment?.phase ?? 'Pending',
        dryRun: m.plan.dryRun,
        reason: m.assessment?.reason ?? '',
      })),
    );
  }

  /** Takes each metric's measurement due by `nowMs`; a Failed, Error or Inconclusive run stops the rehearsal. */
  private measureRun(run: AnalysisRun, nowMs: number): ControllerStep | null {
    for (const metric of run.metrics) {
      if (metric.assessment !== null && isCompleted(metric.assessment.phase)) continue;
      const dueMs = nextMeasurementAtMs(metric.plan.metric, metric.timed);
      if (dueMs === null || run.startMs + dueMs > nowMs) continue;
      this.measure(metric, run, nowMs);
    }
    const assessed = this.runAssessment(run);
    const action = rolloutAction(assessed.phase);
    if (action !== 'abort' && action !== 'pause') return null;
    return this.stopped(run, assessed, action);
  }

  private measure(metric: MetricRun, run: AnalysisRun, nowMs: number): void {
    const reading = this.windows.read(metric.plan.source, this.stream);
    let value: number | null = null;
    let result: { phase: Exclude<MeasurementPhase, 'Running'>; reason: string };
    if (reading.kind === 'provider') {
      result = reading.succeeded
        ? { phase: 'Successful', reason: 'the provider succeeded' }
        : { phase: 'Failed', reason: 'the provider failed' };
    } else {
      value = reading.value;
      result = metric.judge(value === null ? [] : [value]);
      if (Number.isNaN(value)) value = null;
    }
    metric.timed.push({ phase: result.phase, finishedAtMs: nowMs - run.startMs });
    metric.phases.push(result.phase);
    metric.assessment = metricPhase(metric.plan.metric, metric.phases);
    metric.lastReason = result.reason;
    this.measurements.push({
      name: metric.plan.metric.name,
      metric: metric.plan.source.kind === 'query' ? metric.plan.source.metric : null,
      offsetMs: nowMs - this.phaseStartMs,
      value,
      result: result.phase,
      reason: result.reason,
      windowMs: metric.plan.source.kind === 'query' ? metric.plan.source.windowMs : 0,
    });
  }

  private stopped(run: AnalysisRun, assessed: RunAssessment, action: 'abort' | 'pause'): ControllerStep {
    const metric = run.metrics.find((m) => m.plan.metric.name === assessed.decidingMetric) ?? null;
    const source = metric?.plan.source;
    const where = `${this.phaseNames[this.phaseIndex]}, ${formatDuration(this.measurements.at(-1)?.offsetMs ?? 0)}`;
    const last = metric === null ? '' : `; last measurement: ${metric.lastReason}`;
    const phase: AnalysisPhase = assessed.phase;
    const reaction = action === 'abort' ? 'the Rollout aborts' : 'the Rollout pauses for a person';
    return {
      kind: 'stop',
      status: action === 'abort' ? 'rolled-back' : 'halted',
      cause:
        metric === null
          ? null
          : {
              kind: 'controller',
              controller: 'argo',
              name: metric.plan.metric.name,
              metric: source?.kind === 'query' ? source.metric : null,
              rule: metric.assessment?.reason ?? phase,
            },
      reason: `${run.label} ${phase}, ${reaction}: ${assessed.reason}${last} (${where})`,
    };
  }
}
