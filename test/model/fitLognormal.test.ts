import { describe, expect, it } from 'vitest';
import { fitLognormal, Z99 } from '../../src/model/index.js';

describe('fitLognormal', () => {
  it('uses AS241 z99 = 2.3263478740408408', () => {
    expect(Z99).toBeCloseTo(2.3263478740408408, 14);
  });

  it.each([
    // p50, p99 → sigma = ln(p99/p50) / z99 (closed form)
    [25, 46, 0.262113],
    [60, 180, 0.472248],
    [10, 10, 0],
  ])('p50 %d ms, p99 %d ms → sigma %f', (p50, p99, sigma) => {
    const fitted = fitLognormal(p50, p99);
    expect(fitted.mu).toBeCloseTo(Math.log(p50), 12);
    expect(fitted.sigma).toBeCloseTo(sigma, 6);
    expect(Math.exp(fitted.mu + Z99 * fitted.sigma)).toBeCloseTo(p99, 9);
  });

  it.each([
    [0, 10],
    [20, 10],
    [Number.NaN, 10],
  ])('rejects p50 %d, p99 %d', (p50, p99) => {
    expect(() => fitLognormal(p50, p99)).toThrow(RangeError);
  });
});
