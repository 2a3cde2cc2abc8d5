import type { CanaryState } from './canaryState.js';
import { type CanaryTick, webhookOutcome } from './canaryTick.js';
import { checkMetric } from './checkMetric.js';
import {
  analysisThreshold,
  type FlaggerAnalysis,
  type FlaggerWebhookType,
  maxWeightOf,
  nextStepWeight,
  TOTAL_WEIGHT,
} from './flaggerAnalysis.js';

/** A check's new state and what happened, in a sentence. */
export interface CanaryStep {
  state: CanaryState;
  reason: string;
}

const BUILTIN = new Set(['request-success-rate', 'request-duration']);

/** The first closed webhook of a type at this tick, or null when all of them pass. */
function closed(analysis: FlaggerAnalysis, tick: CanaryTick, type: FlaggerWebhookType): string | null {
  const hooks = (analysis.webhooks ?? []).filter((hook) => (hook.type ?? 'rollout') === type);
  return hooks.find((hook) => !webhookOutcome(hook, tick))?.name ?? null;
}

/** `runAnalysis`: rollout webhooks, then builtin and inline-query metrics, then MetricTemplate metrics. */
function firstFailure(analysis: FlaggerAnalysis, tick: CanaryTick): string | null {
  const hook = closed(analysis, tick, 'rollout');
  if (hook !== null) return `webhook ${hook} failed`;
  const metrics = analysis.metrics ?? [];
  const builtins = metrics.filter((m) => BUILTIN.has(m.name) || m.query);
  const templated = metrics.filter((m) => m.templateRef && !builtins.includes(m));
  for (const metric of [...builtins, ...templated]) {
    const check = checkMetric(metric, tick.metrics?.[metric.name] ?? null);
    if (!check.passed) return check.reason;
  }
  return null;
}

function withFailedCheck(state: CanaryState, why: string, threshold: number): CanaryStep {
  const failedChecks = state.failedChecks + 1;
  return {
    state: { ...state, failedChecks },
    reason: `halt advancement: ${why} (failed checks ${failedChecks} of ${threshold})`,
  };
}

function promoteOrWait(analysis: FlaggerAnalysis, state: CanaryState, tick: CanaryTick): CanaryStep | null {
  const gate = closed(analysis, tick, 'confirm-promotion');
  if (gate === null) return null;
  return {
    state: { ...state, phase: 'WaitingPromotion' },
    reason: `waiting for approval: confirm-promotion webhook ${gate}`,
  };
}

function promoting(state: CanaryState, why: string): CanaryStep {
  return { state: { ...state, phase: 'Promoting' }, reason: `promoting: ${why}` };
}

/**
 * `runAB` and `runBlueGreen`: one iteration per passing check, then promotion behind the
 * confirm-promotion gate. A/B testing routes all traffic to the canary from the first iteration;
 * Blue/Green keeps it on the primary and spends one more check routing it all to the canary.
 */
function advanceIterations(
  analysis: FlaggerAnalysis,
  state: CanaryState,
  tick: CanaryTick,
  strategy: 'a/b' | 'blue/green',
): CanaryStep {
  const iterations = analysis.iterations ?? 0;
  const allToCanary = { primaryWeight: 0, canaryWeight: TOTAL_WEIGHT, iterations: state.iterations + 1 };
  if (iterations > state.iterations) {
    const next =
      strategy === 'a/b' ? { ...state, ...allToCanary } : { ...state, iterations: state.iterations + 1 };
    return { state: next, reason: `iteration ${next.iterations} of ${iterations}` };
  }
  const waiting = promoteOrWait(analysis, state, tick);
  if (waiting !== null) return waiting;
  if (strategy === 'blue/green' && iterations === state.iterations) {
    return { state: { ...state, ...allToCanary }, reason: 'routing all traffic to the canary' };
  }
  return promoting(state, `${iterations} iterations passed`);
}

/** The progressive canary strategy: `runConfirmTrafficIncreaseHooks`, then `runCanary`. */
function advanceWeight(analysis: FlaggerAnalysis, state: CanaryState, tick: CanaryTick): CanaryStep {
  const step = nextStepWeight(analysis, state.canaryWeight);
  if (step <= 0) return { state, reason: 'no step weight: the canary does not advance' };
  if (state.phase === 'Progressing') {
    const gate = closed(analysis, tick, 'confirm-traffic-increase');
    if (gate !== null)
      return { state, reason: `waiting for approval: confirm-traffic-increase webhook ${gate}` };
  }
  const maxWeight = maxWeightOf(analysis);
  if (state.canaryWeight < maxWeight) {
    const canaryWeight = Math.min(TOTAL_WEIGHT, state.canaryWeight + step);
    const primaryWeight = Math.max(0, state.primaryWeight - step);
    return {
      state: { ...state, canaryWeight, primaryWeight },
      reason: `advance canary weight ${canaryWeight}`,
    };
  }
  return (
    promoteOrWait(analysis, state, tick) ??
    promoting(state, `canary weight ${state.canaryWeight} ≥ maxWeight ${maxWeight}`)
  );
}

