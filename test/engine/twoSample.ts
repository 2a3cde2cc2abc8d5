/**
 * Two-sample tests for the fidelity-agreement test, written out so that the test states exactly what it
 * computes: the two-sample Kolmogorov–Smirnov statistic with the asymptotic p-value (Stephens' correction at
 * the effective size n·m/(n+m), Numerical Recipes 3rd ed. §14.3.3) and chi-square homogeneity of a 2×k
 * table. The p-values come from the goodness-of-fit support (`ksPValue`, `chiSquarePValue`), checked
 * against scipy there.
 */
import { chiSquarePValue, ksPValue } from '../random/support/goodnessOfFit.js';

/** The two-sample Kolmogorov–Smirnov statistic D = sup |F_a − F_b| and its asymptotic p-value (conservative with ties). */
export function ksTwoSample(a: readonly number[], b: readonly number[]): { d: number; pValue: number } {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const value = Math.min(x[i]!, y[j]!);
    while (i < x.length && x[i]! <= value) i++;
    while (j < y.length && y[j]! <= value) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  const ne = (x.length * y.length) / (x.length + y.length);
  return { d, pValue: ksPValue(d, ne) };
}

/**
 * Chi-square test of homogeneity of two samples' category counts (a 2×k contingency table); categories
 * empty in both samples are dropped. Returns the statistic, degrees of freedom and p-value.
 */
export function chiSquareTwoSample(
  countsA: readonly number[],
  countsB: readonly number[],
): { statistic: number; df: number; pValue: number } {
  const totalA = countsA.reduce((s, c) => s + c, 0);
  const totalB = countsB.reduce((s, c) => s + c, 0);
  let statistic = 0;
  let categories = 0;
  countsA.forEach((a, k) => {
    const b = countsB[k]!;
    if (a + b === 0) return;
    categories++;
    const expectedA = ((a + b) * totalA) / (totalA + totalB);
    const expectedB = ((a + b) * totalB) / (totalA + totalB);
    statistic += (a - expectedA) ** 2 / expectedA + (b - expectedB) ** 2 / expectedB;
  });
  const df = Math.max(1, categories - 1);
  return { statistic, df, pValue: chiSquarePValue(statistic, df) };
}

/**
 * Bins two samples on the pooled sample's quantiles (about `bins` bins, each with enough expected
 * counts for the chi-square approximation), returning each sample's counts per bin.
 */
export function binOnPooledQuantiles(
  a: readonly number[],
  b: readonly number[],
  bins: number,
): [number[], number[]] {
  const pooled = [...a, ...b].sort((p, q) => p - q);
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const edge = pooled[Math.floor((k * pooled.length) / bins)]!;
    if (edges.at(-1) !== edge) edges.push(edge);
  }
  const count = (sample: readonly number[]) => {
    const counts = new Array<number>(edges.length + 1).fill(0);
    for (const value of sample) {
      let k = 0;
      while (k < edges.length && value >= edges[k]!) k++;
      counts[k]!++;
    }
    return counts;
  };
  return [count(a), count(b)];
}

/**
 * Each two-sample check of the span tests at its own two-sided level: a p-value above {@link TWO_SAMPLE_ALPHA},
 * a Welch z within ±{@link Z_LIMIT} (two-sided p 6.3e-5, below it). A test makes about 20 such checks, so
 * it fails by chance in at most ~2e-3 of seeds (Bonferroni), while a real bias of a few SE shows.
 */
export const TWO_SAMPLE_ALPHA = 1e-4;
export const Z_LIMIT = 4;

/** Welch's z for the difference of two sample means (0 when both are constant and equal, ∞ when they differ). */
export function meanZ(a: readonly number[], b: readonly number[]): number {
  const moments = (xs: readonly number[]) => {
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
    return { mean, variance };
  };
  const x = moments(a);
  const y = moments(b);
  const se = Math.sqrt(x.variance / a.length + y.variance / b.length);
  return se === 0 ? (x.mean === y.mean ? 0 : Number.POSITIVE_INFINITY) : (x.mean - y.mean) / se;
}
