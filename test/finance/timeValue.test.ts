import { describe, expect, it } from 'vitest';
import { discountedRemainingYears, discountedYears } from '../../src/finance/index.js';

/** Midpoint rule with n steps: error O(h²), far below the 1e-9 tolerance at n = 20,000 here. */
function integrate(f: (t: number) => number, a: number, b: number, n = 20_000): number {
  const h = (b - a) / n;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += f(a + (i + 0.5) * h);
  return sum * h;
}

describe('time value', () => {
  it.each([0, 1e-12, 0.05, 0.1, 1])('∫ e^(−ρt) dt over [0.2, 0.9] at ρ = %f', (rate) => {
    expect(discountedYears(0.2, 0.9, rate)).toBeCloseTo(
      integrate((t) => Math.exp(-rate * t), 0.2, 0.9),
      9,
    );
  });

  it.each([0, 1e-12, 0.05, 0.1, 1])('∫∫ e^(−ρs) ds dt (retained learners) at ρ = %f', (rate) => {
    const remaining = (t: number) => discountedYears(t, 1.5, rate);
    expect(discountedRemainingYears(0.2, 0.9, 1.5, rate)).toBeCloseTo(integrate(remaining, 0.2, 0.9), 9);
  });

  it('is 0 for an empty or reversed span, and clips at the horizon', () => {
    expect(discountedYears(0.5, 0.5, 0.1)).toBe(0);
    expect(discountedYears(0.9, 0.2, 0.1)).toBe(0);
    expect(discountedRemainingYears(0.2, 3, 1, 0)).toBeCloseTo(0.8 * (1 - 0.6), 12);
  });
});