/** `runPromotionTrafficShift`: traffic back to the primary, all at once or `stepWeightPromotion` a check. */
function shiftToPrimary(analysis: FlaggerAnalysis, state: CanaryState): CanaryStep {
  const step = analysis.stepWeightPromotion ?? 0;
  if (step === 0) {
    const next: CanaryState = { ...state, phase: 'Finalising', primaryWeight: TOTAL_WEIGHT, canaryWeight: 0 };
    return { state: next, reason: 'routing all traffic to the primary' };
  }
  if (state.canaryWeight === 0) return { state, reason: 'promoting: no canary traffic to move' };
  const primaryWeight = Math.min(TOTAL_WEIGHT, state.primaryWeight + step);
  const canaryWeight = Math.max(0, state.canaryWeight - step);
  const phase = primaryWeight === TOTAL_WEIGHT ? 'Finalising' : 'Promoting';
  return {
    state: { ...state, phase, primaryWeight, canaryWeight },
    reason: `advance primary weight ${primaryWeight}`,
  };
}

function rolledBack(state: CanaryState, reason: string): CanaryStep {
  const next: CanaryState = { ...state, phase: 'Failed', primaryWeight: TOTAL_WEIGHT, canaryWeight: 0 };
  return { state: next, reason };
}

/**
 * One check of a Canary's analysis, in the order of Flagger's `advanceCanary`
 * (pkg/controller/scheduler.go), from the state the previous check left:
 *
 * 1. a `rollback` webhook that answers 2xx while progressing or waiting for promotion: roll back;
 * 2. promoting: move traffic back to the primary; finalising: succeed;
 * 3. `failedChecks ≥ threshold` (default 1) while progressing or waiting for promotion: roll back.
 *    This is checked at the start of a check, so a rollback comes one interval after the failed check
 *    that reached the threshold;
 * 4. the first check (no canary traffic, no iteration) runs the `pre-rollout` webhooks; later ones run
 *    the analysis: `rollout` webhooks, builtin and inline metrics, then MetricTemplate metrics. The first
 *    failure adds one failed check and ends the check there, traffic unchanged;
 * 5. then the strategy: A/B testing (`match` and `iterations`), Blue/Green (`iterations`), or progressive
 *    weights: `stepWeight` up to `maxWeight` or the `stepWeights` list, behind the
 *    `confirm-traffic-increase` gate; a step may overshoot `maxWeight` (only 100 caps it), and a weight
 *    at or above `maxWeight` is promoted behind the `confirm-promotion` gate (closed: WaitingPromotion,
 *    during which checks and failed checks go on).
 *
 * @example advanceCanary({ stepWeight: 10 }, initialCanaryState(), {}).state.canaryWeight // 10
 */
export function advanceCanary(analysis: FlaggerAnalysis, state: CanaryState, tick: CanaryTick): CanaryStep {
  const active = state.phase === 'Progressing' || state.phase === 'WaitingPromotion';
  if (state.phase === 'Succeeded' || state.phase === 'Failed')
    return { state, reason: `analysis ${state.phase.toLowerCase()}` };
  if (active) {
    const rollback = (analysis.webhooks ?? []).find(
      (hook) => hook.type === 'rollback' && tick.webhooks?.[hook.name] === true,
    );
    if (rollback) return rolledBack(state, `rolling back: rollback webhook ${rollback.name} invoked`);
  }
  if (state.phase === 'Promoting') return shiftToPrimary(analysis, state);
  if (state.phase === 'Finalising')
    return { state: { ...state, phase: 'Succeeded' }, reason: 'promotion completed' };
  const threshold = analysisThreshold(analysis);
  if (state.failedChecks >= threshold) {
    return rolledBack(
      state,
      `rolling back: failed checks threshold reached (${state.failedChecks} ≥ ${threshold})`,
    );
  }
  if (state.canaryWeight === 0 && state.iterations === 0) {
    const hook = closed(analysis, tick, 'pre-rollout');
    if (hook !== null) return withFailedCheck(state, `pre-rollout webhook ${hook} failed`, threshold);
  } else {
    const failure = firstFailure(analysis, tick);
    if (failure !== null) return withFailedCheck(state, failure, threshold);
  }
  if ((analysis.iterations ?? 0) > 0)
    return advanceIterations(analysis, state, tick, analysis.match ? 'a/b' : 'blue/green');
  return advanceWeight(analysis, state, tick);
}
