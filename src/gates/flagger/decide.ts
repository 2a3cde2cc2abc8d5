import { advanceCanary } from './advanceCanary.js';
import { type CanaryPhase, type CanaryState, initialCanaryState } from './canaryState.js';
import type { CanaryTick } from './canaryTick.js';
import { analysisIntervalMs, type FlaggerAnalysis } from './flaggerAnalysis.js';

/** Where the canary stands: still analysing (or waiting for approval), promoted, or rolled back. */
export type CanaryAction = 'progressing' | 'promote' | 'rollback';

/** One check: when it ran (ms after the new revision was detected), the state it left and why. */
export interface CanaryCheck {
  atMs: number;
  state: CanaryState;
  reason: string;
}

/** A canary analysis decided over a sequence of checks. */
export interface CanaryDecision {
  action: CanaryAction;
  phase: CanaryPhase;
  failedChecks: number;
  /** The canary's traffic weight after the last check, percent. */
  weight: number;
  /** Time between checks, ms (the interval as Flagger schedules it). */
  intervalMs: number;
  /** Every check run, until the analysis ended or the ticks ran out. */
  checks: CanaryCheck[];
}

function actionOf(phase: CanaryPhase): CanaryAction {
  if (phase === 'Failed') return 'rollback';
  if (phase === 'Promoting' || phase === 'Finalising' || phase === 'Succeeded') return 'promote';
  return 'progressing';
}

/**
 * A Canary's analysis run check by check with {@link advanceCanary}, one tick per interval, starting
 * when Flagger has detected the new revision (check i runs at (i + 1) × interval). It stops at the
 * first check that starts the promotion or rolls back, or when the ticks run out (`progressing`: the
 * analysis would go on, or waits at a closed gate). `promote` means the canary passed: Flagger then
 * takes two more intervals (or more with `stepWeightPromotion`) to shift traffic and finish.
 *
 * @example decide({ interval: '1m', threshold: 2, stepWeight: 50, metrics: [{ name: 'request-success-rate', thresholdRange: { min: 99 } }] },
 *   [{}, { metrics: { 'request-success-rate': 99.5 } }, { metrics: { 'request-success-rate': 99.9 } }]).action // 'promote'
 */
export function decide(
  analysis: FlaggerAnalysis,
  ticks: readonly CanaryTick[],
  from: CanaryState = initialCanaryState(),
): CanaryDecision {
  const intervalMs = analysisIntervalMs(analysis);
  const checks: CanaryCheck[] = [];
  let state = from;
  for (let i = 0; i < ticks.length && actionOf(state.phase) === 'progressing'; i++) {
    const step = advanceCanary(analysis, state, ticks[i]!);
    state = step.state;
    checks.push({ atMs: (i + 1) * intervalMs, state, reason: step.reason });
  }
  return {
    action: actionOf(state.phase),
    phase: state.phase,
    failedChecks: state.failedChecks,
    weight: state.canaryWeight,
    intervalMs,
    checks,
  };
}
