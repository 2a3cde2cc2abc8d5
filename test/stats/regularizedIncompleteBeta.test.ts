import { describe, expect, it } from 'vitest';
import {
  betaQuantile,
  betaQuantileUpper,
  regularizedIncompleteBeta,
  regularizedIncompleteBetaComplement,
} from '../../src/stats/index.js';
import { expectRelativelyClose } from './support.js';

describe('regularizedIncompleteBeta', () => {
  // scipy.special.betainc(a, b, x), scipy 1.17
  it.each([
    [0.5, 2, 3, 0.6875],
    [0.001, 0.5, 0.5, 0.020135041633377492],
    [0.999, 0.5, 0.5, 0.9798649583666235],
    [0.3, 0.01, 0.02, 0.6611784272511076],
    [0.0097, 1, 380, 0.9753750113504092],
    [0.73, 7340, 2661, 0.18690428279681054],
    [1e-5, 12, 999989, 0.3032232850096994],
    [0.5, 5e6, 5e6 + 1, 0.5001261566229462],
    [0.2, 30, 70, 0.009692085749007043],
    [0.95, 2, 0.3, 0.4768886669750778],
  ])('I_%d(%d, %d) = %d', (x, a, b, expected) => {
    expectRelativelyClose(regularizedIncompleteBeta(x, a, b), expected, 1e-9);
  });

  it.each([
    // scipy.special.betaincc(a, b, x), scipy 1.17: the upper tail, at x where it is ~1e-12
    [0.5, 2, 3, 0.3125],
    [0.07013253473947352, 1, 380, 1.0000000000000016e-12],
    [0.2000189885231164, 50, 500, 9.999999999999935e-13],
    [0.7642221858837144, 7340, 2661, 1.000000000000027e-12],
  ])('1 − I_%d(%d, %d) = %d, without cancellation', (x, a, b, expected) => {
    expectRelativelyClose(regularizedIncompleteBetaComplement(x, a, b), expected, 1e-9);
  });

  it('is 0 at 0 and 1 at 1', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    expect(regularizedIncompleteBetaComplement(0, 2, 3)).toBe(1);
    expect(regularizedIncompleteBetaComplement(1, 2, 3)).toBe(0);
  });

  it.each([
    [-0.1, 1, 1],
    [0.5, 0, 1],
    [0.5, 1, -1],
  ])('rejects x=%d, a=%d, b=%d', (x, a, b) => {
    expect(() => regularizedIncompleteBeta(x, a, b)).toThrow(RangeError);
  });
});

describe('betaQuantile', () => {
  // scipy.special.betaincinv(a, b, p), scipy 1.17
  it.each([
    [0.025, 3, 378, 0.001631053030367024],
    [0.975, 4, 377, 0.022897269154169488],
    [0.5, 0.5, 0.5, 0.5],
    [1e-10, 2, 5, 2.581997786411184e-6],
    [0.999, 30, 70, 0.4498912610865279],
    [0.3, 0.01, 0.02, 2.0289416312649547e-35],
    [0.975, 1, 380, 0.009660611079882277],
  ])('p=%d, a=%d, b=%d: %d', (p, a, b, expected) => {
    expectRelativelyClose(betaQuantile(p, a, b), expected, 1e-9);
  });

  it('inverts the cdf', () => {
    for (const p of [1e-6, 0.025, 0.3, 0.5, 0.9, 0.975]) {
      expectRelativelyClose(regularizedIncompleteBeta(betaQuantile(p, 7.5, 2.25), 7.5, 2.25), p, 1e-12);
    }
  });
});

describe('betaQuantile near the ends', () => {
  it.each([
    // Closed form for b = 1: I_x(a, 1) = xᵃ, so x = p^(1/a): 1e-30000, 1e-320 (a denormal) and 0.6^10000
    // are all below the smallest normal double 2.2e-308, and the quantile is exactly 0.
    [1e-300, 0.01, 1],
    [1e-32, 0.1, 1],
    [0.6, 1e-4, 1],
    // (p·a·B(a, b))^(1/a) ≈ 1e-3000 and 1e-2500; scipy's beta.ppf returns the smallest normal 2.2e-308 here.
    [1e-300, 0.1, 5],
    [1e-5, 0.002, 10],
  ])('p=%d, a=%d, b=%d: a quantile that underflows is exactly 0, not a denormal', (p, a, b) => {
    expect(betaQuantile(p, a, b)).toBe(0);
  });

  it('keeps a quantile just inside the normal range: p^(1/a) = (1e-150)² = 1e-300', () => {
    expectRelativelyClose(betaQuantile(1e-150, 0.5, 1), 1e-300, 1e-12);
  });

  it.each([
    // scipy.stats.beta.ppf(p, a, b) at p = 1 − 1e-12 (the double 0.999999999999, whose 1 − p is
    // 9.999778782798785e-13), scipy 1.17; [1, 380] is also the closed form 1 − (1 − p)^(1/380).
    [1, 380, 0.07013258887235443],
    [2, 3, 0.9999370034198778],
    [50, 500, 0.2000190461504771],
    [3, 30, 0.6678184825811653],
  ])('p = 1 − 1e-12, a=%d, b=%d: %d, solved on the upper tail', (a, b, expected) => {
    // Solving I_x = p directly leaves an error of ~1e-16 in a tail of 1e-12: the x of the old solver was
    // off by 1.2e-6 relative for (1, 380) and 1.8e-7 for (50, 500).
    expectRelativelyClose(betaQuantile(1 - 1e-12, a, b), expected, 1e-13);
  });

  it.each([
    // scipy.stats.beta.isf(q, a, b), scipy 1.17; [1e-12, 1, 380] is also the closed form −expm1(ln q / 380)
    [1e-12, 1, 380, 0.07013253473947352],
    [1e-12, 2, 3, 0.9999370029553327],
    [1e-12, 50, 500, 0.2000189885231164],
    [1e-10, 3, 30, 0.6104980410236494],
    [1e-12, 7340, 2661, 0.7642221858837144],
  ])('betaQuantileUpper(q=%d, a=%d, b=%d) = %d (isf)', (q, a, b, expected) => {
    expectRelativelyClose(betaQuantileUpper(q, a, b), expected, 1e-13);
  });

  it('betaQuantileUpper: the isf of Beta(½, ½) at 1e-12 is within 1e-24 of 1, so 1 to double precision', () => {
    // 1 − x = sin²(π·q/2) ≈ 2.5e-24 (the arcsine distribution): the nearest doubles are 1 and 1 − 1.1e-16.
    expect(1 - betaQuantileUpper(1e-12, 0.5, 0.5)).toBeLessThanOrEqual(4 * Number.EPSILON);
    expect(betaQuantileUpper(0, 2, 3)).toBe(1);
    expect(betaQuantileUpper(1, 2, 3)).toBe(0);
    expect(() => betaQuantileUpper(1.5, 2, 3)).toThrow(RangeError);
  });
});
