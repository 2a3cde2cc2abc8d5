import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCount,
  type CountHistogram,
  histogramMean,
  histogramQuantiles,
  mergeCountsInto,
  sortedEntries,
} from '../../src/risk/index.js';
import { quantiles } from '../../src/stats/index.js';

function histogramOf(values: readonly number[]): CountHistogram {
  const histogram: CountHistogram = new Map();
  for (const value of values) addCount(histogram, value);
  return histogram;
}

describe('histogramQuantiles', () => {
  it('equals quantiles() of the expanded sample (type 7), for any sample', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 60 }), (values) => {
        const expected = quantiles(values, [0, 0.1, 0.5, 0.9, 1]);
        expect(histogramQuantiles(histogramOf(values), [0, 0.1, 0.5, 0.9, 1])).toEqual([
          expected.p0,
          expected.p10,
          expected.p50,
          expected.p90,
          expected.p100,
        ]);
      }),
    );
  });

  it('is null for an empty histogram; the mean is the exact sum over the count', () => {
    expect(histogramQuantiles(new Map(), [0.5])).toBeNull();
    expect(histogramMean(new Map())).toBeNull();
    expect(histogramMean(histogramOf([30_000, 30_000, 90_000]))).toBe(50_000);
  });
});

describe('mergeCountsInto', () => {
  it('gives the same histogram in any order and grouping', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 20 }))), (groups) => {
        const forward: CountHistogram = new Map();
        for (const group of groups) mergeCountsInto(forward, histogramOf(group));
        const backward: CountHistogram = new Map();
        for (const group of [...groups].reverse()) mergeCountsInto(backward, histogramOf(group));
        expect(sortedEntries(forward)).toEqual(sortedEntries(backward));
        expect(sortedEntries(forward)).toEqual(sortedEntries(histogramOf(groups.flat())));
      }),
    );
  });
});
