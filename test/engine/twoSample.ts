/**
 * Two-sample tests for the fidelity-agreement test, written out so that the test states exactly what it
 * computes. References: Kolmogorov–Smirnov as in Numerical Recipes 3rd ed. §14.3.3 (`kstwo`, asymptotic
 * distribution with Stephens' small-sample correction), chi-square homogeneity of a 2×k table and the
 * regularized incomplete gamma function as in §6.2 (`gammq`); both agree with scipy.stats.ks_2samp
 * (mode='asymp') and scipy.stats.chi2_contingency to the digits the tests use.
 */

/** P(D > observed) for the Kolmogorov distribution at λ: 2 Σ (−1)^(j−1) e^(−2 j² λ²). */
function kolmogorovTail(lambda: number): number {
  if (lambda < 1e-3) return 1;
  let sum = 0;
  for (let j = 1; j <= 100; j++) {
    const term = 2 * (j % 2 === 1 ? 1 : -1) * Math.exp(-2 * j * j * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-12) break;
  }
  return Math.min(1, Math.max(0, sum));
}

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
  const sqrtNe = Math.sqrt(ne);
  return { d, pValue: kolmogorovTail((sqrtNe + 0.12 + 0.11 / sqrtNe) * d) };
}

/** ln Γ(a) for the a = df / 2 of a chi-square test: a whole or half-whole number, by Γ(a + 1) = a·Γ(a). */
function logGamma(a: number): number {
  let value = Number.isInteger(a) ? 0 : 0.5 * Math.log(Math.PI);
  for (let x = Number.isInteger(a) ? 1 : 0.5; x < a; x++) value += Math.log(x);
  return value;
}

/** Q(a, x) = Γ(a, x) / Γ(a): the upper regularized incomplete gamma function (series or continued fraction). */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
  }
  let b = x + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
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
  return { statistic, df, pValue: gammaQ(df / 2, statistic / 2) };
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
