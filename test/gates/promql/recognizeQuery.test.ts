import { describe, expect, it } from 'vitest';
import { promql } from '../../../src/gates/index.js';

// Argo Rollouts docs/features/analysis.md, "Background Analysis" (success ratio, fraction)
const ARGO_SUCCESS = `sum(irate(
  istio_requests_total{reporter="source",destination_service=~"{{args.service-name}}",response_code!~"5.*"}[5m]
)) /
sum(irate(
  istio_requests_total{reporter="source",destination_service=~"{{args.service-name}}"}[5m]
))`;
// Argo Rollouts docs/features/analysis.md, "Analysis with Multiple Templates" (error ratio, fraction)
const ARGO_ERROR = ARGO_SUCCESS.replace('response_code!~"5.*"', 'response_code=~"5.*"');
// Flagger pkg/metrics/observers/istio.go, the builtin request-success-rate query (percent)
const FLAGGER_SUCCESS = `sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="{{ namespace }}",
  destination_workload=~"{{ target }}",response_code!~"5.*"}[{{ interval }}]))
/ sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="{{ namespace }}",
  destination_workload=~"{{ target }}"}[{{ interval }}])) * 100`;
// Flagger pkg/metrics/observers/istio.go, the builtin request-duration query (P99, milliseconds)
const FLAGGER_DURATION = `histogram_quantile(0.99, sum(rate(istio_request_duration_milliseconds_bucket{reporter="destination",
  destination_workload_namespace="{{ namespace }}",destination_workload=~"{{ target }}"}[{{ interval }}])) by (le))`;
// Flagger docs/gitbook/usage/metrics.md, "Prometheus": the 404 percentage template
const FLAGGER_404 = `100 - sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="{{ namespace }}",
  destination_workload="{{ target }}",response_code!="404"}[{{ interval }}]))
/ sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="{{ namespace }}",
  destination_workload="{{ target }}"}[{{ interval }}])) * 100`;
// Flagger docs/gitbook/usage/metrics.md, "Prometheus gRPC error rate example"
const FLAGGER_GRPC = `100 - sum(rate(grpc_server_handled_total{grpc_code!="OK",kubernetes_namespace="{{ namespace }}"}[{{ interval }}]))
/ sum(rate(grpc_server_started_total{kubernetes_namespace="{{ namespace }}"}[{{ interval }}])) * 100`;
// Argo Rollouts docs/features/analysis.md, "Failure Conditions": an error count (and a typo, `~`)
const ARGO_TOTAL_ERRORS = `sum(irate(istio_requests_total{reporter="source",destination_service=~"{{args.service-name}}",response_code~"5.*"}[5m]))`;

describe('recognizeQuery: queries from the Argo and Flagger documentation', () => {
  it.each<[string, string, Record<string, string>, Partial<promql.QueryMapping>]>([
    [
      'Argo success ratio',
      ARGO_SUCCESS,
      {},
      { metric: 'errorRate', complement: true, scale: 1, unit: 'fraction', window: '5m', windowMs: 300_000 },
    ],
    [
      'Argo error ratio',
      ARGO_ERROR,
      {},
      { metric: 'errorRate', complement: false, scale: 1, unit: 'fraction', windowMs: 300_000 },
    ],
    [
      'Flagger builtin success rate, interval 1m',
      FLAGGER_SUCCESS,
      { interval: '1m' },
      { metric: 'errorRate', complement: true, scale: 100, unit: 'percent', window: '1m', windowMs: 60_000 },
    ],
    [
      'Flagger builtin request duration, interval 30s',
      FLAGGER_DURATION,
      { interval: '30s' },
      { metric: 'p99LatencyMs', complement: false, scale: 1, unit: 'ms', window: '30s', windowMs: 30_000 },
    ],
  ])('%s', (_name, query, variables, expected) => {
    const recognised = promql.recognizeQuery('m', query, 'q', variables);
    expect(recognised).toMatchObject({ ok: true, mapping: expected });
  });

  it('describes what it recognised', () => {
    const recognised = promql.recognizeQuery('m', FLAGGER_SUCCESS, 'q', { interval: '1m' });
    expect(recognised.ok && recognised.mapping.description).toBe(
      'non-5xx success ratio of istio_requests_total over 1m, percent',
    );
  });

  it.each<[string, string, Record<string, string>, string]>([
    [
      'Flagger 404 percentage: not the 5xx class',
      FLAGGER_404,
      { interval: '1m' },
      'the status matcher response_code!="404" is not the 5xx class (=~ or !~ "5..")',
    ],
    [
      'Flagger gRPC error rate: two series',
      FLAGGER_GRPC,
      { interval: '1m' },
      'a ratio of two different series, grpc_server_handled_total / grpc_server_started_total',
    ],
    [
      'an unresolved window',
      FLAGGER_SUCCESS,
      {},
      'the window [{{ interval }}] is not a Prometheus duration, a template variable: give its value',
    ],
    [
      'Argo total errors, not read',
      ARGO_TOTAL_ERRORS,
      {},
      'query not read: expected PromQL of the recognised subset, found `~` at position 108',
    ],
  ])('%s is a problem', (_name, query, variables, why) => {
    expect(promql.recognizeQuery('404s percentage', query, 'spec.analysis.metrics[0]', variables)).toEqual({
      ok: false,
      problem: {
        path: 'spec.analysis.metrics[0]',
        expected: expect.stringContaining('an error ratio'),
        found: `metric "404s percentage": ${why}; map it to a modelled metric explicitly`,
        ...(why.startsWith('query not read') ? { position: 108 } : {}),
      },
    });
  });
});

