import { computeMetric } from './computeMetric.js';
import { asObserved, type Condition, canEvaluate, type EvaluationContext } from './condition.js';
import type { MetricName } from './metrics.js';
import { conditionHolds, type Operator } from './operators.js';
import { comparisonReason, notEvaluatedReason } from './reason.js';
import type { Verdict } from './verdict.js';
import type { WindowStats } from './windowStats.js';

/** A gate's recorded outcome at a checkpoint; `observed` is null when the window gave no value. */
export interface GateResult {
  metric: MetricName;
  op: Operator;
  threshold: number;
  observed: number | null;
  verdict: Verdict;
  reason: string;
}

/**
 * A gate's verdict without its reason, allocating nothing: `pass` when the condition holds, `fail` when it
 * does not, `inconclusive` when the metric has no value or the window has fewer than `minRequests` requests.
 *
 * @example gateVerdict({ metric: 'errorRate', op: 'below', threshold: 0.01 }, stats) // 'pass'
 */
export function gateVerdict(condition: Condition, stats: WindowStats): Verdict {
  const observed = computeMetric(condition.metric, stats);
  if (!canEvaluate(condition, observed, stats.requests)) return 'inconclusive';
  return conditionHolds(condition.op, observed, condition.threshold) ? 'pass' : 'fail';
}

/**
 * A gate evaluated and recorded with its reason (same verdict as {@link gateVerdict}).
 *
 * @example
 * evaluateGate({ metric: 'errorRate', op: 'below', threshold: 0.005 }, stats, { phase: 'ramp', label: '2h checkpoint' })
 * // { ..., observed: 0.0062, verdict: 'fail',
 * //   reason: 'errorRate 0.62% ≥ 0.50% limit (ramp, 2h checkpoint, 7,412 requests)' }
 */
export function evaluateGate(
  condition: Condition,
  stats: WindowStats,
  context: EvaluationContext,
): GateResult {
  return evaluateGateValue(condition, computeMetric(condition.metric, stats), stats.requests, context);
}

/**
 * A gate judged on a value measured elsewhere (a replayed CSV row's `p99_latency_ms`, a production
 * controller's own query) and the window's request count: the same verdict and reason as
 * {@link evaluateGate}. `observed` is in the metric's unit; null (or NaN) means no value.
 *
 * @example evaluateGateValue({ metric: 'p99LatencyMs', op: 'below', threshold: 200 }, 46, 96, context).verdict // 'pass'
 */
export function evaluateGateValue(
  condition: Condition,
  measured: number | null,
  requests: number,
  context: EvaluationContext,
): GateResult {
  const { metric, op, threshold } = condition;
  const observed = asObserved(measured);
  if (!canEvaluate(condition, observed, requests)) {
    const reason = notEvaluatedReason(condition, observed, requests, context, 'inconclusive');
    return { metric, op, threshold, observed, verdict: 'inconclusive', reason };
  }
  const holds = conditionHolds(op, observed, threshold);
  const reason = comparisonReason(condition, observed, holds, !holds, requests, context);
  return { metric, op, threshold, observed, verdict: holds ? 'pass' : 'fail', reason };
}

/**
 * {@link evaluateGateValue} without its reason (the empty string), for callers that read verdicts alone (the
 * Monte Carlo's tally): the same `observed` and `verdict`, allocating only the result.
 *
 * @example evaluateGateVerdict({ metric: 'errorRate', op: 'below', threshold: 0.01 }, 0.004, 250).verdict // 'pass'
 */
export function evaluateGateVerdict(
  condition: Condition,
  measured: number | null,
  requests: number,
): GateResult {
  const { metric, op, threshold } = condition;
  const observed = asObserved(measured);
  const verdict: Verdict = !canEvaluate(condition, observed, requests)
    ? 'inconclusive'
    : conditionHolds(op, observed, threshold)
      ? 'pass'
      : 'fail';
  return { metric, op, threshold, observed, verdict, reason: '' };
}
