import { describe, expect, it } from 'vitest';
import { betaQuantile, regularizedIncompleteBeta } from '../../src/stats/index.js';
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

  it('is 0 at 0 and 1 at 1', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
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
