import { describe, expect, it } from 'vitest';
import { deriveStream, sampleZeroTruncatedPoisson } from '../../src/random/index.js';
import { chiSquareTest, type Pmf, poissonPmf } from './support/goodnessOfFit.js';
import { ALPHA, STANDARD_ERRORS } from './support/moments.js';

const DRAWS = 100_000;

/** Poisson(mean)'s pmf with 0 removed and the rest renormalised: the zero-truncated law. */
function zeroTruncatedPmf(mean: number): Pmf {
  const { first, probabilities } = poissonPmf(mean);
  const p0 = first === 0 ? probabilities[0]! : 0;
  const from = first === 0 ? 1 : 0;
  return {
    first: first + from,
    probabilities: Float64Array.from(probabilities.subarray(from), (p) => p / (1 - p0)),
  };
}

describe('sampleZeroTruncatedPoisson', () => {
  // Both sides of the inversion/rejection switch at 10.
  it.each([0.02, 0.7, 4, 9.99, 10, 25])(
    'mean %d: chi-square against the exact pmf, mean within 5 SE',
    (mean) => {
      const rng = deriveStream(1, 'sampleZeroTruncatedPoisson', mean);
      const draws = Float64Array.from({ length: DRAWS }, () => sampleZeroTruncatedPoisson(rng, mean));
      expect(Math.min(...draws)).toBeGreaterThanOrEqual(1);
      expect(chiSquareTest(draws, zeroTruncatedPmf(mean)).pValue).toBeGreaterThan(ALPHA);
      // E[K] = μ/(1 − e^{−μ}); Var[K] = E[K](1 + μ − E[K]).
      const expected = mean / -Math.expm1(-mean);
      const variance = expected * (1 + mean - expected);
      const observed = draws.reduce((sum, k) => sum + k, 0) / DRAWS;
      expect(Math.abs(observed - expected)).toBeLessThanOrEqual(
        STANDARD_ERRORS * Math.sqrt(variance / DRAWS),
      );
    },
  );

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses mean %d', (mean) => {
    expect(() => sampleZeroTruncatedPoisson(deriveStream(1, 'bad'), mean)).toThrow(RangeError);
  });
});
