import { describe, expect, it } from 'vitest';
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
