import { describe, expect, it } from 'vitest';
import { poissonInterval } from '../../src/calibrate/index.js';

/**
 * Garwood intervals against scipy 1.17:
 *   (scipy.stats.chi2.ppf(0.025, 2k) / 2, scipy.stats.chi2.ppf(0.975, 2k + 2) / 2)
 */
describe('poissonInterval', () => {
  it.each([
    [1, 0.025317807984289876, 5.571643390938898],
    [2, 0.24220927854396496, 7.22468766772396],
    [5, 1.6234863901184207, 11.66833207932267],
    [20, 12.216519585403944, 30.8883779026746],
  ])('%i events: [%f, %f]', (count, low, high) => {
    const [computedLow, computedHigh] = poissonInterval(count);
    expect(computedLow).toBeCloseTo(low, 9);
    expect(computedHigh).toBeCloseTo(high, 9);
  });

  it('starts at 0 with no events: [0, −ln 0.025]', () => {
    const [low, high] = poissonInterval(0);
    expect(low).toBe(0);
    expect(high).toBeCloseTo(-Math.log(0.025), 9);
  });
});
