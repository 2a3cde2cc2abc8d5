import { asObserved } from './condition.js';
import { type BucketRange, histogramQuantile } from './histogramQuantile.js';
import type { MetricName } from './metrics.js';
import type { WindowStats } from './windowStats.js';

/** The quantile each latency metric reads from a window's histogram. */
export const LATENCY_QUANTILE: Readonly<Partial<Record<MetricName, number>>> = {
  p50LatencyMs: 0.5,
  p95LatencyMs: 0.95,
  p99LatencyMs: 0.99,
};

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** Largest |segment error rate − overall error rate| over segments with ≥ 1 request; null if none has any. */
function segmentVariance(stats: WindowStats): number | null {
  const overall = ratio(stats.errors, stats.requests);
  if (overall === null) return null;
  let largest: number | null = null;
  for (const segment of stats.segments) {
    if (segment.requests === 0) continue;
    const difference = Math.abs(segment.errors / segment.requests - overall);
    if (largest === null || difference > largest) largest = difference;
  }
  return largest;
}

/**
 * The value of `metric` over a window, in the metric's unit (fractions 0..1, ms, counts), or null when the
 * window gives it no value (e.g. errorRate with 0 requests). Allocates nothing: guards call it every interval.
 *
 * - errorRate = errors / requests; availability = upMs / observedMs;
 * - pXXLatencyMs = {@link histogramQuantile} of the latency buckets;
 * - revenueImpact, churnRate, completionRate = the values the engine (its model) or a replayed row
 *   provides, e.g. from the window's revenue sums; requests, incidents = the counts;
 * - segmentVariance = largest |segment error rate − window error rate| over segments with requests;
 * - integrityErrorRate = integrityFailures / integrityChecks: the share of checked responses that an
 *   integrity check finds silently wrong (data inconsistency is invisible to errors and latency).
 *
 * @param latencyBuckets optional range holding every non-zero latency count (see {@link histogramQuantile})
 * @example computeMetric('errorRate', { ...stats, requests: 7412, errors: 46 }) // 0.00620...
 */
export function computeMetric(
  metric: MetricName,
  stats: WindowStats,
  latencyBuckets?: BucketRange,
): number | null {
  switch (metric) {
    case 'errorRate':
      return ratio(stats.errors, stats.requests);
    case 'p50LatencyMs':
    case 'p95LatencyMs':
    case 'p99LatencyMs':
      return histogramQuantile(
        LATENCY_QUANTILE[metric]!,
        stats.latencyBoundsMs,
        stats.latencyCounts,
        latencyBuckets,
      );
    case 'availability':
      return ratio(stats.upMs, stats.observedMs);
    case 'revenueImpact':
      return asObserved(stats.revenueImpact);
    case 'churnRate':
      return asObserved(stats.churnRate);
    case 'completionRate':
      return asObserved(stats.completionRate);
    case 'segmentVariance':
      return segmentVariance(stats);
    case 'incidents':
      return stats.incidents;
    case 'requests':
      return stats.requests;
    case 'integrityErrorRate':
      return ratio(stats.integrityFailures, stats.integrityChecks);
  }
}
