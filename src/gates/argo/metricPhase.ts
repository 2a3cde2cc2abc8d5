import { type AnalysisPhase, isCompleted, type MeasurementPhase } from './analysisPhase.js';
import {
  type ArgoMetric,
  consecutiveErrorLimitOf,
  consecutiveSuccessLimitOf,
  effectiveCount,
  failureLimitOf,
  inconclusiveLimitOf,
} from './argoMetric.js';
import { addMeasurement, emptyTally, type MetricTally } from './metricTally.js';

/** A metric's phase after its measurements, why, and the counters it was decided on. */
export interface MetricAssessment {
  phase: AnalysisPhase;
  reason: string;
  tally: MetricTally;
  /** How many of the given measurements the controller would have taken: none after the metric completes. */
  measurementsUsed: number;
}

/** The limit checks of `assessMetricFailureInconclusiveOrError`: a later check overrides an earlier one. */
function limitBreach(
  metric: ArgoMetric,
  tally: MetricTally,
): { phase: AnalysisPhase; reason: string } | null {
  let breach: { phase: AnalysisPhase; reason: string } | null = null;
  const failureLimit = failureLimitOf(metric);
  if (failureLimit >= 0 && tally.failed > failureLimit) {
    breach = { phase: 'Failed', reason: `failed (${tally.failed}) > failureLimit (${failureLimit})` };
  }
  const inconclusiveLimit = inconclusiveLimitOf(metric);
  if (tally.inconclusive > inconclusiveLimit) {
    const reason = `inconclusive (${tally.inconclusive}) > inconclusiveLimit (${inconclusiveLimit})`;
    breach = { phase: 'Inconclusive', reason };
  }
  const errorLimit = consecutiveErrorLimitOf(metric);
  if (tally.consecutiveError > errorLimit) {
    const reason = `consecutiveErrors (${tally.consecutiveError}) > consecutiveErrorLimit (${errorLimit})`;
    breach = { phase: 'Error', reason };
  }
  return breach;
}

function countReached(
  metric: ArgoMetric,
  tally: MetricTally,
  count: number,
): { phase: AnalysisPhase; reason: string } {
  const failureLimit = failureLimitOf(metric);
  const successLimit = consecutiveSuccessLimitOf(metric);
  const failureApplies = failureLimit >= 0;
  const successApplies = successLimit > 0;
  if (failureApplies && successApplies) {
    const reason = `count (${count}) reached with consecutiveSuccess (${tally.consecutiveSuccess}) < consecutiveSuccessLimit (${successLimit}) and failed (${tally.failed}) ≤ failureLimit (${failureLimit})`;
    return { phase: 'Inconclusive', reason };
  }
  if (successApplies) {
    const reason = `count (${count}) reached with consecutiveSuccess (${tally.consecutiveSuccess}) < consecutiveSuccessLimit (${successLimit})`;
    return { phase: 'Failed', reason };
  }
  return { phase: 'Successful', reason: `count (${count}) reached` };
}

/** `assessMetricStatus` for one reconcile: the phase given the counters and the last measurement. */
function assess(
  metric: ArgoMetric,
  tally: MetricTally,
  last: MeasurementPhase | undefined,
  terminating: boolean,
): { phase: AnalysisPhase; reason: string } {
  if (last === undefined) {
    return terminating
      ? { phase: 'Successful', reason: 'run terminated before the first measurement' }
      : { phase: 'Pending', reason: 'no measurement yet' };
  }
  if (last === 'Running') return { phase: 'Running', reason: 'measurement in flight' };
  const breach = limitBreach(metric, tally);
  if (breach !== null) return breach;
  const successLimit = consecutiveSuccessLimitOf(metric);
  if (successLimit > 0 && tally.consecutiveSuccess >= successLimit) {
    const reason = `consecutiveSuccess (${tally.consecutiveSuccess}) ≥ consecutiveSuccessLimit (${successLimit})`;
    return { phase: 'Successful', reason };
  }
  const count = effectiveCount(metric);
  if (count !== null && tally.count >= count) return countReached(metric, tally, count);
  if (terminating) return { phase: 'Successful', reason: `run terminated after ${tally.count} measurements` };
  return { phase: 'Running', reason: `${tally.count} of ${count ?? 'unlimited'} measurements taken` };
}

/**
 * A metric's phase after a sequence of measurement phases, decided the way Argo Rollouts' analysis
 * controller decides it (analysis/analysis.go, `assessMetricStatus`). The metric is assessed after each
 * measurement, and its first completed phase is final: measurements after it are ignored, as the
 * controller would not have taken them. In order:
 *
 * 1. no measurement: Pending, or Successful when the run is terminating;
 * 2. the last measurement still Running: Running;
 * 3. `failed > failureLimit` (default 0, strict, off at -1): Failed; then `inconclusive >
 *    inconclusiveLimit` (default 0): Inconclusive; then `consecutiveError > consecutiveErrorLimit`
 *    (default 4): Error; a later breach overrides an earlier one, as in the controller;
 * 4. `consecutiveSuccess ≥ consecutiveSuccessLimit` when that limit is above 0: Successful;
 * 5. the effective count reached (Error measurements do not count): Successful, except that with
 *    `consecutiveSuccessLimit` on it is Inconclusive when `failureLimit` also applies and Failed when
 *    `failureLimit` is -1;
 * 6. a terminating run (stopped, or a sibling metric completed badly): Successful;
 * 7. otherwise Running.
 *
 * `terminating` applies to the assessment after the last measurement.
 *
 * @example metricPhase({ name: 'sr', failureLimit: 2, interval: '60s' }, ['Failed', 'Failed', 'Failed']).phase // 'Failed'
 */
export function metricPhase(
  metric: ArgoMetric,
  measurements: readonly MeasurementPhase[],
  terminating = false,
): MetricAssessment {
  const tally = emptyTally();
  for (let i = 0; i < measurements.length; i++) {
    const phase = measurements[i]!;
    addMeasurement(tally, phase);
    const isLast = i === measurements.length - 1;
    const assessed = assess(metric, tally, phase, isLast && terminating);
    if (isLast || isCompleted(assessed.phase)) return { ...assessed, tally, measurementsUsed: i + 1 };
  }
  return { ...assess(metric, tally, undefined, terminating), tally, measurementsUsed: 0 };
}
