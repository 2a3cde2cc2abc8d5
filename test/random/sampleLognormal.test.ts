import { describe, expect, it } from 'vitest';
import { deriveStream, normalCdf, sampleLognormal } from '../../src/random/index.js';
import { ksTest } from './support/goodnessOfFit.js';
import { ALPHA, expectMoments } from './support/moments.js';

describe('sampleLognormal', () => {
  // Latency-like parameters: ln 25 ms with the sigma a p50 = 25 / p99 = 46 fit gives, and a wider one.
  it.each([
    [Math.log(25), 0.2622],
    [0, 0.5],
  ])('mu=%d, sigma=%d: moments within 5 SE and Kolmogorov–Smirnov against the exact cdf', (mu, sigma) => {
    const rng = deriveStream(1, 'sampleLognormal', mu, sigma);
    const draws = Float64Array.from({ length: 200_000 }, () => sampleLognormal(rng, mu, sigma));
    const s2 = sigma * sigma;
    expectMoments(draws, {
      mean: Math.exp(mu + s2 / 2),
      variance: Math.expm1(s2) * Math.exp(2 * mu + s2),
      excessKurtosis: Math.exp(4 * s2) + 2 * Math.exp(3 * s2) + 3 * Math.exp(2 * s2) - 6,
    });
    expect(ksTest(draws, (x) => normalCdf((Math.log(x) - mu) / sigma)).pValue).toBeGreaterThan(ALPHA);
  });

  it.each([-1, Number.NaN])('rejects sigma %d', (sigma) => {
    expect(() => sampleLognormal(deriveStream(1), 0, sigma)).toThrow(RangeError);
  });
});
