import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import {
  createReportHandlebars,
  describeErrorRateEvidence,
  describeMargin,
  formatDate,
  formatMoney,
  formatRatio,
  formatUtcHours,
  type MarginInput,
} from '../../src/report/index.js';

const render = (template: string, context: object = {}) =>
  createReportHandlebars({}).compile(template, { strict: true })(context);

describe('report helpers', () => {
  it.each([
    ['{{percent 0.00079}}', '0.079%'],
    ['{{percent 0.0625}}', '6.25%'],
    ['{{percent 0.9997}}', '99.97%'],
    ['{{percent value}}', '—'],
    ['{{ms 46.3}}', '46 ms'],
    ['{{ms 1204.4}}', '1,204 ms'],
    ['{{count 7412}}', '7,412'],
    ['{{count 0}}', '0'],
    ['{{money 2900000}}', '$2,900,000'],
    ['{{money 2900000 compact=true}}', '$2.9M'],
    ['{{money 72600000 compact=true}}', '$72.6M'],
    ['{{money -1250.4}}', '-$1,250'],
    ['{{ratio 0.01 0.00079}}', '12.7×'],
    ['{{ratio 200 46}}', '4.35×'],
    ['{{ratio 0.0625 0.015}}', '4.17×'],
    ['{{ratio 1 0}}', '∞×'],
    ['{{ratio value 2}}', '—'],
    ['{{duration 5400000}}', '1h30m'],
    ['{{duration 4320000}}', '1h12m'],
    ['{{duration 0}}', '0s'],
    ['{{duration 1123200000}}', '13d'],
    ['{{date "2025-10-31T12:00:00.000Z"}}', 'Oct 31 2025 12:00 UTC'],
    ['{{date "2025-11-01T14:15:30Z"}}', 'Nov 1 2025 14:15:30 UTC'],
    ['{{metricValue "errorRate" 0.0062}}', '0.62%'],
    ['{{metricValue "revenueImpact" 0.0037}}', '+0.37%'],
    ['{{metricValue "p99LatencyMs" value}}', '—'],
    ['{{metricThreshold "revenueImpact" "within" 0.03}}', '±3.00%'],
    ['{{metricThreshold "p99LatencyMs" "below" 200}}', '200 ms'],
    ['{{utcHours hour}}', '07:00 UTC'],
    ['{{utcHours hours}}', '02:00–05:00 and 09:00–10:00 UTC'],
  ])('%s → %s', (template, expected) => {
    expect(render(template, { value: null, hour: 7, hours: [2, 3, 4, 9] })).toBe(expected);
  });

  it.each([
    ['{{percent "0.5"}}', /expected a number/],
    ['{{metricValue "errorRat" 0.1}}', /unknown metric errorRat/],
    ['{{metricThreshold "errorRate" "under" 0.1}}', /unknown operator under/],
    ['{{percent missingField}}', /undefined \(a misspelt field\?\)/],
    ['{{missingField}}', /"missingField" not defined/],
    ['{{ratio 1 missingField}}', /a misspelt field/],
    ['{{date 5}}', /expected an ISO-8601 text/],
    ['{{utcHours 24}}', /expected an hour 0–23/],
    ['{{utcHours "7"}}', /expected an hour 0–23/],
  ])('%s is a template bug and throws', (template, message) => {
    expect(() => render(template)).toThrow(message);
  });

  it('lives in its own environment: the global Handlebars has none of the helpers', () => {
    createReportHandlebars({ extra: 'x' });
    expect(Handlebars.helpers.percent).toBeUndefined();
    expect(Handlebars.partials.extra).toBeUndefined();
  });
});

