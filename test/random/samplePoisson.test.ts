import { describe, expect, it } from 'vitest';
import { deriveStream, samplePoisson } from '../../src/random/index.js';
import { CountingStream, REJECTION_UNIFORMS_PER_DRAW } from './support/countingStream.js';
import { chiSquareTest, poissonPmf } from './support/goodnessOfFit.js';
import { ALPHA, expectMoments } from './support/moments.js';

const DRAWS = 200_000;

function draw(mean: number, count = DRAWS): Float64Array {
  const rng = deriveStream(1, 'samplePoisson', mean);
  return Float64Array.from({ length: count }, () => samplePoisson(rng, mean));
}

describe('samplePoisson', () => {
  // Both sides of the inversion/PTRS switch at 10, and PTRS far out, where cancellation would show.
  it.each([0.05, 0.5, 3, 9.99, 10, 10.5, 17, 45.5, 100, 2500, 1e6])(
    'mean %d: moments within 5 SE and chi-square against the exact pmf',
    (mean) => {
      const draws = draw(mean);
      expectMoments(draws, { mean, variance: mean, excessKurtosis: 1 / mean });
      const test = chiSquareTest(draws, poissonPmf(mean));
      expect(test.pValue).toBeGreaterThan(ALPHA);
    },
  );

  it('gives 0 for mean 0 without drawing', () => {
    const rng = deriveStream(1, 'zero');
    const reference = deriveStream(1, 'zero');
    expect(samplePoisson(rng, 0)).toBe(0);
    expect(rng.next()).toBe(reference.next());
  });

  it('costs the same for a mean of 1e12 as for 1e3: at most 1.3 rounds of PTRS per draw', () => {
    const count = 100_000;
    for (const mean of [1e3, 1e12]) {
      // Drawing one by one up to the mean, or searching from 0 (which at 1e12 underflows and redraws
      // for ever), would exceed the limit within the first draw.
      const limit = REJECTION_UNIFORMS_PER_DRAW * count;
      const rng = new CountingStream(`samplePoisson cost ${mean}`, limit);
      const draws = Float64Array.from({ length: count }, () => samplePoisson(rng, mean));
      expect(rng.draws).toBeLessThanOrEqual(limit);
      expectMoments(draws, { mean, variance: mean, excessKurtosis: 1 / mean });
    }
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects mean %d', (mean) => {
    expect(() => samplePoisson(deriveStream(1), mean)).toThrow(RangeError);
  });
});
