import { describe, expect, it } from 'vitest';
import { bucketOfLatency, bucketTable, drawHistogramInto, lognormalMixture } from '../../src/model/index.js';
import { deriveStream } from '../../src/random/index.js';
import { expectBucketMeans } from '../support/bucketMeans.js';

const boundsMs = [15, 20, 25, 30, 40, 60];
const table = bucketTable(lognormalMixture(Math.log(25), 0.2622), boundsMs);

describe('drawHistogramInto', () => {
  // Each bucket's count over `draws` draws of n is Binomial(n·draws, p_k) in total: its mean per draw
  // within 4 SE (expectBucketMeans).
  it.each([
    [5, 20_000],
    [40, 5_000],
    [300, 2_000],
    [50_000, 500],
  ])('draws n = %d into buckets with mean n·p (within 4 SE over %d draws)', (n, draws) => {
    const rng = deriveStream(7, 'histogram', n);
    expectBucketMeans(table.probabilities, n, draws, () => {
      const counts = new Array<number>(boundsMs.length + 1).fill(0);
      drawHistogramInto(rng, n, table, counts);
      return counts;
    });
  });

  it.each([3, 300])('widens the touched range to every bucket it adds to (n = %d)', (n) => {
    const counts = new Array<number>(boundsMs.length + 1).fill(0);
    const touched = { low: counts.length, high: -1 };
    drawHistogramInto(deriveStream(3, 'touched', n), n, table, counts, touched);
    const nonZero = counts.flatMap((count, k) => (count !== 0 ? [k] : []));
    expect(touched).toEqual({ low: nonZero[0], high: nonZero.at(-1) });
  });

  it('adds to the counts already there and ignores n = 0', () => {
    const counts = [1, 1, 1, 1, 1, 1, 1];
    drawHistogramInto(deriveStream(1, 'x'), 0, table, counts);
    expect(counts).toEqual([1, 1, 1, 1, 1, 1, 1]);
    drawHistogramInto(deriveStream(1, 'x'), 100, table, counts);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(107);
  });
});

describe('bucketOfLatency', () => {
  it.each([
    [0.5, 0],
    [15, 0],
    [15.01, 1],
    [60, 5],
    [61, 6],
    [1e9, 6],
  ])('%d ms → bucket %d (upper bounds inclusive, as Prometheus le)', (latencyMs, bucket) => {
    expect(bucketOfLatency(boundsMs, latencyMs)).toBe(bucket);
  });
});
