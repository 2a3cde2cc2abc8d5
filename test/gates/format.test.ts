import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupThousands } from '../../src/gates/format.js';
import {
  formatCount,
  formatMetricValue,
  formatMs,
  formatPercent,
  formatPercentagePoints,
  formatSignedPercent,
  formatThreshold,
  type MetricName,
  type Operator,
} from '../../src/gates/index.js';

describe('number formats', () => {
  it.each<[(value: number) => string, number, string]>([
    [formatPercent, 0.0062, '0.62%'],
    [formatPercent, 0.005, '0.50%'],
    [formatPercent, 0.00079, '0.079%'],
    [formatPercent, 0.0001, '0.01%'],
    [formatPercent, 0, '0.00%'],
    [formatPercent, 0.125, '12.50%'],
    [formatPercent, 0.9997, '99.97%'],
    [formatPercent, 0.99953, '99.953%'],
    [formatPercent, 0.999, '99.90%'],
    [formatPercent, 1, '100.00%'],
    [formatPercent, -0.004, '-0.40%'],
    [formatSignedPercent, 0.0037, '+0.37%'],
    [formatSignedPercent, -0.034, '-3.40%'],
    [formatSignedPercent, 0, '0.00%'],
    [formatPercentagePoints, 0.0035, '0.35 pp'],
    [formatMs, 46.3, '46 ms'],
    [formatMs, 1204.4, '1,204 ms'],
    [formatMs, 4.54, '4.5 ms'],
    [formatMs, 0.25, '0.25 ms'],
    [formatMs, 120000, '120,000 ms'],
    [formatCount, 7412, '7,412'],
    [formatCount, 1234567, '1,234,567'],
    [formatCount, 96, '96'],
    [formatCount, 2.5, '2.50'],
  ])('%o(%d) = %s', (format, value, expected) => {
    expect(format(value)).toBe(expected);
  });
});

describe('formatMetricValue and formatThreshold', () => {
  it.each<[MetricName, number, string]>([
    ['errorRate', 0.0062, '0.62%'],
    ['availability', 0.9997, '99.97%'],
    ['p99LatencyMs', 46, '46 ms'],
    ['revenueImpact', 0.0037, '+0.37%'],
    ['segmentVariance', 0.0035, '0.35 pp'],
    ['requests', 7412, '7,412'],
    ['incidents', 2, '2'],
  ])('%s %d → %s', (metric, value, expected) => {
    expect(formatMetricValue(metric, value)).toBe(expected);
  });

  it.each<[MetricName, Operator, number, string]>([
    ['revenueImpact', 'within', 0.03, '±3.00%'],
    ['revenueImpact', 'min', -0.01, '-1.00%'],
    ['p99LatencyMs', 'within', 250, '±250 ms'],
    ['errorRate', 'below', 0.01, '1.00%'],
  ])('%s %s %d → %s', (metric, op, threshold, expected) => {
    expect(formatThreshold(metric, op, threshold)).toBe(expected);
  });
});

/** The grouping as first written, with split and a regex: the reference the allocation-free one must match. */
function groupThousandsByRegex(fixed: string): string {
  const [integerPart = '', fractionPart] = fixed.split('.');
  const grouped = integerPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fractionPart === undefined ? grouped : `${grouped}.${fractionPart}`;
}

describe('groupThousands', () => {
  it.each([
    ['0', '0'],
    ['999', '999'],
    ['1000', '1,000'],
    ['7412.5', '7,412.5'],
    ['123456', '123,456'],
    ['1234567.25', '1,234,567.25'],
    ['100.000', '100.000'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['1e+21', '1e+21'],
    ['1.2345e+300', '1.2345e+300'],
  ])('groupThousands(%j) = %j', (fixed, expected) => {
    expect(groupThousands(fixed)).toBe(expected);
  });

  it('groups every toFixed output exactly as the split-and-regex grouping did', () => {
    const magnitude = fc.oneof(
      fc.double({ min: 0, noNaN: true }),
      fc.double({ min: 0, max: 1e7, noNaN: true }),
      fc.nat(),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 1e21, 999.9999, 999_999.995),
    );
    fc.assert(
      fc.property(magnitude, fc.integer({ min: 0, max: 6 }), (value, decimals) => {
        const fixed = value.toFixed(decimals);
        expect(groupThousands(fixed)).toBe(groupThousandsByRegex(fixed));
      }),
      { numRuns: 20_000 },
    );
  });

  it('formats counts as toFixed and the regex grouping did, huge integers included', () => {
    const count = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, 2 ** 53, 1e21, -1e22));
    fc.assert(
      fc.property(count, (value) => {
        const magnitude = Math.abs(value);
        const fixed = magnitude.toFixed(Number.isInteger(magnitude) ? 0 : 2);
        expect(formatCount(value)).toBe(`${value < 0 ? '-' : ''}${groupThousandsByRegex(fixed)}`);
      }),
      { numRuns: 20_000 },
    );
  });
});
