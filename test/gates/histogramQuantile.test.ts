import { describe, expect, it } from 'vitest';
import { defaultLatencyBucketsMs, histogramQuantile } from '../../src/gates/index.js';

// Rows A–D are Prometheus' own expectations (promql/promqltest/testdata/histograms.test: testhistogram,
// testhistogram2, testhistogram3), rewritten from cumulative `le` series into finite bounds plus
// per-bucket counts with the +Inf bucket last. The other rows are computed by hand from the rules.
const A = { bounds: [0.1, 0.2, 1], counts: [50, 20, 40, 10] }; // cumulative 50, 70, 110, 120
const A_NEGATIVE = { bounds: [-0.2, -0.1, 0.3], counts: [10, 10, 0, 10] };
const B = { bounds: [0, 2, 4, 6], counts: [0, 1, 1, 1, 0] };
const C = { bounds: [0, 0.1, 0.2, 1], counts: [0, 50, 20, 40, 0] };
const C_NEGATIVE = { bounds: [-0.25, -0.2, -0.1, 0.3], counts: [0, 10, 10, 0, 0] };

describe('histogramQuantile', () => {
  it.each<[string, number, { bounds: number[]; counts: number[] }, number | null]>([
    ['A q=0: lower bound 0 of the first bucket', 0, A, 0],
    ['A q=0.2', 0.2, A, 0.048],
    ['A q=0.5', 0.5, A, 0.15],
    ['A q=0.8', 0.8, A, 0.72],
    ['A q=1: rank in the +Inf bucket → largest finite bound', 1, A, 1],
    ['A negative q=0: first bound ≤ 0 is returned', 0, A_NEGATIVE, -0.2],
    ['A negative q=0.2: still the first bucket', 0.2, A_NEGATIVE, -0.2],
    ['A negative q=0.5', 0.5, A_NEGATIVE, -0.15],
    ['A negative q=0.8: +Inf bucket', 0.8, A_NEGATIVE, 0.3],
    ['B q=1/6: middle of a bucket', 1 / 6, B, 1],
    ['B q=1/2', 0.5, B, 3],
    ['B q=5/6', 5 / 6, B, 5],
    ['C q=0: first bound 0', 0, C, 0],
    ['C q=0.25', 0.25, C, 0.055],
    ['C q=0.5', 0.5, C, 0.125],
    ['C q=0.75', 0.75, C, 0.45],
    ['C q=1: empty +Inf bucket → top of the last non-empty bucket', 1, C, 1],
    ['C negative q=0', 0, C_NEGATIVE, -0.25],
    ['C negative q=0.25', 0.25, C_NEGATIVE, -0.225],
    ['C negative q=0.5', 0.5, C_NEGATIVE, -0.2],
    ['C negative q=0.75', 0.75, C_NEGATIVE, -0.15],
    ['C negative q=1', 1, C_NEGATIVE, -0.1],
    ['single finite bucket, q=0.5: 0 + 10 × 2/4', 0.5, { bounds: [10], counts: [4, 0] }, 5],
    ['single finite bucket, q=1', 1, { bounds: [10], counts: [4, 0] }, 10],
    ['single finite bucket, rank in +Inf', 0.75, { bounds: [10], counts: [4, 4] }, 10],
    ['all in +Inf → largest finite bound', 0.5, { bounds: [10, 20], counts: [0, 0, 5] }, 20],
    ['rank exactly at a bucket top', 0.5, { bounds: [10, 20], counts: [2, 2, 0] }, 10],
    ['latency p99: 100 + 100 × 1/2', 0.99, { bounds: [50, 100, 200], counts: [90, 8, 2, 0] }, 150],
    [
      'q=0 on an empty first bucket: Prometheus 0/0 = NaN → null',
      0,
      { bounds: [10, 20], counts: [0, 4, 0] },
      null,
    ],
    ['no observations → null', 0.5, { bounds: [10, 20], counts: [0, 0, 0] }, null],
    ['no finite bucket → null', 0.5, { bounds: [], counts: [5] }, null],
    ['q NaN → null', Number.NaN, A, null],
    ['q < 0 → -Infinity', -0.1, A, Number.NEGATIVE_INFINITY],
    ['q > 1 → +Infinity', 1.01, A, Number.POSITIVE_INFINITY],
    [
      'q > 1 on an empty histogram → +Infinity (checked first)',
      2,
      { bounds: [10], counts: [0, 0] },
      Infinity,
    ],
  ])('%s', (_label, q, { bounds, counts }, expected) => {
    const actual = histogramQuantile(q, bounds, counts);
    if (expected === null || !Number.isFinite(expected)) expect(actual).toBe(expected);
    else expect(actual).toBeCloseTo(expected, 12);
  });

  it('throws when counts do not match the bounds (a bug, not data)', () => {
    expect(() => histogramQuantile(0.5, [10, 20], [1, 2])).toThrow(/2 counts for 2 finite bounds/);
  });

  // The range only spares reads: over any range holding every non-zero count the answer is identical.
  it.each<[string, { bounds: number[]; counts: number[] }]>([
    ['A', A],
    ['A negative', A_NEGATIVE],
    ['B', B],
    ['C', C],
    ['C negative', C_NEGATIVE],
    ['empty first and last buckets', { bounds: [10, 20, 30, 40], counts: [0, 3, 0, 1, 0] }],
    ['no observations', { bounds: [10, 20], counts: [0, 0, 0] }],
  ])('gives the same value given a range of the non-empty buckets (%s)', (_label, { bounds, counts }) => {
    const nonZero = counts.flatMap((count, k) => (count !== 0 ? [k] : []));
    const tight = { low: nonZero[0] ?? counts.length, high: nonZero.at(-1) ?? -1 };
    for (const q of [0, 0.01, 0.25, 0.5, 0.9, 0.99, 1]) {
      const whole = histogramQuantile(q, bounds, counts);
      expect(histogramQuantile(q, bounds, counts, tight)).toBe(whole);
      expect(histogramQuantile(q, bounds, counts, { low: 0, high: counts.length - 1 })).toBe(whole);
    }
  });
});

