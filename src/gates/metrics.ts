import {
  formatCount,
  formatMs,
  formatPercent,
  formatPercentagePoints,
  formatSignedPercent,
} from './format.js';
import type { Operator } from './operators.js';

/** Every metric a gate or guard can name, as spelled in scenario files. */
export const METRIC_NAMES = [
  'errorRate',
  'p50LatencyMs',
  'p95LatencyMs',
  'p99LatencyMs',
  'availability',
  'revenueImpact',
  'churnRate',
  'completionRate',
  'segmentVariance',
  'incidents',
  'requests',
  'integrityErrorRate',
] as const;

export type MetricName = (typeof METRIC_NAMES)[number];

/** True when `name` is one of {@link METRIC_NAMES} (for validating scenario files). */
export function isMetricName(name: string): name is MetricName {
  return (METRIC_NAMES as readonly string[]).includes(name);
}

/** The unit of a metric's values (and of thresholds on it): fractions are 0..1, not percent. */
export type MetricUnit = 'fraction' | 'ms' | 'count';

/** How a metric's values are written in reasons. */
type MetricFormat = 'percent' | 'signed-percent' | 'percentage-points' | 'ms' | 'count';

/** What a metric measures, its unit, and how a reason says it has no value. */
export interface MetricInfo {
  unit: MetricUnit;
  description: string;
  /** Why the metric can have no value in a window, quoted in "inconclusive" reasons. */
  missing: string;
  format: MetricFormat;
}

const NO_REQUESTS = 'no requests in window';
const NO_LATENCY = 'no latency samples in window';
const NOT_PROVIDED = 'no value for window';

/** The catalogue: one entry per metric. */
export const METRICS: Readonly<Record<MetricName, MetricInfo>> = {
  errorRate: { unit: 'fraction', format: 'percent', missing: NO_REQUESTS, description: 'errors / requests' },
  p50LatencyMs: { unit: 'ms', format: 'ms', missing: NO_LATENCY, description: 'median latency (histogram)' },
  p95LatencyMs: { unit: 'ms', format: 'ms', missing: NO_LATENCY, description: '95th percentile latency' },
  p99LatencyMs: { unit: 'ms', format: 'ms', missing: NO_LATENCY, description: '99th percentile latency' },
  availability: {
    unit: 'fraction',
    format: 'percent',
    missing: 'no observed time in window',
    description: 'up time / observed time',
  },
  revenueImpact: {
    unit: 'fraction',
    format: 'signed-percent',
    missing: NOT_PROVIDED,
    description: 'effect of the exposed cohort on total revenue (provided)',
  },
  churnRate: {
    unit: 'fraction',
    format: 'percent',
    missing: NOT_PROVIDED,
    description: 'churn events per learner-month (provided)',
  },
  completionRate: {
    unit: 'fraction',
    format: 'percent',
    missing: NOT_PROVIDED,
    description: 'completions per learner-month (provided)',
  },
  segmentVariance: {
    unit: 'fraction',
    format: 'percentage-points',
    missing: 'no segment with requests in window',
    description: "largest |segment error rate − window's error rate|",
  },
  incidents: {
    unit: 'count',
    format: 'count',
    missing: NOT_PROVIDED,
    description: 'outages begun in window',
  },
  requests: { unit: 'count', format: 'count', missing: NOT_PROVIDED, description: 'requests in window' },
  integrityErrorRate: {
    unit: 'fraction',
    format: 'percent',
    missing: 'no integrity checks in window',
    description: 'responses failing the integrity check / responses checked',
  },
};

/**
 * A metric value (or threshold) as written in reasons, with its unit.
 *
 * @example formatMetricValue('errorRate', 0.0062) // '0.62%'
 * @example formatMetricValue('p99LatencyMs', 46.3) // '46 ms'
 * @example formatMetricValue('revenueImpact', 0.0037) // '+0.37%'
 */
export function formatMetricValue(metric: MetricName, value: number): string {
  switch (METRICS[metric].format) {
    case 'percent':
      return formatPercent(value);
    case 'signed-percent':
      return formatSignedPercent(value);
    case 'percentage-points':
      return formatPercentagePoints(value);
    case 'ms':
      return formatMs(value);
    case 'count':
      return formatCount(value);
  }
}

/**
 * A threshold as written in reasons: like a value, and as `±limit` for `within`.
 *
 * @example formatThreshold('revenueImpact', 'within', 0.03) // '±3.00%'
 */
export function formatThreshold(metric: MetricName, op: Operator, threshold: number): string {
  if (op !== 'within') return formatMetricValue(metric, threshold);
  const magnitude = Math.abs(threshold);
  return `±${METRICS[metric].format === 'signed-percent' ? formatPercent(magnitude) : formatMetricValue(metric, magnitude)}`;
}
