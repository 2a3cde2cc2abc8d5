import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/stats/index.js';
import { expectRelativelyClose } from './support.js';

describe('wilsonInterval', () => {
  // Wilson's closed form in numpy with z = scipy.stats.norm.ppf(1 - (1 - confidence)/2) (scipy 1.17).
  it.each([
    [0, 380, 0.95, 0, 0.010007930963206886],
    [3, 380, 0.95, 0.0026884828905144095, 0.02295090179432606],
    [380, 380, 0.95, 0.9899920690367933, 1],
    [7340, 10000, 0.95, 0.7252509612837288, 0.7425693274787946],
    [1, 1, 0.95, 0.20654931437723745, 1],
    [5, 10, 0.9, 0.2692718211382672, 0.7307281788617328],
    [0, 1, 0.99, 0, 0.8690224567198142],
    [9990, 10000, 0.999, 0.9972890535396117, 0.9996315241082505],
  ])('%d of %d at %d confidence: [%d, %d]', (successes, trials, confidence, lo, hi) => {
    const [actualLo, actualHi] = wilsonInterval(successes, trials, confidence);
    expectRelativelyClose(actualLo, lo, 1e-13);
    expectRelativelyClose(actualHi, hi, 1e-13);
  });

  it('is [0, 1] with no trials', () => {
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });

  it('defaults to 95%', () => {
    expect(wilsonInterval(3, 380)).toEqual(wilsonInterval(3, 380, 0.95));
  });

  it.each([
    [-1, 10, 0.95],
    [11, 10, 0.95],
    [1.5, 10, 0.95],
    [1, -1, 0.95],
    [1, 10, 1],
    [1, 10, 0],
    [1, 10, Number.NaN],
  ])('rejects %d of %d at %d', (successes, trials, confidence) => {
    expect(() => wilsonInterval(successes, trials, confidence)).toThrow(RangeError);
  });
});
