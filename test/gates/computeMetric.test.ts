import { describe, expect, it } from 'vitest';
import { computeMetric, METRIC_NAMES, type MetricName, type WindowStats } from '../../src/gates/index.js';
import { makeStats } from './makeStats.js';

// Bounds 10, 20, 50, 100, 200, 500 ms; 100 requests: 90 in (20, 50], 8 in (50, 100], 2 in (100, 200].
const LATENCY = makeStats({ requests: 100, latencyCounts: [0, 0, 90, 8, 2, 0, 0] });

describe('computeMetric', () => {
  it.each<[string, MetricName, Partial<WindowStats>, number | null]>([
    ['errorRate = errors / requests', 'errorRate', { requests: 7412, errors: 46 }, 46 / 7412],
    ['errorRate with no requests', 'errorRate', { requests: 0, errors: 0 }, null],
    ['p50: 20 + 30 × 50/90', 'p50LatencyMs', LATENCY, 20 + (30 * 50) / 90],
    ['p95: 50 + 50 × 5/8', 'p95LatencyMs', LATENCY, 81.25],
    ['p99: 100 + 100 × 1/2', 'p99LatencyMs', LATENCY, 150],
    ['p99 of an empty histogram', 'p99LatencyMs', {}, null],
    ['availability = upMs / observedMs', 'availability', { upMs: 3_598_920, observedMs: 3_600_000 }, 0.9997],
    ['availability with no observed time', 'availability', { upMs: 0, observedMs: 0 }, null],
    ['revenueImpact provided', 'revenueImpact', { revenueImpact: 0.0037 }, 0.0037],
    [
      'revenueImpact is the provided value only: revenue sums alone give none (the model owns the formula)',
      'revenueImpact',
      {
        candidateRevenueUsd: 1050,
        candidateLearnerHours: 100,
        baselineRevenueUsd: 1000,
        baselineLearnerHours: 100,
      },
      null,
    ],
    [
      'revenueImpact NaN (upstream bug) reads as no value',
      'revenueImpact',
      { revenueImpact: Number.NaN },
      null,
    ],
    ['churnRate provided', 'churnRate', { churnRate: 0.012 }, 0.012],
    ['churnRate not provided', 'churnRate', {}, null],
    ['completionRate provided', 'completionRate', { completionRate: 0.81 }, 0.81],
    ['completionRate not provided', 'completionRate', {}, null],
    [
      'segmentVariance: overall 4/150; |3/50 − 4/150| is the largest',
      'segmentVariance',
      {
        requests: 150,
        errors: 4,
        segments: [
          { requests: 100, errors: 1 },
          { requests: 50, errors: 3 },
        ],
      },
      3 / 50 - 4 / 150,
    ],
    [
      'segmentVariance skips segments without requests',
      'segmentVariance',
      {
        requests: 100,
        errors: 1,
        segments: [
          { requests: 100, errors: 1 },
          { requests: 0, errors: 0 },
        ],
      },
      0,
    ],
    ['segmentVariance with no segment requests', 'segmentVariance', {}, null],
    ['incidents = count', 'incidents', { incidents: 2 }, 2],
    ['incidents with nothing observed is 0, a value', 'incidents', {}, 0],
    ['requests = count', 'requests', { requests: 7412 }, 7412],
    [
      'integrityErrorRate = failures / checks',
      'integrityErrorRate',
      { requests: 7412, errors: 46, integrityChecks: 7366, integrityFailures: 148 },
      148 / 7366,
    ],
    ['integrityErrorRate with nothing checked', 'integrityErrorRate', { requests: 380, errors: 0 }, null],
  ])('%s', (_label, metric, overrides, expected) => {
    const actual = computeMetric(metric, makeStats(overrides));
    if (expected === null) expect(actual).toBeNull();
    else expect(actual).toBeCloseTo(expected, 12);
  });

  it('gives every catalogued metric no value or a number on an empty window', () => {
    for (const metric of METRIC_NAMES) {
      const value = computeMetric(metric, makeStats());
      expect(value === null || Number.isFinite(value)).toBe(true);
    }
  });
});
