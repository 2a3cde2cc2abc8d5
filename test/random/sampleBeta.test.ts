import { describe, expect, it } from 'vitest';
import { deriveStream, sampleBeta } from '../../src/random/index.js';
import { regularizedIncompleteBeta } from '../../src/stats/index.js';
import { ksTest } from './support/goodnessOfFit.js';
import { ALPHA, expectMoments } from './support/moments.js';

function betaMoments(a: number, b: number) {
  const s = a + b;
  return {
    mean: a / s,
    variance: (a * b) / (s * s * (s + 1)),
    excessKurtosis: (6 * ((a - b) ** 2 * (s + 1) - a * b * (s + 2))) / (a * b * (s + 2) * (s + 3)),
  };
}

describe('sampleBeta', () => {
  // Both shapes ≥ 1; one below 1; both below 1 (the logarithmic path), down to 0.05.
  it.each([
    [1, 1],
    [2, 5],
    [30, 70],
    [4, 378],
    [0.8, 3],
    [5, 0.3],
    [0.5, 0.5],
    [0.05, 0.2],
  ])('Beta(%d, %d): moments within 5 SE and Kolmogorov–Smirnov against the exact cdf', (a, b) => {
    const rng = deriveStream(1, 'sampleBeta', a, b);
    const draws = Float64Array.from({ length: 100_000 }, () => sampleBeta(rng, a, b));
    expectMoments(draws, betaMoments(a, b));
    // The exact cdf is the regularized incomplete beta, itself checked against scipy in test/stats.
    expect(ksTest(draws, (x) => regularizedIncompleteBeta(x, a, b)).pValue).toBeGreaterThan(ALPHA);
    expect(draws.every((x) => x >= 0 && x <= 1)).toBe(true);
  });

  it('gives no NaN when both gamma draws underflow (a = b = 0.001), and splits about evenly', () => {
    const rng = deriveStream(1, 'sampleBeta', 'tiny');
    const draws = Float64Array.from({ length: 20_000 }, () => sampleBeta(rng, 0.001, 0.001));
    expect(draws.every((x) => x >= 0 && x <= 1)).toBe(true);
    const nearZero = draws.filter((x) => x < 0.5).length / draws.length;
    // Symmetric: P(X < ½) = ½, SE = √(¼/20000) = 0.0035; 5 SE
    expect(Math.abs(nearZero - 0.5)).toBeLessThan(5 * 0.0035);
  });

  it.each([
    [0, 1],
    [1, -1],
    [Number.NaN, 1],
    [1, Number.POSITIVE_INFINITY],
  ])('rejects a=%d, b=%d', (a, b) => {
    expect(() => sampleBeta(deriveStream(1), a, b)).toThrow(RangeError);
  });
});
