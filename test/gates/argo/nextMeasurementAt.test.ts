import { describe, expect, it } from 'vitest';
import { argo } from '../../../src/gates/index.js';

type Done = argo.TimedMeasurement;

describe('nextMeasurementAtMs: generateMetricTasks', () => {
  it.each<[string, argo.ArgoMetric, Done[], number | null]>([
    ['first measurement at the start', { name: 'sr', interval: '60s' }, [], 0],
    // TestGenerateMetricTasksHonorInitialDelay: not before initialDelay (20s)
    ['first measurement after initialDelay', { name: 'sr', initialDelay: '20s' }, [], 20_000],
    // TestGenerateMetricTasksInterval: the next one interval after the last finished
    [
      'interval after the last',
      { name: 'sr', interval: '60s' },
      [{ phase: 'Successful', finishedAtMs: 5_000 }],
      65_000,
    ],
    // TestGenerateMetricTasksError: an error is retried after 10 s, even with a 5m interval
    [
      'retry 10 s after an error',
      { name: 'sr', interval: '5m' },
      [{ phase: 'Error', finishedAtMs: 120_000 }],
      130_000,
    ],
    ['retry after an error with no interval', { name: 'sr' }, [{ phase: 'Error', finishedAtMs: 0 }], 10_000],
    // TestGenerateMetricTasksNoIntervalOrCount: one measurement completes the count
    ['count reached: nothing more', { name: 'sr' }, [{ phase: 'Successful', finishedAtMs: 0 }], null],
    [
      'count 3 reached',
      { name: 'sr', count: 3, interval: '1m' },
      [0, 60_000, 120_000].map((finishedAtMs) => ({ phase: 'Failed', finishedAtMs }) as Done),
      null,
    ],
    [
      'errors do not use up count',
      { name: 'sr', count: 1, interval: '1m' },
      [{ phase: 'Error', finishedAtMs: 0 }],
      10_000,
    ],
    [
      'an interval that does not parse: never measured again',
      { name: 'sr', interval: 'soon' },
      [{ phase: 'Successful', finishedAtMs: 0 }],
      null,
    ],
  ])('%s', (_name, metric, measurements, expected) => {
    expect(argo.nextMeasurementAtMs(metric, measurements)).toBe(expected);
  });
});
