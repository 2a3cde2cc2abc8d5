import { describe, expect, it } from 'vitest';
import { quantiles } from '../../src/stats/index.js';
import { expectRelativelyClose } from './support.js';

const PROBABILITIES = [0, 0.025, 0.1, 0.25, 0.5, 0.9, 0.975, 0.999, 1] as const;
const KEYS = ['p0', 'p2.5', 'p10', 'p25', 'p50', 'p90', 'p97.5', 'p99.9', 'p100'];
const SHUFFLED = Array.from({ length: 101 }, (_, i) => ((i * 37) % 101) / 7 - 3);

describe('quantiles', () => {
  // numpy.quantile(values, [0, 0.025, 0.1, 0.25, 0.5, 0.9, 0.975, 0.999, 1]) (numpy 2.4, default
  // method 'linear', i.e. R's type 7)
  it.each([
    ['four values', [12, 5, 7, 30], [5.0, 5.15, 5.6, 6.5, 9.5, 24.6, 28.65, 29.945999999999998, 30.0]],
    [
      '101 shuffled values',
      SHUFFLED,
      [
        -3.0, -2.6428571428571432, -1.5714285714285714, 0.5714285714285716, 4.142857142857143,
        9.857142857142858, 10.928571428571429, 11.271428571428572, 11.285714285714286,
      ],
    ],
    ['one value', [42], [42, 42, 42, 42, 42, 42, 42, 42, 42]],
  ])('%s: matches numpy', (_label, values, expected) => {
    const result = quantiles(values, PROBABILITIES);
    expect(Object.keys(result)).toEqual(KEYS);
    KEYS.forEach((key, i) => {
      expectRelativelyClose((result as Record<string, number>)[key]!, expected[i]!, 1e-14);
    });
  });

  it('defaults to p10, p50, p90', () => {
    const { p10, p50, p90 } = quantiles([12, 5, 7, 30]);
    expect([p10, p50, p90].map((x) => Number(x.toFixed(12)))).toEqual([5.6, 9.5, 24.6]);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    quantiles(values, [0.5]);
    expect(values).toEqual([3, 1, 2]);
  });

  it.each([
    [[], [0.5]],
    [[1, Number.NaN], [0.5]],
    [[1, 2], [1.5]],
    [[1, 2], [-0.1]],
  ])('rejects values %j with probabilities %j', (values, probabilities) => {
    expect(() => quantiles(values, probabilities)).toThrow(RangeError);
  });
});
