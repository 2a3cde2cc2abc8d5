import { describe, expect, it } from 'vitest';
import { deriveStream, sampleBinomial } from '../../src/random/index.js';
import { CountingStream, REJECTION_UNIFORMS_PER_DRAW } from './support/countingStream.js';
import { binomialPmf, chiSquareTest } from './support/goodnessOfFit.js';
import { ALPHA, expectMoments } from './support/moments.js';

function draw(n: number, p: number, count: number): Float64Array {
  const rng = deriveStream(1, 'sampleBinomial', n, p);
  return Float64Array.from({ length: count }, () => sampleBinomial(rng, n, p));
}

function binomialMoments(n: number, p: number) {
  const variance = n * p * (1 - p);
  return { mean: n * p, variance, excessKurtosis: (1 - 6 * p * (1 - p)) / variance };
}

describe('sampleBinomial', () => {
  // [label, n, p, draws]. n·min(p, 1 − p) < 10 is inversion, ≥ 10 is BTRS. BTRS gets 400,000 draws at
  // n·p = 10, 20, 50, 200 and 499: the range where @stdlib/random-base-binomial 0.2.2 is biased.
  it.each([
    ['inversion, whole support', 10, 0.5, 200_000],
    ['inversion, small n', 20, 0.3, 200_000],
    ['inversion, n·p = 9.9', 1000, 0.0099, 200_000],
    ['inversion, n = 1e9, p = 1e-9', 1e9, 1e-9, 200_000],
    ['inversion by symmetry, p = 0.95', 100, 0.95, 200_000],
    ['BTRS, n·p = 10', 1000, 0.01, 400_000],
    ['BTRS, n·p = 10, n = 1e9', 1e9, 1e-8, 400_000],
    ['BTRS, n·p = 20, p = 0.5', 40, 0.5, 400_000],
    ['BTRS, n·p = 20', 200, 0.1, 400_000],
    ['BTRS, n·p = 50', 500, 0.1, 400_000],
    ['BTRS, n·p = 200', 2000, 0.1, 400_000],
    ['BTRS, n·p = 499', 4990, 0.1, 400_000],
    ['BTRS, n·p = 499, small p', 499_000, 0.001, 400_000],
    ['BTRS, n = 1e9, p = 0.3', 1e9, 0.3, 200_000],
    ['BTRS by symmetry, p = 0.7', 1e6, 0.7, 200_000],
  ])('%s (n=%d, p=%d): moments within 5 SE and chi-square against the exact pmf', (_label, n, p, count) => {
    const draws = draw(n, p, count);
    expectMoments(draws, binomialMoments(n, p));
    const test = chiSquareTest(draws, binomialPmf(n, p));
    expect(test.pValue).toBeGreaterThan(ALPHA);
  });

  it('n = 1e9, p = 1e-9: one uniform per draw, searched from 0 up to the value drawn (n·p + 1 steps on average)', () => {
    const [n, p, count] = [1e9, 1e-9, 100_000];
    const rng = new CountingStream('sampleBinomial cost inversion', count);
    const draws = Float64Array.from({ length: count }, () => sampleBinomial(rng, n, p));
    expect(rng.draws).toBe(count);
    expectMoments(draws, binomialMoments(n, p));
  });

  it('n = 1e9, p = 0.3: at most 1.3 rounds of BTRS per draw, whatever n', () => {
    const [n, p, count] = [1e9, 0.3, 100_000];
    const limit = REJECTION_UNIFORMS_PER_DRAW * count;
    const rng = new CountingStream('sampleBinomial cost BTRS', limit);
    const draws = Float64Array.from({ length: count }, () => sampleBinomial(rng, n, p));
    expect(rng.draws).toBeLessThanOrEqual(limit);
    expectMoments(draws, binomialMoments(n, p));
  });

  it.each([
    [0, 0.3, 0],
    [50, 0, 0],
    [50, 1, 50],
  ])('n=%d, p=%d always gives %d', (n, p, expected) => {
    expect(draw(n, p, 100).every((x) => x === expected)).toBe(true);
  });

  it('stays within [0, n]', () => {
    expect(draw(3, 0.5, 10_000).every((x) => x >= 0 && x <= 3 && Number.isInteger(x))).toBe(true);
    expect(draw(25, 0.45, 10_000).every((x) => x >= 0 && x <= 25 && Number.isInteger(x))).toBe(true);
  });

  it.each([
    [-1, 0.5],
    [2.5, 0.5],
    [Number.NaN, 0.5],
    [10, -0.1],
    [10, 1.1],
    [10, Number.NaN],
  ])('rejects n=%d, p=%d', (n, p) => {
    expect(() => sampleBinomial(deriveStream(1), n, p)).toThrow(RangeError);
  });
});
