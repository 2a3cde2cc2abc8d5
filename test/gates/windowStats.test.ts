import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addInto, emptyWindowStats, resetWindowStats, type WindowStats } from '../../src/gates/index.js';
import { makeStats, TEST_BOUNDS_MS } from './makeStats.js';

const count = fc.integer({ min: 0, max: 1_000_000 });
const estimate = fc.option(fc.double({ min: -1, max: 1, noNaN: true }), { nil: null });

/** Random windows on the test buckets and two segments; integer sums so that addition is exact. */
const windowStats: fc.Arbitrary<WindowStats> = fc.record({
  requests: count,
  errors: count,
  integrityChecks: count,
  integrityFailures: count,
  latencyBoundsMs: fc.constant(TEST_BOUNDS_MS),
  latencyCounts: fc.array(count, {
    minLength: TEST_BOUNDS_MS.length + 1,
    maxLength: TEST_BOUNDS_MS.length + 1,
  }),
  upMs: count,
  observedMs: count,
  incidents: fc.integer({ min: 0, max: 5 }),
  candidateRevenueUsd: count,
  baselineRevenueUsd: count,
  candidateLearnerHours: count,
  baselineLearnerHours: count,
  revenueImpact: estimate,
  churnRate: estimate,
  completionRate: estimate,
  segments: fc.array(fc.record({ requests: count, errors: count }), { minLength: 2, maxLength: 2 }),
});

const empty = () => emptyWindowStats(TEST_BOUNDS_MS, 2);
const copy = (stats: WindowStats): WindowStats => addInto(empty(), stats);

describe('emptyWindowStats', () => {
  it('has one count per finite bucket plus +Inf, and zeroed segments', () => {
    const stats = emptyWindowStats([5, 10, 25], 3);
    expect(stats.latencyCounts).toEqual([0, 0, 0, 0]);
    expect(stats.segments).toEqual([
      { requests: 0, errors: 0 },
      { requests: 0, errors: 0 },
      { requests: 0, errors: 0 },
    ]);
    expect(stats.revenueImpact).toBeNull();
  });
});

describe('addInto', () => {
  it('adds sums in place, keeps the later provided estimate, and returns the target', () => {
    const target = makeStats({
      requests: 10,
      errors: 1,
      latencyCounts: [1, 2, 3, 4, 0, 0, 0],
      revenueImpact: 0.01,
    });
    const source = makeStats({ requests: 5, errors: 2, latencyCounts: [0, 1, 0, 0, 0, 0, 1], upMs: 30_000 });
    source.segments[1] = { requests: 5, errors: 2 };
    const result = addInto(target, source);
    expect(result).toBe(target);
    expect(target).toMatchObject({ requests: 15, errors: 3, upMs: 30_000, revenueImpact: 0.01 });
    expect(target.latencyCounts).toEqual([1, 3, 3, 4, 0, 0, 1]);
    expect(target.segments[1]).toEqual({ requests: 5, errors: 2 });
    addInto(target, makeStats({ revenueImpact: -0.02 }));
    expect(target.revenueImpact).toBe(-0.02);
  });

  it('accepts equal bounds held in different arrays', () => {
    expect(() => addInto(makeStats(), emptyWindowStats([...TEST_BOUNDS_MS], 2))).not.toThrow();
  });

  it.each([
    ['different latency buckets', emptyWindowStats([10, 20], 2), /different latency buckets/],
    ['different segment counts', emptyWindowStats(TEST_BOUNDS_MS, 3), /different segment counts/],
  ])('throws on %s', (_label, source, message) => {
    expect(() => addInto(makeStats(), source)).toThrow(message);
  });

  it('has empty stats as identity on both sides', () => {
    fc.assert(
      fc.property(windowStats, (stats) => {
        expect(addInto(copy(stats), empty())).toEqual(stats);
        expect(addInto(empty(), stats)).toEqual(stats);
      }),
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(windowStats, windowStats, windowStats, (a, b, c) => {
        const left = addInto(addInto(copy(a), b), c);
        const right = addInto(copy(a), addInto(copy(b), c));
        expect(left).toEqual(right);
      }),
    );
  });
});

describe('resetWindowStats', () => {
  it('makes a used window empty again, keeping its arrays', () => {
    fc.assert(
      fc.property(windowStats, (stats) => {
        const used = copy(stats);
        const counts = used.latencyCounts;
        expect(resetWindowStats(used)).toEqual(empty());
        expect(used.latencyCounts).toBe(counts);
      }),
    );
  });
});
