import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../src/random/index.js';

describe('normalCdf (Cody)', () => {
  // [x, Φ(x)] from mpmath 1.3 at 30 digits (`mpmath.ncdf(x)` with mp.dps = 30), rounded to double:
  // scipy's norm.cdf is itself off by ~1e-13 relative at x = −37. Relative error ≤ 1e-14 required.
  it.each([
    [-37, 5.725571222524577e-300],
    [-20, 2.7536241186062337e-89],
    [-10, 7.619853024160525e-24],
    [-5.7, 5.990371401063528e-9],
    [-5, 2.866515718791939e-7],
    [-2, 0.02275013194817921],
    [-1, 0.15865525393145705],
    [-0.5, 0.3085375387259869],
    [0, 0.5],
    [0.3, 0.6179114221889527],
    [0.66291, 0.7463059016102601],
    [0.7, 0.758036347776927],
    [1, 0.8413447460685429],
    [1.959963984540054, 0.975],
    [3, 0.9986501019683699],
    [5, 0.9999997133484281],
    [8, 0.9999999999999993],
    [10, 1],
  ])('normalCdf(%d) = scipy %d', (x, expected) => {
    expect(Math.abs(normalCdf(x) - expected)).toBeLessThanOrEqual(1e-14 * expected);
  });

  it('is symmetric: Φ(−x) = 1 − Φ(x)', () => {
    for (let x = 0; x < 8; x += 0.173) expect(normalCdf(-x) + normalCdf(x)).toBeCloseTo(1, 15);
  });

  it('saturates beyond ±38.5 and passes NaN through', () => {
    expect(normalCdf(-38.5)).toBe(0);
    expect(normalCdf(38.5)).toBe(1);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalCdf(Number.NaN)).toBeNaN();
  });
});
