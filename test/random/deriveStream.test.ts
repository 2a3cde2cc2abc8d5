import { describe, expect, it } from 'vitest';
import {
  deriveStream,
  RandomStream,
  sampleBeta,
  sampleBinomial,
  sampleExponential,
  sampleGamma,
  sampleLognormal,
  sampleMultinomialInto,
  sampleNormal,
  samplePoisson,
} from '../../src/random/index.js';
import { ksTest } from './support/goodnessOfFit.js';
import { ALPHA, expectMoments, STANDARD_ERRORS } from './support/moments.js';

function firstDraws(rng: RandomStream, count: number): Float64Array {
  return Float64Array.from({ length: count }, () => rng.next());
}

describe('deriveStream and RandomStream', () => {
  // The generator is 32-bit integer arithmetic and the key is canonical JSON, so these hold on every
  // machine; a change here changes every rehearsal ever published. The sequence is also what seedrandom's
  // tychei (the published round restored, see randomStreamIdentity.test.ts) gives for the key
  // '[20251031,17,"traffic"]', two int32 outputs per uniform; the samplers' draws were recorded.
  it('gives the recorded sequence for (20251031, 17, "traffic")', () => {
    const rng = deriveStream(20251031, 17, 'traffic');
    expect([rng.next(), rng.next(), rng.next()]).toEqual([
      0.14281575887946918, 0.8524664025721235, 0.43003107441898925,
    ]);
  });

  it('gives the recorded draw from every sampler', () => {
    const g = deriveStream(20251031, 17, 'golden');
    expect({
      poisson: [samplePoisson(g, 3.7), samplePoisson(g, 417.5)],
      binomial: [sampleBinomial(g, 7412, 0.00079), sampleBinomial(g, 1e9, 0.3)],
      normal: sampleNormal(g, 0.058, 0.012),
      lognormal: sampleLognormal(g, Math.log(25), 0.26),
      gamma: [sampleGamma(g, 0.5, 2), sampleGamma(g, 56, 13.75)],
      beta: sampleBeta(g, 4, 378),
      exponential: sampleExponential(g, 1 / 3_600_000),
      multinomial: sampleMultinomialInto(g, 10_000, [0.15, 0.6, 0.25], [0, 0, 0]),
    }).toEqual({
      poisson: [3, 402],
      binomial: [8, 300028574],
      normal: 0.06072825676116986,
      lognormal: 19.224258047181113,
      gamma: [7.132253676849884, 758.428401935334],
      beta: 0.01183978250701018,
      exponential: 369602.11164517346,
      multinomial: [1507, 6054, 2439],
    });
  });

  it('repeats the same sequence for the same seed and path', () => {
    expect(firstDraws(deriveStream(7, 3, 'faults'), 1000)).toEqual(
      firstDraws(deriveStream(7, 3, 'faults'), 1000),
    );
    expect(firstDraws(new RandomStream('x'), 10)).toEqual(firstDraws(new RandomStream('x'), 10));
  });

  it('gives a different sequence for every different seed or path, including "17" against 17 and prefixes', () => {
    const paths: Array<[number, ...Array<string | number>]> = [
      [20251031, 17, 'traffic'],
      [20251031, 18, 'traffic'],
      [20251031, 17, 'faults'],
      [20251032, 17, 'traffic'],
      [20251031, '17', 'traffic'],
      [20251031, 17],
      [20251031, 17, 'traffic', 0],
      [20251031],
    ];
    const firsts = paths.map(([seed, ...path]) => deriveStream(seed, ...path).next());
    expect(new Set(firsts).size).toBe(paths.length);
  });

  it('gives uncorrelated streams for neighbouring runs (|r| within 5 SE = 5/√n)', () => {
    const n = 100_000;
    for (let run = 0; run < 5; run++) {
      const a = firstDraws(deriveStream(20251031, run, 'traffic'), n);
      const b = firstDraws(deriveStream(20251031, run + 1, 'traffic'), n);
      let sab = 0;
      for (let i = 0; i < n; i++) sab += (a[i]! - 0.5) * (b[i]! - 0.5);
      const correlation = sab / n / (1 / 12);
      expect(Math.abs(correlation)).toBeLessThanOrEqual(STANDARD_ERRORS / Math.sqrt(n));
    }
  });

  it('draws uniformly on [0, 1): moments within 5 SE, Kolmogorov–Smirnov, 53-bit grid', () => {
    const draws = firstDraws(deriveStream(1, 'uniform'), 1_000_000);
    expectMoments(draws, { mean: 0.5, variance: 1 / 12, excessKurtosis: -6 / 5 });
    expect(draws.every((u) => u >= 0 && u < 1 && Number.isInteger(u * 2 ** 53))).toBe(true);
    // Bits below 2^-32 are random too: a 32-bit generator would leave them all zero.
    expect(draws.filter((u) => !Number.isInteger(u * 2 ** 32)).length).toBeGreaterThan(999_000);
    expect(ksTest(draws, (u) => u).pValue).toBeGreaterThan(ALPHA);
  });

  it.each([
    [Number.NaN, []],
    [Number.POSITIVE_INFINITY, []],
    [1, [Number.NaN]],
    [1, ['traffic', Number.NEGATIVE_INFINITY]],
  ])('rejects seed %d with path %j', (seed, path) => {
    expect(() => deriveStream(seed, ...path)).toThrow(RangeError);
  });
});
