import type { FlaggerMetric } from './flaggerAnalysis.js';

/** One metric check's outcome and why, quoting the value and the bound it broke. */
export interface MetricCheck {
  metric: string;
  passed: boolean;
  reason: string;
}

/** Go's `time.Duration(int64(v)) * time.Millisecond` on amd64: whole ms toward zero; NaN becomes 0. */
function wholeMs(value: number): number {
  return Number.isNaN(value) ? 0 : Math.trunc(value);
}

function outside(
  value: number,
  range: { min?: number | undefined; max?: number | undefined },
): string | null {
  if (range.min !== undefined && value < range.min) return `< ${range.min}`;
  if (range.max !== undefined && value > range.max) return `> ${range.max}`;
  return null;
}

/**
 * One metric check as Flagger runs it (pkg/controller/scheduler_metrics.go), on the value its query
 * returned, or null when the query found no values (an empty result: "no values found"), which fails
 * the check. With `thresholdRange` the check fails below `min` or above `max` (bounds inclusive);
 * without it, the deprecated `threshold` is a minimum for request-success-rate and a maximum for every
 * other metric (default 0). The builtin checks go by name, as in Flagger: `request-success-rate` is a
 * percentage (0–100); `request-duration` is the P99 in ms, cut to whole ms as Flagger's `time.Duration`
 * is, bounds too (500.9 ms passes `max: 500`). A NaN value compares false and so passes a bound, as it
 * does in Flagger (a request-duration NaN becomes 0 ms).
 *
 * @example checkMetric({ name: 'request-success-rate', thresholdRange: { min: 99 } }, 98.2).reason // 'request-success-rate 98.2 < 99'
 */
export function checkMetric(metric: FlaggerMetric, value: number | null): MetricCheck {
  const name = metric.name;
  if (value === null) return { metric: name, passed: false, reason: `no values found for ${name}` };
  const isDuration = name === 'request-duration';
  const bound = (limit: number | undefined) => (limit !== undefined && isDuration ? wholeMs(limit) : limit);
  const observed = isDuration ? wholeMs(value) : value;
  let range: { min?: number | undefined; max?: number | undefined };
  if (metric.thresholdRange)
    range = { min: bound(metric.thresholdRange.min), max: bound(metric.thresholdRange.max) };
  else if (name === 'request-success-rate') range = { min: metric.threshold ?? 0 };
  else range = { max: bound(metric.threshold ?? 0) };
  const unit = isDuration ? ' ms' : '';
  const breach = outside(observed, range);
  if (breach !== null)
    return { metric: name, passed: false, reason: `${name} ${observed}${unit} ${breach}${unit}` };
  const bounds = [
    range.min !== undefined && `≥ ${range.min}${unit}`,
    range.max !== undefined && `≤ ${range.max}${unit}`,
  ];
  return {
    metric: name,
    passed: true,
    reason: `${name} ${observed}${unit} within ${bounds.filter(Boolean).join(' and ')}`,
  };
}
