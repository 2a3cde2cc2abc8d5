import Handlebars, { type HelperDelegate, type HelperOptions } from 'handlebars';
import {
  formatCount,
  formatMetricValue,
  formatMs,
  formatPercent,
  formatThreshold,
  isMetricName,
  isOperator,
} from '../gates/index.js';
import { formatDuration } from '../scenario/duration.js';
import { formatDate, formatMoney, formatRatio, formatUtcHours } from './format.js';
import { isRenderedChart } from './runCharts.js';

/** What a report shows where a number is missing (no requests, phase not reached). */
export const MISSING = '—';

function isHelperOptions(value: unknown): value is HelperOptions {
  return typeof value === 'object' && value !== null && 'hash' in value && 'data' in value;
}

/** The helper's positional arguments, without the options object Handlebars appends. */
function positional(args: readonly unknown[]): unknown[] {
  return isHelperOptions(args.at(-1)) ? args.slice(0, -1) : [...args];
}

function numberArgument(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    const found = value === undefined ? 'undefined (a misspelt field?)' : JSON.stringify(value);
    throw new TypeError(`report helper expected a number, found ${found}`);
  }
  return value;
}

/**
 * A one-number helper: formats a finite number, shows {@link MISSING} for null. `undefined` is a misspelt
 * field (strict mode does not check helper arguments), so it throws like any other non-number.
 */
function numberHelper(format: (value: number) => string): HelperDelegate {
  return (...args: unknown[]) => {
    const [value] = positional(args);
    return value === null ? MISSING : format(numberArgument(value));
  };
}

/**
 * The formatting helpers of report templates, each a thin wrapper over a pure formatter:
 *
 * | helper | example | output |
 * |---|---|---|
 * | `percent` | `{{percent 0.00079}}` | `0.079%` |
 * | `ms` | `{{ms 46.3}}` | `46 ms` |
 * | `count` | `{{count 7412}}` | `7,412` |
 * | `money` | `{{money 2900000 compact=true}}` | `$2.9M` |
 * | `ratio` | `{{ratio 0.01 0.00079}}` | `12.7×` |
 * | `duration` | `{{duration 5400000}}` | `1h30m` |
 * | `date` | `{{date "2025-10-31T12:00:00Z"}}` | `Oct 31 2025 12:00 UTC` |
 * | `utcHours` | `{{utcHours blindHoursUtc}}` (`[2, 3, 4]`) | `02:00–05:00 UTC` |
 * | `metricValue` | `{{metricValue "errorRate" 0.0062}}` | `0.62%` |
 * | `metricThreshold` | `{{metricThreshold "revenueImpact" "within" 0.03}}` | `±3.00%` |
 * | `chart` | `{{chart charts.traffic}}` | the chart's inline `<svg>` |
 *
 * `chart` is the only helper whose output is not escaped, and it prints only charts the report rendered
 * (nothing for null); given anything else, a scenario name say, it throws instead of printing markup.
 * Helper names never equal a view field (`{{metric}}` would call a `metric` helper, not read the field).
 * Missing numbers (null) show as `—`; anything else that is not a number (`undefined` included) is a
 * template bug and throws.
 */
export const REPORT_HELPERS: Readonly<Record<string, HelperDelegate>> = {
  percent: numberHelper(formatPercent),
  ms: numberHelper(formatMs),
  count: numberHelper(formatCount),
  duration: numberHelper(formatDuration),
  money: (...args: unknown[]) => {
    const options = args.at(-1);
    const compact = isHelperOptions(options) && options.hash.compact === true;
    return numberHelper((usd) => formatMoney(usd, { compact }))(...positional(args));
  },
  ratio: (...args: unknown[]) => {
    const [numerator, denominator] = positional(args);
    if (denominator === null) return MISSING;
    return numberHelper((value) => formatRatio(value, numberArgument(denominator)))(numerator);
  },
  date: (...args: unknown[]) => {
    const [iso] = positional(args);
    if (iso === null) return MISSING;
    if (typeof iso !== 'string')
      throw new TypeError(`report helper date expected an ISO-8601 text, found ${String(iso)}`);
    return formatDate(iso);
  },
  utcHours: (...args: unknown[]) => {
    const [hours] = positional(args);
    const isHour = (value: unknown) =>
      Number.isInteger(value) && (value as number) >= 0 && (value as number) < 24;
    if (!(isHour(hours) || (Array.isArray(hours) && hours.every(isHour))))
      throw new TypeError(
        `report helper utcHours expected an hour 0–23 or a list of them, found ${String(hours)}`,
      );
    return formatUtcHours(hours as number | number[]);
  },
  metricValue: (...args: unknown[]) => {
    const [name, value] = positional(args);
    if (typeof name !== 'string' || !isMetricName(name))
      throw new TypeError(`unknown metric ${String(name)}`);
    return numberHelper((number) => formatMetricValue(name, number))(value);
  },
  metricThreshold: (...args: unknown[]) => {
    const [name, op, value] = positional(args);
    if (typeof name !== 'string' || !isMetricName(name))
      throw new TypeError(`unknown metric ${String(name)}`);
    if (typeof op !== 'string' || !isOperator(op)) throw new TypeError(`unknown operator ${String(op)}`);
    return numberHelper((number) => formatThreshold(name, op, number))(value);
  },
  chart: (...args: unknown[]) => {
    const [chart] = positional(args);
    if (chart === null) return '';
    if (!isRenderedChart(chart))
      throw new TypeError('report helper chart expected a chart the report rendered');
    return new Handlebars.SafeString(chart.svg);
  },
};