describe('recognizeQuery: shapes', () => {
  const errors = 'sum(rate(http_requests_total{job="api",code=~"5.."}[5m]))';
  const total = 'sum(rate(http_requests_total{job="api"}[5m]))';

  it.each<[string, string, Partial<promql.QueryMapping>]>([
    ['error ratio', `${errors} / ${total}`, { metric: 'errorRate', scale: 1, complement: false }],
    ['error ratio × 100', `${errors} / ${total} * 100`, { scale: 100, complement: false, unit: 'percent' }],
    ['100 × error ratio, parenthesised', `100 * (${errors} / ${total})`, { scale: 100, complement: false }],
    ['1 − error ratio', `1 - (${errors} / ${total})`, { scale: 1, complement: true }],
    [
      '100 − success percentage',
      `100 - (${errors.replace('=~', '!~')} / ${total}) * 100`,
      { scale: 100, complement: false },
    ],
    [
      'increase() and a grouping',
      `sum by (job) (increase(x_total{status="x",status_code=~"5xx"}[1h])) / sum by (job) (increase(x_total{status="x"}[1h]))`,
      { windowMs: 3_600_000 },
    ],
    [
      'P95 in seconds, sum by (le) first',
      'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[2m])))',
      { metric: 'p95LatencyMs', scale: 0.001, unit: 's', windowMs: 120_000 },
    ],
    [
      'P50 in ms',
      'histogram_quantile(0.5, sum(irate(latency_ms_bucket[90s])) by (le, job))',
      { metric: 'p50LatencyMs', scale: 1, windowMs: 90_000 },
    ],
  ])('%s', (_name, query, expected) => {
    expect(promql.recognizeQuery('m', query, 'q')).toMatchObject({ ok: true, mapping: expected });
  });

  it.each<[string, string, string]>([
    [
      'a quantile that is not modelled',
      'histogram_quantile(0.9, sum(rate(x_seconds_bucket[5m])) by (le))',
      'quantile 0.9, for which no latency is modelled (0.5, 0.95, 0.99 are)',
    ],
    [
      'a histogram without a unit',
      'histogram_quantile(0.99, sum(rate(request_latency_bucket[5m])) by (le))',
      'the histogram request_latency_bucket names no unit (…_seconds_bucket or …_milliseconds_bucket)',
    ],
    [
      'a quantile not grouped by le',
      'histogram_quantile(0.99, sum(rate(x_seconds_bucket[5m])))',
      'histogram_quantile over something other than sum by (le) (rate(…_bucket[window]))',
    ],
    ['two windows', `${errors} / ${total.replace('5m', '1m')}`, 'a ratio over two windows, [5m] and [1m]'],
    [
      'an exact status code',
      `${errors.replace('=~"5.."', '="500"')} / ${total}`,
      'the status matcher code="500" is not the 5xx class (=~ or !~ "5..")',
    ],
    [
      'a recording rule',
      'ecampus:http_error_ratio:rate5m{revision="abc"}',
      'neither a ratio nor a histogram quantile',
    ],
    ['a bare rate', 'rate(x_total[5m])', 'neither a ratio nor a histogram quantile'],
    [
      'other arithmetic',
      `${errors} + ${total}`,
      'arithmetic (+) that is not × 100, 1 − ratio or 100 − percent',
    ],
    [
      'a latency × 100',
      'histogram_quantile(0.99, sum(rate(x_seconds_bucket[5m])) by (le)) * 100',
      'P99 of x_seconds_bucket over 5m, seconds multiplied by 100',
    ],
    [
      'numerator and denominator differ by more',
      `sum(rate(x_total{code=~"5..",path="/a"}[5m])) / sum(rate(x_total[5m]))`,
      'a ratio whose numerator does not differ from its denominator by one status-code matcher',
    ],
  ])('%s is a problem', (_name, query, why) => {
    const recognised = promql.recognizeQuery('m', query, 'q');
    expect(recognised.ok ? null : recognised.problem.found).toBe(
      `metric "m": ${why}; map it to a modelled metric explicitly`,
    );
  });
});

describe('queryValue and promDurationMs', () => {
  it.each<[Pick<promql.QueryMapping, 'scale' | 'complement'>, number, number]>([
    [{ scale: 1, complement: false }, 0.004, 0.004],
    [{ scale: 100, complement: false }, 0.004, 0.4],
    [{ scale: 100, complement: true }, 0.004, 99.6],
    [{ scale: 0.001, complement: false }, 250, 0.25],
  ])('%j of %d → %d', (mapping, value, expected) => {
    expect(promql.queryValue(mapping, value)).toBeCloseTo(expected, 12);
  });

  it.each<[string, number | null]>([
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
    ['1d', 86_400_000],
    ['2w', 1_209_600_000],
    ['1.5h', null],
    ['5', null],
    ['{{ interval }}', null],
  ])('%s → %j ms', (text, ms) => {
    expect(promql.promDurationMs(text)).toBe(ms);
  });
});
