import { describe, expect, it } from 'vitest';
import { clopperPearsonInterval, wilsonInterval } from '../../src/stats/index.js';
import { expectRelativelyClose } from './support.js';

describe('clopperPearsonInterval', () => {
  // scipy 1.17: lo = scipy.stats.beta.ppf(α/2, x, n − x + 1), hi = scipy.stats.beta.ppf(1 − α/2, x + 1, n − x),
  // with α = 1 − confidence (lo = 0 when x = 0, hi = 1 when x = n).
  it.each([
    [0, 380, 0.95, 0, 0.009660611079882277],
    [3, 380, 0.95, 0.0016310530303670244, 0.022897269154169488],
    [380, 380, 0.95, 0.9903393889201177, 1],
    [7340, 10000, 0.95, 0.7252222909018291, 0.7426412405181917],
    [1, 2, 0.95, 0.01257911709342506, 0.9874208829065749],
    [50, 100, 0.9, 0.41362171463091174, 0.5863782853690882],
    [12, 1e6, 0.95, 6.200589988389883e-6, 2.0961491123683136e-5],
    [5e6, 1e7, 0.95, 0.4996900525213711, 0.5003099474786289],
    [1, 1e7, 0.99, 5.012541822288007e-10, 7.430127111552372e-7],
  ])('%d of %d at %d confidence: [%d, %d]', (successes, trials, confidence, lo, hi) => {
    const [actualLo, actualHi] = clopperPearsonInterval(successes, trials, confidence);
    expectRelativelyClose(actualLo, lo, 1e-9);
    expectRelativelyClose(actualHi, hi, 1e-9);
  });

  it('0 errors in 380 requests: the upper bound is 1 − 0.025^(1/380) ≈ 0.0097, above the rule of three', () => {
    const [lo, hi] = clopperPearsonInterval(0, 380);
    expect(lo).toBe(0);
    expectRelativelyClose(hi, 1 - 0.025 ** (1 / 380), 1e-13);
    expect(hi).toBeGreaterThan(3 / 380);
  });

  it('is [0, 1] with no trials', () => {
    expect(clopperPearsonInterval(0, 0)).toEqual([0, 1]);
  });

  it('contains the Wilson interval’s centre and is wider than it (it is conservative)', () => {
    const [lo, hi] = clopperPearsonInterval(3, 380);
    const [wilsonLo, wilsonHi] = wilsonInterval(3, 380);
    expect(lo).toBeLessThan((wilsonLo + wilsonHi) / 2);
    expect(hi).toBeGreaterThan((wilsonLo + wilsonHi) / 2);
    expect(lo).toBeLessThan(wilsonLo);
    expect(hi - lo).toBeGreaterThan(wilsonHi - wilsonLo);
  });

  it.each([
    [-1, 10, 0.95],
    [11, 10, 0.95],
    [1, 10, 1.5],
  ])('rejects %d of %d at %d', (successes, trials, confidence) => {
    expect(() => clopperPearsonInterval(successes, trials, confidence)).toThrow(RangeError);
  });
});
