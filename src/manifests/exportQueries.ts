import type { MetricName } from '../gates/metrics.js';
import { parseDurationMs } from '../scenario/duration.js';

/** The modelled metrics an export can write as a Prometheus query, and the quantile of each latency. */
const QUANTILES: Partial<Record<MetricName, number>> = {
  p50LatencyMs: 0.5,
  p95LatencyMs: 0.95,
  p99LatencyMs: 0.99,
};

/** The metrics {@link exportQuery} can write. */
export const EXPORTABLE_METRICS: readonly MetricName[] = [
  'errorRate',
  'p50LatencyMs',
  'p95LatencyMs',
  'p99LatencyMs',
];

/**
 * A length of time as a Go duration and a Prometheus range alike (`1h30m`, `90s`, `250ms`): hours,
 * minutes, seconds and milliseconds, largest first; days are written as hours, which both read.
 *
 * @example goDurationText(5_400_000) // '1h30m'
 */
export function goDurationText(ms: number): string {
  if (ms === 0) return '0s';
  let rest = Math.round(ms);
  let text = '';
  for (const [unit, unitMs] of [
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ] as const) {
    const count = Math.floor(rest / unitMs);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * unitMs;
  }
  return text;
}

/**
 * A Prometheus query of a shape `recognizeQuery` reads back as `metric` over `windowMs`, and what a value
 * in the metric's unit is divided by in the query's: the 5xx ratio of `http_requests_total` (a fraction,
 * 1) or a `histogram_quantile` of `http_request_duration_seconds_bucket` (seconds, 1000 ms); null for
 * a metric with no such query. `selector` is the label matcher that picks the service.
 *
 * @example exportQuery('errorRate', 300_000, 'service="web"')?.query
 * // 'sum(rate(http_requests_total{service="web",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="web"}[5m]))'
 */
export function exportQuery(
  metric: MetricName,
  windowMs: number,
  selector: string,
): { query: string; divisor: number } | null {
  const window = goDurationText(windowMs);
  if (metric === 'errorRate') {
    const query = `sum(rate(http_requests_total{${selector},code=~"5.."}[${window}])) / sum(rate(http_requests_total{${selector}}[${window}]))`;
    return { query, divisor: 1 };
  }
  const quantile = QUANTILES[metric];
  if (quantile === undefined) return null;
  const query = `histogram_quantile(${quantile}, sum(rate(http_request_duration_seconds_bucket{${selector}}[${window}])) by (le))`;
  return { query, divisor: 1000 };
}

/**
 * A name as Kubernetes takes it (a DNS label): lower case letters, digits and `-`, at most 63 characters.
 *
 * @example kubernetesName('Sprint 2 cohort analyzer') // 'sprint-2-cohort-analyzer'
 */
export function kubernetesName(text: string): string {
  const name = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return name === '' ? 'rehearsal' : name;
}

/** A duration of a validated scenario in ms (validation has checked that it reads). */
export function validMs(text: string): number {
  return parseDurationMs(text) ?? 0;
}
