import type { MetricName } from '../metrics.js';
import type { SpecProblem } from '../specProblem.js';
import { parsePromql } from './parsePromql.js';
import { promDurationMs } from './promDuration.js';
import type { LabelMatcher, PromqlNode } from './promqlSyntax.js';

/**
 * How a query's value relates to a modelled metric `v` over a trailing window:
 * `query = scale × (complement ? 1 − v : v)`. An error ratio in percent is `{ errorRate, scale 100 }`,
 * a success ratio is `{ errorRate, complement }`, a P99 in seconds is `{ p99LatencyMs, scale 0.001 }`.
 */
export interface QueryMapping {
  metric: MetricName;
  scale: number;
  complement: boolean;
  /** The range as written (`5m`) and in ms. */
  window: string;
  windowMs: number;
  /** The query's unit: `fraction`, `percent`, `ms` or `s`. */
  unit: 'fraction' | 'percent' | 'ms' | 's';
  /** What the query measures, in words: `5xx error ratio over 5m, percent`. */
  description: string;
}

/** Values for template variables: Flagger's `{{ interval }}`, `{{ namespace }}`, Argo's `{{args.name}}`. */
export type QueryVariables = Readonly<Record<string, string>>;

const STATUS_LABELS = new Set([
  'code',
  'status',
  'status_code',
  'response_code',
  'http_status',
  'http_status_code',
]);
const SERVER_ERROR_CLASS = new Set(['5..', '5.*', '5xx', '5\\d\\d', '5\\d{2}', '5[0-9][0-9]', '5[0-9]{2}']);
const RATE_FUNCTIONS = new Set(['rate', 'irate', 'increase']);
const QUANTILE_METRICS: Readonly<Record<string, MetricName>> = {
  '0.5': 'p50LatencyMs',
  '0.95': 'p95LatencyMs',
  '0.99': 'p99LatencyMs',
};
const SHAPES =
  'an error ratio sum(rate(x{code=~"5.."}[w])) / sum(rate(x[w])), a success ratio (code!~"5.."), either × 100 or subtracted from 1 or 100, or histogram_quantile(0.5|0.95|0.99, sum by (le) (rate(x_bucket[w])))';

class Unrecognised extends Error {}

function substitute(query: string, variables: QueryVariables): string {
  return query.replace(/\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g, (whole, name: string) => variables[name] ?? whole);
}

/** `sum(rate(selector[w]))` (any grouping, `rate`, `irate` or `increase`): the selector inside. */
function summedRate(node: PromqlNode): (PromqlNode & { kind: 'selector' }) | null {
  if (node.kind !== 'aggregate' || node.op !== 'sum') return null;
  const inner = node.expr;
  if (inner.kind !== 'call' || !RATE_FUNCTIONS.has(inner.name) || inner.args.length !== 1) return null;
  const selector = inner.args[0]!;
  return selector.kind === 'selector' && selector.range !== null ? selector : null;
}

function windowOf(selector: PromqlNode & { kind: 'selector' }): { window: string; windowMs: number } {
  const window = selector.range!;
  const windowMs = promDurationMs(window);
  if (windowMs === null) {
    const hint = window.includes('{{') ? ', a template variable: give its value' : '';
    throw new Unrecognised(`the window [${window}] is not a Prometheus duration${hint}`);
  }
  return { window, windowMs };
}

function sameMatcher(a: LabelMatcher, b: LabelMatcher): boolean {
  return a.label === b.label && a.op === b.op && a.value === b.value;
}

/** `sum(rate(x{…, code=~"5.."}[w])) / sum(rate(x{…}[w]))`: an error (or success) ratio as a fraction. */
function ratio(node: PromqlNode & { kind: 'binary' }): QueryMapping {
  const top = summedRate(node.left);
  const bottom = summedRate(node.right);
  if (top === null || bottom === null)
    throw new Unrecognised('a ratio whose sides are not both sum(rate(…[window]))');
  if (top.metric !== bottom.metric) {
    throw new Unrecognised(`a ratio of two different series, ${top.metric} / ${bottom.metric}`);
  }
  const extra = top.matchers.filter((m) => !bottom.matchers.some((b) => sameMatcher(m, b)));
  const status = extra.filter((m) => STATUS_LABELS.has(m.label));
  if (status.length !== 1 || extra.length !== 1) {
    throw new Unrecognised(
      'a ratio whose numerator does not differ from its denominator by one status-code matcher',
    );
  }
  const matcher = status[0]!;
  const isErrorClass = SERVER_ERROR_CLASS.has(matcher.value);
  const written = `${matcher.label}${matcher.op}"${matcher.value}"`;
  if (!isErrorClass || matcher.op === '=' || matcher.op === '!=') {
    throw new Unrecognised(`the status matcher ${written} is not the 5xx class (=~ or !~ "5..")`);
  }
  const top_ = windowOf(top);
  const bottom_ = windowOf(bottom);
  if (top_.windowMs !== bottom_.windowMs) {
    throw new Unrecognised(`a ratio over two windows, [${top_.window}] and [${bottom_.window}]`);
  }
  const complement = matcher.op === '!~';
  const description = `${complement ? 'non-5xx success' : '5xx error'} ratio of ${top.metric} over ${top_.window}`;
  return { metric: 'errorRate', scale: 1, complement, ...top_, unit: 'fraction', description };
}