describe('formats', () => {
  it.each([
    [formatMoney(999_600, { compact: true }), '$1M'],
    [formatMoney(12_345, { compact: true }), '$12.3K'],
    [formatMoney(950, { compact: true }), '$950'],
    [formatMoney(-2_900_000, { compact: true }), '-$2.9M'],
    [formatRatio(1234, 1), '1,234×'],
    [formatDate('not a date'), 'not a date'],
    [formatUtcHours([22, 23, 0]), '22:00–01:00 UTC'],
    [formatUtcHours([5, 1, 2, 3, 23]), '01:00–04:00, 05:00–06:00 and 23:00–00:00 UTC'],
    [formatUtcHours(Array.from({ length: 24 }, (_, hour) => hour)), '00:00–24:00 UTC'],
    [formatUtcHours([]), ''],
  ])('%s = %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe('describeMargin', () => {
  it.each<[MarginInput, string | null]>([
    // The seed report's "88x better" for 0.079% against 1% is 12.7×.
    [
      { metric: 'errorRate', op: 'below', threshold: 0.01, observed: 0.00079 },
      '0.079% is 12.7× below the 1.00% limit',
    ],
    [
      { metric: 'p99LatencyMs', op: 'below', threshold: 200, observed: 46 },
      '46 ms is 4.35× below the 200 ms limit',
    ],
    [
      { metric: 'errorRate', op: 'max', threshold: 0.015, observed: 0.0625 },
      '6.25% is 4.17× the 1.50% limit',
    ],
    [
      { metric: 'errorRate', op: 'below', threshold: 0.01, observed: 0 },
      '0.00% is 1.00 pp below the 1.00% limit',
    ],
    [{ metric: 'errorRate', op: 'below', threshold: 0.01, observed: 0.01 }, '1.00% is at the 1.00% limit'],
    [
      { metric: 'availability', op: 'above', threshold: 0.999, observed: 0.9997 },
      '99.97% is 0.07 pp above the 99.90% floor',
    ],
    [
      { metric: 'availability', op: 'min', threshold: 0.999, observed: 0.983 },
      '98.30% is 1.60 pp below the 99.90% floor',
    ],
    [
      { metric: 'revenueImpact', op: 'within', threshold: 0.03, observed: 0.0037 },
      '+0.37% is within ±3.00%, 2.63 pp from the edge',
    ],
    [
      { metric: 'revenueImpact', op: 'within', threshold: 0.03, observed: -0.034 },
      '-3.40% is outside ±3.00% by 0.40 pp',
    ],
    [
      { metric: 'revenueImpact', op: 'below', threshold: 0, observed: -0.01 },
      '-1.00% is 1.00 pp below the 0.00% limit',
    ],
    [{ metric: 'errorRate', op: 'below', threshold: 0.01, observed: null }, null],
  ])('%o → %s', (gate, expected) => {
    expect(describeMargin(gate)).toBe(expected);
  });

  it('names the limit as asked', () => {
    expect(
      describeMargin({ metric: 'p99LatencyMs', op: 'max', threshold: 250, observed: 312 }, 'guard'),
    ).toBe('312 ms is 1.25× the 250 ms guard');
  });
});

describe('describeErrorRateEvidence', () => {
  // Upper bounds: the Clopper–Pearson interval, scipy.stats.beta.ppf(0.975, errors + 1, requests - errors).
  it.each<[number, number, string | null]>([
    [0, 380, '0 errors in 380 requests: 95% interval 0.00% to 0.97%, entirely below the 1.00% limit'],
    [0, 200, '0 errors in 200 requests: 95% interval 0.00% to 1.83%, which does not exclude the 1.00% limit'],
    [1, 16, '1 error in 16 requests: 95% interval 0.16% to 30.23%, which does not exclude the 1.00% limit'],
    [0, 0, null],
  ])('%i errors in %i requests against a 1%% limit', (errors, requests, expected) => {
    expect(describeErrorRateEvidence(errors, requests, 'below', 0.01)).toBe(expected);
  });

  it('says nothing about floors', () => {
    expect(describeErrorRateEvidence(0, 380, 'above', 0.01)).toBeNull();
  });
});