/** Standard normal CDF via erfc (Numerical Recipes `erfcc`, fractional error < 1.2e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -x * x -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const erfc = t * Math.exp(poly);
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

// Standard normal quantiles (scipy.stats.norm.ppf).
const Z = { 0.5: 0, 0.95: 1.6448536269514722, 0.99: 2.3263478740408408 } as const;

describe('defaultLatencyBucketsMs', () => {
  const boundsMs = defaultLatencyBucketsMs();

  it('spans 1 ms to 120,000 ms, strictly increasing, at most ~5% apart', () => {
    expect(boundsMs[0]).toBe(1);
    expect(boundsMs.at(-1)).toBe(120_000);
    for (let i = 1; i < boundsMs.length; i++) {
      const ratio = boundsMs[i]! / boundsMs[i - 1]!;
      expect(ratio).toBeGreaterThan(1);
      expect(ratio).toBeLessThan(1.051);
    }
  });

  // Lognormal latency fitted from p50 and p99 (as the model does): μ = ln p50, σ = ln(p99/p50) / z0.99.
  // Bucket counts are the exact expected counts N·(Φ(upper) − Φ(lower)) from the closed-form CDF, so no
  // sampling noise: the only error left is the interpolation inside a bucket, which must stay under 2.5%.
  it.each([
    [25, 46],
    [60, 180],
    [5, 40],
    [200, 2_000],
    [1_000, 30_000],
  ])('quantiles of lognormal(p50 %d ms, p99 %d ms) within 2.5%%', (p50Ms, p99Ms) => {
    const mu = Math.log(p50Ms);
    const sigma = Math.log(p99Ms / p50Ms) / Z[0.99];
    const totalRequests = 1_000_000;
    const cdf = (ms: number) => normalCdf((Math.log(ms) - mu) / sigma);
    const counts = [
      ...boundsMs.map((ms, i) => cdf(ms) - (i === 0 ? 0 : cdf(boundsMs[i - 1]!))),
      1 - cdf(120_000),
    ];
    const scaled = counts.map((fraction) => Math.max(0, fraction) * totalRequests);
    for (const q of [0.5, 0.95, 0.99] as const) {
      const trueMs = Math.exp(mu + sigma * Z[q]);
      const estimateMs = histogramQuantile(q, boundsMs, scaled)!;
      expect(Math.abs(estimateMs / trueMs - 1)).toBeLessThan(0.025);
    }
  });
});
