import { describe, expect, it } from 'vitest';
import { deriveStream, sampleGamma } from '../../src/random/index.js';
import { ksTest, regularizedGammaP } from './support/goodnessOfFit.js';
import { ALPHA, expectMoments } from './support/moments.js';

describe('sampleGamma', () => {
  // Shapes below 1 go through the boost; 1 is the exponential; 100 is nearly normal.
  it.each([
    [0.1, 2],
    [0.5, 1],
    [0.999, 3],
    [1, 1],
    [2.5, 0.5],
    [7, 10],
    [100, 0.01],
  ])(
    'shape %d, scale %d: moments within 5 SE and Kolmogorov–Smirnov against the exact cdf',
    (shape, scale) => {
      const rng = deriveStream(1, 'sampleGamma', shape, scale);
      const draws = Float64Array.from({ length: 200_000 }, () => sampleGamma(rng, shape, scale));
      expectMoments(draws, {
        mean: shape * scale,
        variance: shape * scale * scale,
        excessKurtosis: 6 / shape,
      });
      expect(ksTest(draws, (x) => regularizedGammaP(shape, x / scale)).pValue).toBeGreaterThan(ALPHA);
      expect(draws.every((x) => x >= 0 && Number.isFinite(x))).toBe(true);
    },
  );

  it.each([
    [0, 1],
    [-1, 1],
    [1, 0],
    [Number.NaN, 1],
    [1, Number.POSITIVE_INFINITY],
  ])('rejects shape %d, scale %d', (shape, scale) => {
    expect(() => sampleGamma(deriveStream(1), shape, scale)).toThrow(RangeError);
  });
});
