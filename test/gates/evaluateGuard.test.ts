import { describe, expect, it } from 'vitest';
import {
  type Condition,
  evaluateGuard,
  evaluateGuardValue,
  guardTrips,
  type WindowStats,
} from '../../src/gates/index.js';
import { makeStats } from './makeStats.js';

const AT = { phase: 'ramp', label: '2h10m' };
const P99_ABOVE_250: Condition = { metric: 'p99LatencyMs', op: 'above', threshold: 250 };
/** 1,204 requests all in (250, 320] ms: p99 = 250 + 70 × 0.99 = 319.3 ms. */
const SLOW = { requests: 1204, latencyBoundsMs: [250, 320], latencyCounts: [0, 1204, 0] };
/** 1,204 requests all in (100, 120] ms: p99 = 119.8 ms. */
const FAST = { requests: 1204, latencyBoundsMs: [100, 120], latencyCounts: [0, 1204, 0] };

describe('guards name the condition that triggers a rollback', () => {
  it.each<[string, Condition, Partial<WindowStats>, number | null, boolean, string]>([
    [
      'p99 over the limit trips',
      P99_ABOVE_250,
      SLOW,
      319.3,
      true,
      'p99LatencyMs 319 ms > 250 ms limit (ramp, 2h10m, 1,204 requests)',
    ],
    [
      'p99 under the limit does not trip',
      P99_ABOVE_250,
      FAST,
      119.8,
      false,
      'p99LatencyMs 120 ms ≤ 250 ms (ramp, 2h10m, 1,204 requests)',
    ],
    [
      'exactly at an `above` threshold does not trip',
      { metric: 'errorRate', op: 'above', threshold: 0.015 },
      { requests: 1000, errors: 15 },
      0.015,
      false,
      'errorRate 1.50% ≤ 1.50% (ramp, 2h10m, 1,000 requests)',
    ],
    [
      'exactly at a `min` threshold trips',
      { metric: 'errorRate', op: 'min', threshold: 0.015 },
      { requests: 1000, errors: 15 },
      0.015,
      true,
      'errorRate 1.50% ≥ 1.50% limit (ramp, 2h10m, 1,000 requests)',
    ],
    [
      'no value never trips',
      { metric: 'errorRate', op: 'above', threshold: 0.015 },
      {},
      null,
      false,
      'errorRate: no requests in window (ramp, 2h10m) → not evaluated',
    ],
    [
      'too few requests never trips, whatever the value',
      { metric: 'errorRate', op: 'above', threshold: 0.015, minRequests: 50 },
      { requests: 10, errors: 10 },
      1,
      false,
      'errorRate 100.00%: only 10 requests, 50 required (ramp, 2h10m) → not evaluated',
    ],
    [
      'within trips inside the band',
      { metric: 'revenueImpact', op: 'within', threshold: 0.001 },
      { requests: 5, revenueImpact: -0.0005 },
      -0.0005,
      true,
      'revenueImpact -0.05% within ±0.10% limit (ramp, 2h10m, 5 requests)',
    ],
  ])('%s', (_label, condition, overrides, observed, tripped, reason) => {
    const stats = makeStats(overrides);
    expect(guardTrips(condition, stats)).toBe(tripped);
    const result = evaluateGuard(condition, stats, AT);
    const { metric, op, threshold } = condition;
    expect(result).toMatchObject({ metric, op, threshold, tripped, reason });
    if (observed === null) expect(result.observed).toBeNull();
    else expect(result.observed).toBeCloseTo(observed, 9);
  });
});

describe('evaluateGuardValue', () => {
  it.each([
    [319.3, true],
    [250, false],
    [null, false],
    [Number.NaN, false],
  ])('p99 %d ms against above 250 ms → tripped %s', (measured, tripped) => {
    expect(evaluateGuardValue(P99_ABOVE_250, measured, 1204, AT).tripped).toBe(tripped);
  });

  it('gives the same result as the window', () => {
    const fromWindow = evaluateGuard(P99_ABOVE_250, makeStats(SLOW), AT);
    expect(evaluateGuardValue(P99_ABOVE_250, fromWindow.observed, SLOW.requests, AT)).toEqual(fromWindow);
  });
});
