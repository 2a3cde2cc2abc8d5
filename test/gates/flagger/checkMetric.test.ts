import { describe, expect, it } from 'vitest';
import { flagger } from '../../../src/gates/index.js';

describe('checkMetric: scheduler_metrics.go', () => {
  it.each<[string, flagger.FlaggerMetric, number | null, boolean, string]>([
    [
      'success rate above min',
      { name: 'request-success-rate', thresholdRange: { min: 99 } },
      99.5,
      true,
      'request-success-rate 99.5 within ≥ 99',
    ],
    [
      'success rate at min passes',
      { name: 'request-success-rate', thresholdRange: { min: 99 } },
      99,
      true,
      'request-success-rate 99 within ≥ 99',
    ],
    [
      'success rate below min',
      { name: 'request-success-rate', thresholdRange: { min: 99 } },
      98.2,
      false,
      'request-success-rate 98.2 < 99',
    ],
    [
      'success rate legacy threshold is a minimum',
      { name: 'request-success-rate', threshold: 99 },
      98,
      false,
      'request-success-rate 98 < 99',
    ],
    [
      'duration below max',
      { name: 'request-duration', thresholdRange: { max: 500 } },
      120,
      true,
      'request-duration 120 ms within ≤ 500 ms',
    ],
    [
      'duration cut to whole ms: 500.9 passes max 500',
      { name: 'request-duration', thresholdRange: { max: 500 } },
      500.9,
      true,
      'request-duration 500 ms within ≤ 500 ms',
    ],
    [
      'duration above max',
      { name: 'request-duration', thresholdRange: { max: 500 } },
      501.2,
      false,
      'request-duration 501 ms > 500 ms',
    ],
    [
      'duration bound cut too: max 500.9 is 500',
      { name: 'request-duration', thresholdRange: { max: 500.9 } },
      500.95,
      true,
      'request-duration 500 ms within ≤ 500 ms',
    ],
    [
      'duration legacy threshold is a maximum',
      { name: 'request-duration', threshold: 500 },
      700,
      false,
      'request-duration 700 ms > 500 ms',
    ],
    [
      'custom metric above max',
      { name: '404s percentage', templateRef: { name: 'not-found-percentage' }, thresholdRange: { max: 5 } },
      5.5,
      false,
      '404s percentage 5.5 > 5',
    ],
    [
      'custom metric within a range',
      { name: 'latency', templateRef: { name: 't' }, thresholdRange: { min: 10, max: 1000 } },
      10,
      true,
      'latency 10 within ≥ 10 and ≤ 1000',
    ],
    [
      'custom metric below min',
      { name: 'latency', templateRef: { name: 't' }, thresholdRange: { min: 10, max: 1000 } },
      9.99,
      false,
      'latency 9.99 < 10',
    ],
    [
      'custom legacy threshold is a maximum',
      { name: 'errors', query: 'sum(x)', threshold: 3 },
      3.5,
      false,
      'errors 3.5 > 3',
    ],
    [
      'no values found fails',
      { name: 'request-success-rate', thresholdRange: { min: 99 } },
      null,
      false,
      'no values found for request-success-rate',
    ],
    [
      'NaN (0/0, no traffic) passes, as in Flagger',
      { name: 'request-success-rate', thresholdRange: { min: 99 } },
      Number.NaN,
      true,
      'request-success-rate NaN within ≥ 99',
    ],
    [
      'a NaN duration becomes 0 ms',
      { name: 'request-duration', thresholdRange: { max: 500 } },
      Number.NaN,
      true,
      'request-duration 0 ms within ≤ 500 ms',
    ],
  ])('%s', (_name, metric, value, passed, reason) => {
    expect(flagger.checkMetric(metric, value)).toEqual({ metric: metric.name, passed, reason });
  });
});
