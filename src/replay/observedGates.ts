import {
  type Condition,
  type EvaluationContext,
  emptyWindowStats,
  evaluateGate,
  evaluateGuard,
  type GateResult,
  type GuardResult,
  guardTrips,
  type MetricName,
  type WindowStats,
} from '../gates/index.js';
import type { ObservedPoint } from './observedPoint.js';

/** Metrics a CSV records as values rather than counts, and the quantile behind each latency column. */
const RECORDED: Partial<Record<MetricName, (point: ObservedPoint) => number | null>> = {
  p50LatencyMs: (point) => point.p50LatencyMs,
  p95LatencyMs: (point) => point.p95LatencyMs,
  p99LatencyMs: (point) => point.p99LatencyMs,
  availability: (point) => point.availability,
  revenueImpact: (point) => point.revenueImpact,
  incidents: (point) => point.incidents,
};

const QUANTILE: Partial<Record<MetricName, number>> = {
  p50LatencyMs: 0.5,
  p95LatencyMs: 0.95,
  p99LatencyMs: 0.99,
};

/** Histogram size of the one-bucket encoding: q × 100 is an exact integer for q = 0.5, 0.95, 0.99. */
const ENCODED_COUNT = 100;

/**
 * The point as the raw window sums the gate code reads, for evaluating `metric`. Counts are the recorded
 * sums. A recorded latency quantile `v` becomes a histogram with one finite bucket `[0, v]` holding the
 * share `q` of the observations and the rest in +Inf: Prometheus' interpolation then returns exactly `v`
 * for `q`, so the recorded value goes through `histogramQuantile` and the gate unchanged. Availability is
 * one unit of observed time of which the recorded fraction was up, so `upMs / observedMs` is that fraction.
 */
export function observedWindowStats(point: ObservedPoint, metric: MetricName): WindowStats {
  const quantile = QUANTILE[metric];
  const latencyMs = quantile === undefined ? null : RECORDED[metric]!(point);
  const stats = emptyWindowStats(latencyMs === null ? [] : [latencyMs], 0);
  if (latencyMs !== null && quantile !== undefined) {
    stats.latencyCounts = [quantile * ENCODED_COUNT, ENCODED_COUNT - quantile * ENCODED_COUNT];
  }
  stats.requests = point.requests;
  stats.errors = point.errors;
  if (point.availability !== null) {
    stats.upMs = point.availability;
    stats.observedMs = 1;
  }
  stats.incidents = point.incidents ?? 0;
  stats.revenueImpact = point.revenueImpact;
  stats.segments = point.segments;
  return stats;
}

/** Metrics computed from the recorded counts: the gate code derives them exactly as in a rehearsal. */
const COUNTED: ReadonlySet<MetricName> = new Set<MetricName>(['errorRate', 'requests', 'segmentVariance']);

/**
 * Whether the point has a value for `metric`: counted metrics always do, recorded ones when a cell gave one,
 * and any other metric (churn, completions, integrity checks) never: the CSV has no column for it.
 */
export function isRecorded(point: ObservedPoint, metric: MetricName): boolean {
  if (COUNTED.has(metric)) return true;
  const recorded = RECORDED[metric];
  return recorded !== undefined && recorded(point) !== null;
}

function notRecordedReason(metric: MetricName, context: EvaluationContext, outcome: string): string {
  return `${metric}: not recorded in the observed file (${context.phase}, ${context.label}) → ${outcome}`;
}

/** The result of a gate whose metric has no recorded value: `inconclusive`, saying so. */
export function notRecordedGate(condition: Condition, context: EvaluationContext): GateResult {
  const { metric, op, threshold } = condition;
  return {
    metric,
    op,
    threshold,
    observed: null,
    verdict: 'inconclusive',
    reason: notRecordedReason(metric, context, 'inconclusive'),
  };
}

/**
 * A gate over a recorded point, by the rehearsal's own {@link evaluateGate}. A metric the file did not
 * record (no column, or an empty cell) is `inconclusive`, never a silent pass.
 */
export function evaluateObservedGate(
  condition: Condition,
  point: ObservedPoint,
  context: EvaluationContext,
): GateResult {
  if (!isRecorded(point, condition.metric)) return notRecordedGate(condition, context);
  return evaluateGate(condition, observedWindowStats(point, condition.metric), context);
}

/** Whether a guard trips on a recorded point, by the rehearsal's own {@link guardTrips}; allocates little. */
export function observedGuardTrips(condition: Condition, point: ObservedPoint): boolean {
  return (
    isRecorded(point, condition.metric) && guardTrips(condition, observedWindowStats(point, condition.metric))
  );
}

/** A guard over a recorded point, by the rehearsal's own {@link evaluateGuard}; an unrecorded metric never trips. */
export function evaluateObservedGuard(
  condition: Condition,
  point: ObservedPoint,
  context: EvaluationContext,
): GuardResult {
  const { metric, op, threshold } = condition;
  if (!isRecorded(point, metric)) {
    return {
      metric,
      op,
      threshold,
      observed: null,
      tripped: false,
      reason: notRecordedReason(metric, context, 'not evaluated'),
    };
  }
  return evaluateGuard(condition, observedWindowStats(point, metric), context);
}
