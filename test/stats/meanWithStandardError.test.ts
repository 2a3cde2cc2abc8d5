import { describe, expect, it } from 'vitest';
import { meanWithStandardError } from '../../src/stats/index.js';
import { expectRelativelyClose } from './support.js';

describe('meanWithStandardError', () => {
  // numpy: values.mean(), values.std(ddof=1) / sqrt(len(values)) (numpy 2.4)
  it.each([
    ['four values', [12, 5, 7, 30], 13.5, 5.693563617512908],
    [
      '101 values',
      Array.from({ length: 101 }, (_, i) => ((i * 37) % 101) / 7 - 3),
      4.142857142857143,
      0.41649656391752143,
    ],
    ['eight values', [2, 4, 4, 4, 5, 5, 7, 9], 5, 0.7559289460184544],
  ])('%s: matches numpy', (_label, values, mean, standardError) => {
    const result = meanWithStandardError(values);
    expectRelativelyClose(result.mean, mean, 1e-14);
    expectRelativelyClose(result.standardError, standardError, 1e-14);
  });

  it('has no standard error for a single value', () => {
    const result = meanWithStandardError([3]);
    expect(result.mean).toBe(3);
    expect(result.standardError).toBeNaN();
  });

  it.each([[[]], [[1, Number.POSITIVE_INFINITY]]])('rejects %j', (values) => {
    expect(() => meanWithStandardError(values)).toThrow(RangeError);
  });
});
