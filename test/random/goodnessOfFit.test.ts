import { describe, expect, it } from 'vitest';
import {
  binomialPmf,
  chiSquarePValue,
  ksPValue,
  type Pmf,
  poissonPmf,
  regularizedGammaP,
} from './support/goodnessOfFit.js';

/** The test machinery is checked first, against scipy 1.17, so a sampler failure means the sampler. */

function pmfAt(pmf: Pmf, k: number): number {
  return pmf.probabilities[k - pmf.first] ?? 0;
}

describe('goodness-of-fit support', () => {
  // scipy.special.gammainc(a, x)
  it.each([
    [0.1, 0.001, 0.526768568392445],
    [0.5, 2.0, 0.9544997361036415],
    [2.5, 1.0, 0.15085496391539038],
    [7.0, 12.0, 0.9541776931113489],
    [100.0, 90.0, 0.15822098918643007],
    [100.0, 130.0, 0.9972495916326934],
  ])('regularizedGammaP(%d, %d) = scipy %d', (a, x, expected) => {
    expect(regularizedGammaP(a, x)).toBeCloseTo(expected, 13);
  });

  // scipy.stats.chi2.sf(x, df)
  it.each([
    [3.0, 1, 0.08326451666355042],
    [10.0, 4, 0.04042768199451279],
    [30.0, 20, 0.06985366069940986],
    [150.0, 120, 0.03307348091130466],
    [400.0, 300, 9.678621994933555e-5],
  ])('chiSquarePValue(%d, df %d) = scipy %d', (x, df, expected) => {
    expect(chiSquarePValue(x, df) / expected).toBeCloseTo(1, 11);
  });

  // scipy.stats.kstwo.sf(d, n): Stephens' asymptotic form departs from the exact law by at most 0.14% at
  // these rows (measured), so 0.5% is its approximation error with room, not a statistical tolerance.
  it.each([
    [0.003, 200_000, 0.0545369786611305],
    [0.0045, 200_000, 0.0006052431453602938],
    [0.01, 20_000, 0.03638603905248727],
    [0.006, 100_000, 0.0014871489301131564],
  ])('ksPValue(%d, n %d) ≈ scipy %d', (d, n, expected) => {
    expect(Math.abs(ksPValue(d, n) / expected - 1)).toBeLessThan(0.005);
  });

  // scipy.stats.binom.pmf(k, n, p) and scipy.stats.poisson.pmf(k, mean). Ratio recurrences over
  // thousands of steps carry ~1e-9 relative error, far below what a chi-square test can resolve.
  it.each([
    ['binomial', binomialPmf(20, 0.3), 3, 0.0716036722052621],
    ['binomial', binomialPmf(1e9, 0.3), 3e8, 2.7529632778422573e-5],
    ['binomial', binomialPmf(1e9, 1e-9), 0, 0.3678794409875025],
    ['binomial', binomialPmf(40, 0.5), 25, 0.036584738205419895],
    ['poisson', poissonPmf(0.05), 0, 0.951229424500714],
    ['poisson', poissonPmf(3), 7, 0.02160403145248382],
    ['poisson', poissonPmf(1e6), 1e6, 0.0003989422468833316],
    ['poisson', poissonPmf(2500), 2450, 0.00487194873668747],
  ])('%s pmf matches scipy', (_name, pmf, k, expected) => {
    expect(pmfAt(pmf as Pmf, k as number) / (expected as number)).toBeCloseTo(1, 8);
  });
});
