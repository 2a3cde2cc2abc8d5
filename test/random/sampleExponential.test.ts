import { describe, expect, it } from 'vitest';
import { deriveStream, sampleExponential } from '../../src/random/index.js';
import { ksTest } from './support/goodnessOfFit.js';
import { ALPHA, expectMoments } from './support/moments.js';

describe('sampleExponential', () => {
  it.each([1, 1 / 3_600_000, 250])(
    'rate %d: moments within 5 SE and Kolmogorov–Smirnov against the exact cdf',
    (rate) => {
      const rng = deriveStream(1, 'sampleExponential', rate);
      const draws = Float64Array.from({ length: 200_000 }, () => sampleExponential(rng, rate));
      expectMoments(draws, { mean: 1 / rate, variance: 1 / (rate * rate), excessKurtosis: 6 });
      expect(ksTest(draws, (x) => -Math.expm1(-rate * x)).pValue).toBeGreaterThan(ALPHA);
      expect(draws.every((x) => x >= 0 && Number.isFinite(x))).toBe(true);
    },
  );

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('rejects rate %d', (rate) => {
    expect(() => sampleExponential(deriveStream(1), rate)).toThrow(RangeError);
  });
});
