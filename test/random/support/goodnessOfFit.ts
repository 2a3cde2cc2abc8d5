import { gammaln } from 'simple-statistics';

/**
 * Goodness-of-fit machinery for the sampler tests: exact pmfs built independently of the samplers,
 * a pooled chi-square test, a Kolmogorov–Smirnov test, and the distribution functions their p-values
 * need. Checked against scipy in goodnessOfFit.test.ts.
 */

const TINY = 1e-300;
const EPSILON = 1e-16;
const MAX_ITERATIONS = 100_000;

/** Regularized lower incomplete gamma P(a, x): series below a + 1, Lentz continued fraction above. */
export function regularizedGammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x), without cancellation in either tail. */
export function regularizedGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

function gammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - gammaln(a));
}

function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(-x + a * Math.log(x) - gammaln(a)) * h;
}

/** P(χ²_df ≥ statistic). */
export function chiSquarePValue(statistic: number, df: number): number {
  return regularizedGammaQ(df / 2, statistic / 2);
}

/**
 * P(D_n ≥ d) for the one-sample KS statistic: the Kolmogorov limit with Stephens' (1970) correction
 * λ = (√n + 0.12 + 0.11/√n)·d, within a few percent of the exact law for n ≥ 1000 in the range that
 * matters for a test.
 */
export function ksPValue(d: number, n: number): number {
  const sqrtN = Math.sqrt(n);
  const lambda = (sqrtN + 0.12 + 0.11 / sqrtN) * d;
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k < 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += k % 2 === 1 ? term : -term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/** One-sample Kolmogorov–Smirnov test of `samples` (sorted in place) against a continuous cdf. */
export function ksTest(
  samples: Float64Array,
  cdf: (x: number) => number,
): { statistic: number; pValue: number } {
  samples.sort();
  const n = samples.length;
  let statistic = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(samples[i]!);
    statistic = Math.max(statistic, f - i / n, (i + 1) / n - f);
  }
  return { statistic, pValue: ksPValue(statistic, n) };
}

/** A pmf on the integers `first .. first + probabilities.length − 1`, holding all but ~1e-18 of the mass. */
export interface Pmf {
  first: number;
  probabilities: Float64Array;
}

/**
 * Builds a pmf from the ratio pmf(k + 1)/pmf(k), walking out from the mode until terms fall below 1e-20
 * of the mode (or the support ends) and normalising; no log-gamma, so it is independent of how the
 * samplers evaluate the pmf.
 */
function pmfFromRatios(mode: number, min: number, max: number, ratioUp: (k: number) => number): Pmf {
  const down: number[] = [];
  for (let k = mode, w = 1; k > min; k--) {
    w /= ratioUp(k - 1);
    if (w < 1e-20) break;
    down.push(w);
  }
  const up: number[] = [];
  for (let k = mode, w = 1; k < max; k++) {
    w *= ratioUp(k);
    if (w < 1e-20) break;
    up.push(w);
  }
  const weights = [...down.reverse(), 1, ...up];
  const total = weights.reduce((s, w) => s + w, 0);
  return { first: mode - down.length, probabilities: Float64Array.from(weights, (w) => w / total) };
}

export function poissonPmf(mean: number): Pmf {
  return pmfFromRatios(Math.floor(mean), 0, Number.POSITIVE_INFINITY, (k) => mean / (k + 1));
}

export function binomialPmf(n: number, p: number): Pmf {
  const odds = p / (1 - p);
  return pmfFromRatios(Math.floor((n + 1) * p), 0, n, (k) => ((n - k) / (k + 1)) * odds);
}

/**
 * Pearson's chi-square test of integer draws against a pmf, pooling neighbouring values from the left
 * until each bin expects at least 5 draws (a short last bin joins the previous one); draws outside
 * the pmf's range go to the end bins. df = bins − 1.
 */
export function chiSquareTest(
  draws: ArrayLike<number>,
  pmf: Pmf,
): { statistic: number; df: number; pValue: number } {
  const { first, probabilities } = pmf;
  const n = draws.length;
  const observed = new Float64Array(probabilities.length);
  for (let i = 0; i < n; i++) {
    const index = Math.min(probabilities.length - 1, Math.max(0, draws[i]! - first));
    observed[index]! += 1;
  }
  const binObserved: number[] = [];
  const binExpected: number[] = [];
  let o = 0;
  let e = 0;
  for (let i = 0; i < probabilities.length; i++) {
    o += observed[i]!;
    e += n * probabilities[i]!;
    if (e >= 5) {
      binObserved.push(o);
      binExpected.push(e);
      o = 0;
      e = 0;
    }
  }
  if (binExpected.length === 0) throw new Error('chiSquareTest: fewer than 5 expected draws in total');
  binObserved[binObserved.length - 1]! += o;
  binExpected[binExpected.length - 1]! += e;
  let statistic = 0;
  for (let i = 0; i < binExpected.length; i++) {
    statistic += (binObserved[i]! - binExpected[i]!) ** 2 / binExpected[i]!;
  }
  const df = binExpected.length - 1;
  return { statistic, df, pValue: df === 0 ? 1 : chiSquarePValue(statistic, df) };
}
