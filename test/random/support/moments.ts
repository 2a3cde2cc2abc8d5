import { expect } from 'vitest';

/** The distribution's closed-form moments. */
export interface Moments {
  mean: number;
  variance: number;
  /** μ4/σ⁴ − 3 */
  excessKurtosis: number;
}

/** How many standard errors a sample moment may stray from theory: |z| > 5 has probability 6e-7. */
export const STANDARD_ERRORS = 5;

/**
 * Asserts that the sample mean and the sample variance of `draws` are within 5 standard errors of
 * theory. SE(mean) = σ/√n; SE(sample variance) = σ²·√((κ + 2)/n) with κ the excess kurtosis (the
 * large-n variance of s², exact up to O(1/n²)).
 */
export function expectMoments(draws: ArrayLike<number>, theory: Moments): void {
  const n = draws.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += draws[i]!;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (draws[i]! - mean) ** 2;
  const variance = squares / (n - 1);
  const seMean = Math.sqrt(theory.variance / n);
  const seVariance = theory.variance * Math.sqrt((theory.excessKurtosis + 2) / n);
  expect(Math.abs(mean - theory.mean)).toBeLessThanOrEqual(STANDARD_ERRORS * seMean);
  expect(Math.abs(variance - theory.variance)).toBeLessThanOrEqual(STANDARD_ERRORS * seVariance);
}

/** Significance level of the goodness-of-fit tests (fixed seeds, so a pass is reproducible). */
export const ALPHA = 0.001;
