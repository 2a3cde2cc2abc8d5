import { expect } from 'vitest';

/** Asserts |actual − expected| ≤ tolerance·|expected| (or ≤ tolerance when expected is 0). */
export function expectRelativelyClose(actual: number, expected: number, tolerance: number): void {
  const scale = expected === 0 ? 1 : Math.abs(expected);
  expect(Math.abs(actual - expected) / scale).toBeLessThanOrEqual(tolerance);
}
