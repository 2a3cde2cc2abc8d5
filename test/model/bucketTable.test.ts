import { describe, expect, it } from 'vitest';
import { defaultLatencyBucketsMs } from '../../src/gates/index.js';
import { BucketTables, bucketTable, type LatencyMixture, lognormalMixture } from '../../src/model/index.js';
import { normalCdf } from '../../src/random/index.js';

const boundsMs = [10, 25, 50, 100];

/** P(latency ≤ x) of a lognormal, the closed form the table must reproduce. */
function lognormalCdf(xMs: number, mu: number, sigma: number): number {
  return normalCdf((Math.log(xMs) - mu) / sigma);
}

describe('bucketTable', () => {
  it('gives each bucket its lognormal probability F(b_k) − F(b_k−1), the last bucket the tail', () => {
    const mu = Math.log(25);
    const sigma = 0.2622;
    const table = bucketTable(lognormalMixture(mu, sigma), boundsMs);
    const cdf = boundsMs.map((b) => lognormalCdf(b, mu, sigma));
    const expected = [cdf[0]!, cdf[1]! - cdf[0]!, cdf[2]! - cdf[1]!, cdf[3]! - cdf[2]!, 1 - cdf[3]!];
    expected.forEach((p, k) => {
      expect(table.probabilities[k]).toBeCloseTo(p, 12);
    });
    expect(table.probabilities[1]).toBeCloseTo(0.5 - cdf[0]!, 12);
  });

  it('mixes components by weight, with factor and added milliseconds', () => {
    const mu = Math.log(20);
    const sigma = 0.3;
    const mixture: LatencyMixture = [
      { weight: 0.75, mu, sigma, factor: 1, addMs: 0 },
      { weight: 0.25, mu, sigma, factor: 2, addMs: 10 },
    ];
    const table = bucketTable(mixture, boundsMs);
    const cdf = (x: number) =>
      0.75 * lognormalCdf(x, mu, sigma) + 0.25 * (x > 10 ? lognormalCdf((x - 10) / 2, mu, sigma) : 0);
    const edges = [0, ...boundsMs];
    for (let k = 0; k < boundsMs.length; k++) {
      expect(table.probabilities[k]).toBeCloseTo(cdf(edges[k + 1]!) - (k === 0 ? 0 : cdf(edges[k]!)), 12);
    }
  });

  it('sums to 1, orders buckets by probability, and is kept per mixture object by BucketTables', () => {
    const bounds = defaultLatencyBucketsMs();
    const mixture = lognormalMixture(Math.log(60), 0.4723);
    const table = bucketTable(mixture, bounds);
    expect(table.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    for (let j = 1; j < table.order.length; j++) {
      expect(table.probabilities[table.order[j]!]).toBeLessThanOrEqual(
        table.probabilities[table.order[j - 1]!]!,
      );
    }
    expect(table.suffix[0]).toBeCloseTo(1, 12);
    expect(table.conditional.at(-1)).toBe(1);
    const tables = new BucketTables();
    const kept = tables.of(mixture, bounds);
    expect(kept).toEqual(table);
    expect(tables.of(mixture, bounds)).toBe(kept);
    expect(tables.of(lognormalMixture(Math.log(60), 0.4723), bounds)).not.toBe(kept);
    expect(new BucketTables().of(mixture, bounds)).not.toBe(kept);
  });
});
