import { describe, expect, it } from 'vitest';
import { deriveStream, sampleMultinomialInto } from '../../src/random/index.js';
import { CountingStream, REJECTION_UNIFORMS_PER_DRAW } from './support/countingStream.js';
import { chiSquarePValue } from './support/goodnessOfFit.js';
import { ALPHA, STANDARD_ERRORS } from './support/moments.js';

describe('sampleMultinomialInto', () => {
  it('puts every item somewhere, with the right means, variances and covariances (within 5 SE)', () => {
    const n = 1000;
    const probs = [0.5, 0.3, 0.15, 0.05];
    const draws = 50_000;
    const rng = deriveStream(1, 'sampleMultinomialInto', 'moments');
    const out = new Float64Array(4);
    const sums = new Float64Array(4);
    const products = new Float64Array(16);
    let misplaced = 0;
    for (let d = 0; d < draws; d++) {
      sampleMultinomialInto(rng, n, probs, out);
      if (out[0]! + out[1]! + out[2]! + out[3]! !== n) misplaced++;
      for (let i = 0; i < 4; i++) {
        sums[i]! += out[i]!;
        for (let j = 0; j < 4; j++) products[4 * i + j]! += out[i]! * out[j]!;
      }
    }
    expect(misplaced).toBe(0);
    for (let i = 0; i < 4; i++) {
      const pi = probs[i]!;
      const mean = sums[i]! / draws;
      expect(Math.abs(mean - n * pi)).toBeLessThanOrEqual(
        STANDARD_ERRORS * Math.sqrt((n * pi * (1 - pi)) / draws),
      );
      for (let j = 0; j < 4; j++) {
        const pj = probs[j]!;
        const covariance = products[4 * i + j]! / draws - (sums[i]! / draws) * (sums[j]! / draws);
        const theory = i === j ? n * pi * (1 - pi) : -n * pi * pj;
        // SE of a sample covariance of near-normal counts: √((σᵢ²σⱼ² + σᵢⱼ²)/draws)
        const varI = n * pi * (1 - pi);
        const varJ = n * pj * (1 - pj);
        const se = Math.sqrt((varI * varJ + theory * theory) / draws);
        expect(Math.abs(covariance - theory)).toBeLessThanOrEqual(STANDARD_ERRORS * se);
      }
    }
  });

  it('matches the exact joint pmf of a small case (chi-square over all 15 outcomes of n = 4, k = 3)', () => {
    const n = 4;
    const probs = [0.2, 0.5, 0.3];
    const rng = deriveStream(1, 'sampleMultinomialInto', 'joint');
    const observed = new Map<string, number>();
    const draws = 100_000;
    const out = [0, 0, 0];
    for (let d = 0; d < draws; d++) {
      const key = sampleMultinomialInto(rng, n, probs, out).join(',');
      observed.set(key, (observed.get(key) ?? 0) + 1);
    }
    const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
    let statistic = 0;
    let outcomes = 0;
    for (let a = 0; a <= n; a++) {
      for (let b = 0; a + b <= n; b++) {
        const c = n - a - b;
        const pmf =
          (factorial(n) / (factorial(a) * factorial(b) * factorial(c))) * 0.2 ** a * 0.5 ** b * 0.3 ** c;
        const expected = draws * pmf;
        statistic += ((observed.get(`${a},${b},${c}`) ?? 0) - expected) ** 2 / expected;
        outcomes++;
      }
    }
    expect(outcomes).toBe(15);
    expect(chiSquarePValue(statistic, outcomes - 1)).toBeGreaterThan(ALPHA);
  });

  it('normalises weights, never puts items in empty categories and leaves extra slots alone', () => {
    const rng = deriveStream(1, 'sampleMultinomialInto', 'weights');
    const out = [9, 9, 9, 9, 9, 7];
    let first = 0;
    for (let d = 0; d < 2000; d++) {
      sampleMultinomialInto(rng, 100, [2, 0, 1, 1, 0], out);
      expect(out[1]).toBe(0);
      expect(out[4]).toBe(0);
      expect(out[5]).toBe(7);
      expect(out[0]! + out[2]! + out[3]!).toBe(100);
      first += out[0]!;
    }
    // Category 0 has weight 2/4: mean 50, SE √(100·½·½/2000)
    expect(Math.abs(first / 2000 - 50)).toBeLessThanOrEqual(STANDARD_ERRORS * Math.sqrt(25 / 2000));
  });

  it('costs per category, not per item: n = 1e9 over 8 categories is at most 7 binomial draws', () => {
    const probs = [0.3, 0.2, 0.15, 0.1, 0.1, 0.08, 0.05, 0.02];
    const count = 100_000;
    // The last category takes what remains; each of the others is one BTRS draw (n·p ≥ 1e7 here).
    const limit = (probs.length - 1) * REJECTION_UNIFORMS_PER_DRAW * count;
    const rng = new CountingStream('sampleMultinomialInto cost', limit);
    const out = new Float64Array(8);
    let misplaced = 0;
    for (let d = 0; d < count; d++) {
      sampleMultinomialInto(rng, 1e9, probs, out);
      if (out.reduce((sum, items) => sum + items, 0) !== 1e9) misplaced++;
    }
    expect(rng.draws).toBeLessThanOrEqual(limit);
    expect(misplaced).toBe(0);
  });

  it('gives all zeros for n = 0', () => {
    expect(sampleMultinomialInto(deriveStream(1), 0, [0.5, 0.5], [3, 3])).toEqual([0, 0]);
  });

  it.each([
    ['a negative weight', 10, [0.5, -0.1], 2],
    ['no mass', 10, [0, 0], 2],
    ['too few slots', 10, [0.5, 0.5], 1],
    ['a fractional n', 2.5, [0.5, 0.5], 2],
  ])('rejects %s', (_label, n, probs, slots) => {
    expect(() => sampleMultinomialInto(deriveStream(1), n, probs, new Float64Array(slots))).toThrow(
      RangeError,
    );
  });
});