/** `histogram_quantile(q, sum by (le) (rate(x_bucket[w])))`: a latency quantile. */
function quantile(node: PromqlNode & { kind: 'call' }): QueryMapping {
  const [q, histogram] = node.args;
  if (node.args.length !== 2 || q?.kind !== 'number')
    throw new Unrecognised('histogram_quantile without a numeric quantile');
  const metric = QUANTILE_METRICS[String(q.value)];
  if (metric === undefined)
    throw new Unrecognised(`quantile ${q.value}, for which no latency is modelled (0.5, 0.95, 0.99 are)`);
  const selector = summedRate(histogram!);
  const grouping = histogram?.kind === 'aggregate' ? histogram.grouping : null;
  if (selector === null || grouping?.mode !== 'by' || !grouping.labels.includes('le')) {
    throw new Unrecognised(
      'histogram_quantile over something other than sum by (le) (rate(…_bucket[window]))',
    );
  }
  const name = selector.metric;
  const unit = /_(milliseconds|ms)_bucket$/.test(name) ? 'ms' : /_seconds_bucket$/.test(name) ? 's' : null;
  if (unit === null) {
    throw new Unrecognised(`the histogram ${name} names no unit (…_seconds_bucket or …_milliseconds_bucket)`);
  }
  const window = windowOf(selector);
  const description = `P${Math.round(q.value * 100)} of ${name} over ${window.window}, ${unit === 'ms' ? 'milliseconds' : 'seconds'}`;
  return { metric, scale: unit === 'ms' ? 1 : 0.001, complement: false, ...window, unit, description };
}

function percentOf(mapping: QueryMapping): QueryMapping {
  if (mapping.unit !== 'fraction') throw new Unrecognised(`${mapping.description} multiplied by 100`);
  return { ...mapping, scale: 100, unit: 'percent', description: `${mapping.description}, percent` };
}

function interpret(node: PromqlNode): QueryMapping {
  if (node.kind === 'call' && node.name === 'histogram_quantile') return quantile(node);
  if (node.kind !== 'binary') throw new Unrecognised('neither a ratio nor a histogram quantile');
  const { op, left, right } = node;
  if (op === '*' && right.kind === 'number' && right.value === 100) return percentOf(interpret(left));
  if (op === '*' && left.kind === 'number' && left.value === 100) return percentOf(interpret(right));
  if (op === '/') return ratio(node);
  if (op === '-' && left.kind === 'number') {
    const inner = interpret(right);
    if ((inner.unit === 'fraction' && left.value === 1) || (inner.unit === 'percent' && left.value === 100)) {
      const complement = !inner.complement;
      const description = `${left.value} − (${inner.description})`;
      return { ...inner, complement, description };
    }
  }
  throw new Unrecognised(`arithmetic (${op}) that is not × 100, 1 − ratio or 100 − percent`);
}

/**
 * Maps a Prometheus query from an Argo AnalysisTemplate or a Flagger MetricTemplate onto the metric the
 * rehearsal models, with its window and unit, or explains why it cannot. Recognised shapes:
 *
 * - `sum(rate(x{code=~"5.."}[5m])) / sum(rate(x[5m]))`: errorRate (a fraction); `code!~"5.."` in the
 *   numerator is the success ratio, 1 − errorRate; `rate`, `irate` and `increase` alike, any label
 *   matchers shared by both sides, status labels `code`, `status`, `status_code`, `response_code`;
 * - either ratio `* 100` (percent), and `1 − ratio` or `100 − percent` (the complement);
 * - `histogram_quantile(0.99, sum(rate(x_bucket[5m])) by (le))` (or `sum by (le) (…)`): p99LatencyMs, and
 *   0.5/0.95 for p50/p95; the unit comes from the series name, `…_milliseconds_bucket` (ms) or
 *   `…_seconds_bucket` (seconds, scale 0.001).
 *
 * Template variables are substituted from `variables` first (`{{ interval }}` → `1m`). Anything else is a
 * problem that names the metric and asks for an explicit mapping.
 *
 * @example recognizeQuery('errors', 'sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m])) * 100', 'q')
 * // { ok: true, mapping: { metric: 'errorRate', scale: 100, complement: false, window: '5m', windowMs: 300000, unit: 'percent', … } }
 */
export function recognizeQuery(
  metricName: string,
  query: string,
  path: string,
  variables: QueryVariables = {},
): { ok: true; mapping: QueryMapping } | { ok: false; problem: SpecProblem } {
  const unrecognised = (why: string, position?: number): { ok: false; problem: SpecProblem } => {
    const found = `metric "${metricName}": ${why}; map it to a modelled metric explicitly`;
    return {
      ok: false,
      problem: { path, expected: SHAPES, found, ...(position === undefined ? {} : { position }) },
    };
  };
  const parsed = parsePromql(substitute(query, variables));
  if (!parsed.ok) {
    const { expected, found, position } = parsed.error;
    return unrecognised(
      `query not read: expected ${expected}, found ${found} at position ${position}`,
      position,
    );
  }
  try {
    return { ok: true, mapping: interpret(parsed.node) };
  } catch (error) {
    if (error instanceof Unrecognised) return unrecognised(error.message);
    throw error;
  }
}

/**
 * The value a recognised query returns when the modelled metric is `value` (in the metric's unit):
 * `scale × (complement ? 1 − value : value)`.
 *
 * @example queryValue({ scale: 100, complement: true, … }, 0.004) // 99.6
 */
export function queryValue(mapping: Pick<QueryMapping, 'scale' | 'complement'>, value: number): number {
  return mapping.scale * (mapping.complement ? 1 - value : value);
}
