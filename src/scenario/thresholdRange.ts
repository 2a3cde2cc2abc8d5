import type { MetricName } from '../gates/metrics.js';
import type { Operator } from '../gates/operators.js';

/** The values a threshold on a metric may take, and how a problem describes them. */
interface ThresholdRange {
  min: number;
  minExclusive: boolean;
  max: number;
  expected: string;
}

const FRACTION: ThresholdRange = { min: 0, minExclusive: false, max: 1, expected: 'a number in [0, 1]' };
const LATENCY: ThresholdRange = {
  min: 0,
  minExclusive: true,
  max: Number.POSITIVE_INFINITY,
  expected: 'a latency in ms > 0',
};
const COUNT: ThresholdRange = {
  min: 0,
  minExclusive: false,
  max: Number.POSITIVE_INFINITY,
  expected: 'a count ≥ 0',
};
const RELATIVE_CHANGE: ThresholdRange = {
  min: -1,
  minExclusive: false,
  max: Number.POSITIVE_INFINITY,
  expected: 'a relative change ≥ -1 (a fraction: 0.03 is +3%)',
};

/**
 * Thresholds by metric, in the metric's unit (see `METRICS` in gates): rates and shares in [0, 1],
 * latencies in ms, counts, and revenueImpact as a relative change that cannot fall below -100%.
 */
const RANGES: Readonly<Record<MetricName, ThresholdRange>> = {
  errorRate: FRACTION,
  p50LatencyMs: LATENCY,
  p95LatencyMs: LATENCY,
  p99LatencyMs: LATENCY,
  availability: FRACTION,
  revenueImpact: RELATIVE_CHANGE,
  churnRate: FRACTION,
  completionRate: FRACTION,
  segmentVariance: FRACTION,
  incidents: COUNT,
  requests: COUNT,
  integrityErrorRate: FRACTION,
};

/**
 * What a threshold for `metric op …` must be, as a problem says it. `within` bounds |x|, so its
 * threshold is ≥ 0 (and ≤ 1 for fractions).
 *
 * @example thresholdExpected('errorRate', 'below') // 'a number in [0, 1]'
 * @example thresholdExpected('revenueImpact', 'within') // 'a bound ≥ 0 on |revenueImpact| (a fraction: 0.03 is ±3%)'
 */
export function thresholdExpected(metric: MetricName, op: Operator): string {
  const range = RANGES[metric];
  if (op !== 'within') return range.expected;
  if (range === RELATIVE_CHANGE) return `a bound ≥ 0 on |${metric}| (a fraction: 0.03 is ±3%)`;
  return range.max === 1 ? `a bound in [0, 1] on |${metric}|` : `a bound ≥ 0 on |${metric}|`;
}

/** Whether a threshold is one `metric op …` may have (see {@link thresholdExpected}). */
export function thresholdInRange(metric: MetricName, op: Operator, threshold: number): boolean {
  const range = RANGES[metric];
  const min = op === 'within' ? 0 : range.min;
  const aboveMin = range.minExclusive && op !== 'within' ? threshold > min : threshold >= min;
  return Number.isFinite(threshold) && aboveMin && threshold <= range.max;
}
