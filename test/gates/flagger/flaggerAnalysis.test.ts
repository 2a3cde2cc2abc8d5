import { describe, expect, it } from 'vitest';
import { flagger } from '../../../src/gates/index.js';

describe('analysis defaults: pkg/apis/flagger/v1beta1/canary.go', () => {
  it.each<[string | undefined, number]>([
    [undefined, 60_000],
    ['', 60_000],
    ['not-a-duration', 60_000],
    ['5s', 10_000],
    ['10s', 10_000],
    ['30s', 30_000],
    ['2m', 120_000],
  ])('interval %j → %d ms (GetAnalysisInterval: default 60s, at least 10s)', (interval, ms) => {
    expect(flagger.analysisIntervalMs({ interval })).toBe(ms);
  });

  it.each<[number | undefined, number]>([
    [undefined, 1],
    [0, 1],
    [-3, 1],
    [5, 5],
  ])('threshold %j → %d (GetAnalysisThreshold)', (threshold, expected) => {
    expect(flagger.analysisThreshold({ threshold })).toBe(expected);
  });

  it.each<[flagger.FlaggerAnalysis, number]>([
    [{}, 100],
    [{ maxWeight: 50 }, 50],
    [{ maxWeight: 50, stepWeights: [1, 2, 10, 80] }, 80],
    [{ stepWeights: [10, 120] }, 100],
  ])('maxWeight of %j → %d', (analysis, expected) => {
    expect(flagger.maxWeightOf(analysis)).toBe(expected);
  });
});

describe('nextStepWeight: scheduler.go', () => {
  it.each<[flagger.FlaggerAnalysis, number, number]>([
    [{ stepWeight: 20 }, 0, 20],
    [{ stepWeight: 20 }, 60, 20],
    [{ stepWeight: 20, stepWeights: [1, 5] }, 0, 20],
    [{}, 0, 0],
    [{ stepWeights: [1, 2, 10, 80] }, 0, 1],
    [{ stepWeights: [1, 2, 10, 80] }, 1, 1],
    [{ stepWeights: [1, 2, 10, 80] }, 2, 8],
    [{ stepWeights: [1, 2, 10, 80] }, 10, 70],
    [{ stepWeights: [1, 2, 10, 80] }, 80, 20],
    [{ stepWeights: [1, 2, 10, 80] }, 100, 1],
    [{ stepWeights: [150] }, 0, 100],
    [{ stepWeights: [5, 50] }, 7, 93],
  ])('%j at weight %d → %d', (analysis, weight, expected) => {
    expect(flagger.nextStepWeight(analysis, weight)).toBe(expected);
  });
});

describe('validateAnalysis', () => {
  it('reports what Flagger would silently run differently', () => {
    const problems = flagger.validateAnalysis(
      {
        interval: '1 minute',
        stepWeights: [10, 5, 200],
        metrics: [
          { name: 'error-rate', thresholdRange: { max: 1 } },
          { name: 'request-duration', interval: '1d' },
        ],
      },
      'spec.analysis',
    );
    expect(problems.map((p) => [p.path, p.expected])).toEqual([
      ['spec.analysis.interval', 'a Go duration such as 30s, 5m or 1h30m (units ns, us, ms, s, m, h)'],
      ['spec.analysis.stepWeights[1]', 'a whole weight above 10 and at most 100'],
      ['spec.analysis.stepWeights[2]', 'a whole weight above 5 and at most 100'],
      ['spec.analysis.metrics[0]', 'request-success-rate or request-duration, or a templateRef or query'],
      [
        'spec.analysis.metrics[1].interval',
        'a Go duration such as 30s, 5m or 1h30m (units ns, us, ms, s, m, h)',
      ],
    ]);
  });

  it('an analysis that never advances is a problem; a documented one is not', () => {
    expect(flagger.validateAnalysis({ interval: '1m', threshold: 5 }, 'a')).toEqual([
      {
        path: 'a',
        expected: 'stepWeight, stepWeights or iterations',
        found: 'none of them: the canary never advances',
      },
    ]);
    expect(
      flagger.validateAnalysis({ interval: '1m', threshold: 10, maxWeight: 50, stepWeight: 2 }, 'a'),
    ).toEqual([]);
  });
});
