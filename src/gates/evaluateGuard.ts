import { computeMetric } from './computeMetric.js';
import { asObserved, type Condition, canEvaluate, type EvaluationContext } from './condition.js';
import type { BucketRange } from './histogramQuantile.js';
import type { MetricName } from './metrics.js';
import { conditionHolds, type Operator } from './operators.js';
import { comparisonReason, notEvaluatedReason } from './reason.js';
import type { WindowStats } from './windowStats.js';

/** A guard's outcome on its trailing window; `observed` is null when the window gave no value. */
export interface GuardResult {
  metric: MetricName;
  op: Operator;
  threshold: number;
  observed: number | null;
  tripped: boolean;
  reason: string;
}

/**
 * Whether a guard trips, allocating nothing (the engine calls it every monitoring interval). A guard names
 * the condition that triggers a rollback: `{ metric: 'p99LatencyMs', op: 'above', threshold: 250 }` trips
 * when p99 > 250 ms. No value, or fewer than `minRequests` requests, never trips. `latencyBuckets`, a range
 * holding every non-zero latency count, spares a latency quantile the empty buckets.
 *
 * @example guardTrips({ metric: 'errorRate', op: 'above', threshold: 0.015 }, trailingWindow) // false
 */
export function guardTrips(condition: Condition, stats: WindowStats, latencyBuckets?: BucketRange): boolean {
  const observed = computeMetric(condition.metric, stats, latencyBuckets);
  return (
    canEvaluate(condition, observed, stats.requests) &&
    conditionHolds(condition.op, observed, condition.threshold)
  );
}

/**
 * A guard evaluated with its reason (same outcome as {@link guardTrips}); call it to record a trip.
 *
 * @example
 * evaluateGuard({ metric: 'p99LatencyMs', op: 'above', threshold: 250 }, window, { phase: 'ramp', label: '2h10m' })
 * // { ..., observed: 312, tripped: true, reason: 'p99LatencyMs 312 ms > 250 ms limit (ramp, 2h10m, 1,204 requests)' }
 */
export function evaluateGuard(
  condition: Condition,
  stats: WindowStats,
  context: EvaluationContext,
): GuardResult {
  return evaluateGuardValue(condition, computeMetric(condition.metric, stats), stats.requests, context);
}

/**
 * A guard judged on a value measured elsewhere and the window's request count: the same outcome and reason
 * as {@link evaluateGuard}. `observed` is in the metric's unit; null (or NaN) means no value, never a trip.
 */
export function evaluateGuardValue(
  condition: Condition,
  measured: number | null,
  requests: number,
  context: EvaluationContext,
): GuardResult {
  const { metric, op, threshold } = condition;
  const observed = asObserved(measured);
  if (!canEvaluate(condition, observed, requests)) {
    const reason = notEvaluatedReason(condition, observed, requests, context, 'not evaluated');
    return { metric, op, threshold, observed, tripped: false, reason };
  }
  const tripped = conditionHolds(op, observed, threshold);
  const reason = comparisonReason(condition, observed, tripped, tripped, requests, context);
  return { metric, op, threshold, observed, tripped, reason };
}
