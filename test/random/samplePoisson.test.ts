import { describe, expect, it } from 'vitest';
import { deriveStream, samplePoisson } from '../../src/random/index.js';
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

  it('costs the same for a mean of 1e12 as for 1e3 (PTRS is O(1) in the mean)', () => {
    const mean = 1e12;
    const start = performance.now();
    const draws = draw(mean, 100_000);
    const elapsedMs = performance.now() - start;
    expect(elapsedMs).toBeLessThan(1000); // ~6 ms here; a loop over the mean would take hours
    expectMoments(draws, { mean, variance: mean, excessKurtosis: 1 / mean });
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects mean %d', (mean) => {
    expect(() => samplePoisson(deriveStream(1), mean)).toThrow(RangeError);
  });
});
