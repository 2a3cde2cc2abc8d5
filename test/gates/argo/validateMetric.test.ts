import { describe, expect, it } from 'vitest';
import { argo } from '../../../src/gates/index.js';

describe('validateMetric: utils/analysis TestValidateMetrics and v1.8 limits', () => {
  it.each<[string, argo.ArgoMetric, [string, string][]]>([
    // "Ensure count >= failureLimit": count 1, failureLimit 2; then count 0 is valid
    [
      'count < failureLimit',
      { name: 'sr', count: 1, failureLimit: 2 },
      [['m.count', 'count ≥ failureLimit (2)']],
    ],
    ['count 0 with failureLimit 2', { name: 'sr', count: 0, failureLimit: 2 }, []],
    // "Ensure count must be >= inconclusiveLimit"
    [
      'count < inconclusiveLimit',
      { name: 'sr', count: 1, inconclusiveLimit: 2 },
      [['m.count', 'count ≥ inconclusiveLimit (2)']],
    ],
    [
      'count < consecutiveSuccessLimit',
      { name: 'sr', count: 2, interval: '1m', consecutiveSuccessLimit: 3 },
      [['m.count', 'count ≥ consecutiveSuccessLimit (3)']],
    ],
    ['count > 1 needs an interval', { name: 'sr', count: 2 }, [['m.interval', 'an interval when count > 1']]],
    [
      'count 2 with interval 60s and failureLimit 2',
      { name: 'sr', count: 2, interval: '60s', failureLimit: 2 },
      [],
    ],
    [
      'an interval that is not a Go duration',
      { name: 'sr', interval: '5 minutes' },
      [['m.interval', 'a Go duration such as 30s, 5m or 1h30m (units ns, us, ms, s, m, h)']],
    ],
    [
      'days are not a Go unit',
      { name: 'sr', initialDelay: '1d' },
      [['m.initialDelay', 'a Go duration such as 30s, 5m or 1h30m (units ns, us, ms, s, m, h)']],
    ],
    [
      'failureLimit below -1',
      { name: 'sr', failureLimit: -2, consecutiveSuccessLimit: 1 },
      [['m.failureLimit', 'a whole number ≥ -1']],
    ],
    [
      'a negative consecutiveErrorLimit',
      { name: 'sr', consecutiveErrorLimit: -1 },
      [['m.consecutiveErrorLimit', 'a whole number ≥ 0']],
    ],
    [
      'neither failureLimit nor consecutiveSuccessLimit applies',
      { name: 'sr', interval: '1m', failureLimit: -1 },
      [['m.failureLimit', 'failureLimit ≥ 0 or consecutiveSuccessLimit > 0 (one of them must apply)']],
    ],
    [
      'failureLimit -1 with consecutiveSuccessLimit 4',
      { name: 'sr', interval: '1m', failureLimit: -1, consecutiveSuccessLimit: 4 },
      [],
    ],
    [
      'a condition outside the subset',
      { name: 'sr', successCondition: 'asFloat(result) >= 0.95' },
      [['m.successCondition', 'one of result, true, false, nil, len, isNaN, isInf, isNil, default']],
    ],
    [
      'the docs background-analysis metric',
      { name: 'success-rate', interval: '5m', successCondition: 'result[0] >= 0.95', failureLimit: 3 },
      [],
    ],
  ])('%s', (_name, metric, expected) => {
    expect(argo.validateMetric(metric, 'm').map((p) => [p.path, p.expected])).toEqual(expected);
  });

  it('collects every problem at once', () => {
    expect(
      argo.validateMetric(
        { name: 'sr', count: 3, failureLimit: 5, interval: 'x', successCondition: '>' },
        'm',
      ),
    ).toHaveLength(3);
  });
});
