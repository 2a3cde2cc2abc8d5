import { describe, expect, it } from 'vitest';
import { deriveStream, normalCdf, normalQuantile, sampleNormal } from '../../src/random/index.js';
import { chiSquarePValue, ksTest } from './support/goodnessOfFit.js';
import { ALPHA, expectMoments, STANDARD_ERRORS } from './support/moments.js';

function draw(mean: number, sd: number, count: number): Float64Array {
  const rng = deriveStream(1, 'sampleNormal', mean, sd);
  return Float64Array.from({ length: count }, () => sampleNormal(rng, mean, sd));
}

describe('sampleNormal', () => {
  it.each([
    [0, 1],
    [3, 2],
    [-1e6, 1e-3],
  ])('N(%d, %d²): moments within 5 SE and Kolmogorov–Smirnov against the exact cdf', (mean, sd) => {
    const draws = draw(mean, sd, 200_000);
    expectMoments(draws, { mean, variance: sd * sd, excessKurtosis: 0 });
    expect(ksTest(draws, (x) => normalCdf((x - mean) / sd)).pValue).toBeGreaterThan(ALPHA);
  });

  // The ziggurat's failure modes are local (a wrong layer edge, a biased wedge, the tail), which a
  // KS test over the whole line can miss: 512 equiprobable bins from the exact quantiles, 2M draws.
  it('fills 512 equiprobable bins evenly (chi-square, 2,000,000 draws)', () => {
    const bins = 512;
    const edges = Float64Array.from({ length: bins - 1 }, (_, i) => normalQuantile((i + 1) / bins));
    const counts = new Float64Array(bins);
    const rng = deriveStream(1, 'sampleNormal', 'bins');
    const draws = 2_000_000;
    for (let i = 0; i < draws; i++) {
      const z = sampleNormal(rng);
      let lo = 0;
      let hi = bins - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (z < edges[mid]!) hi = mid;
        else lo = mid + 1;
      }
      counts[lo]! += 1;
    }
    const expected = draws / bins;
    const statistic = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chiSquarePValue(statistic, bins - 1)).toBeGreaterThan(ALPHA);
  });

  // The base layer's tail (|z| > R) has its own algorithm: check how often it is drawn (within 5 SE)
  // and its shape (KS against the normal cdf conditioned on |z| > R).
  it('draws the tail beyond the ziggurat base as often as theory says and with the right shape', () => {
    const base = 3.442619855896652;
    const draws = draw(0, 1, 2_000_000);
    const tail = Float64Array.from(
      draws.filter((z) => Math.abs(z) > base),
      Math.abs,
    );
    const p = 2 * normalCdf(-base);
    const se = Math.sqrt(draws.length * p * (1 - p));
    expect(Math.abs(tail.length - draws.length * p)).toBeLessThanOrEqual(STANDARD_ERRORS * se);
    const tailCdf = (t: number) => 1 - normalCdf(-t) / normalCdf(-base);
    expect(ksTest(tail, tailCdf).pValue).toBeGreaterThan(ALPHA);
  });

  it('defaults to the standard normal', () => {
    expect(sampleNormal(deriveStream(7))).toBe(sampleNormal(deriveStream(7), 0, 1));
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects sd %d', (sd) => {
    expect(() => sampleNormal(deriveStream(1), 0, sd)).toThrow(RangeError);
  });
});
