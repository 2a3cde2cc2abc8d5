import { normalCdf } from '../random/index.js';

/** The smallest sample the D'Agostino–Stephens p-value formulas are published for. */
export const ANDERSON_DARLING_MIN_N = 8;

/** An Anderson–Darling test of normality with mean and variance estimated from the same data. */
export interface AndersonDarlingResult {
  n: number;
  /** The raw statistic A². */
  statistic: number;
  /** A² × (1 + 0.75/n + 2.25/n²), the form the p-value formulas take. */
  adjustedStatistic: number;
  pValue: number;
}

/** The smallest probability whose logarithm is kept finite (a value 38σ out: the data plainly is not normal). */
const TINY = 1e-300;

/**
 * p-value of the adjusted statistic for the case "mean and variance estimated", from D'Agostino & Stephens
 * (1986), Goodness-of-Fit Techniques, Table 4.9: four exponential fits, accurate to about 0.01 in p.
 */
function pValueOf(adjusted: number): number {
  const a = adjusted;
  // The quadratic's minimum is at a = 153.5 (p ≈ e^-437, 0 in doubles); beyond it the fit would rise again.
  if (a >= 153) return 0;
  if (a >= 0.6) return Math.exp(1.2937 - 5.709 * a + 0.0186 * a * a);
  if (a >= 0.34) return Math.exp(0.9177 - 4.279 * a - 1.38 * a * a);
  if (a >= 0.2) return 1 - Math.exp(-8.318 + 42.796 * a - 59.938 * a * a);
  return 1 - Math.exp(-13.436 + 101.14 * a - 223.73 * a * a);
}

/**
 * Tests whether `values` come from some normal distribution (the lognormal latency fit applies it to log
 * latencies). The mean and the sample standard deviation (n − 1) are estimated from the data, as in
 * scipy's `anderson(x, 'norm')`, and the p-value accounts for that (a plain KS p-value would not).
 * Sorts a copy of `values`. Needs at least {@link ANDERSON_DARLING_MIN_N} values that are not all equal.
 *
 * @example andersonDarlingNormal(logLatencies).pValue // 0.34: no evidence against normality
 */
export function andersonDarlingNormal(values: ArrayLike<number>): AndersonDarlingResult {
  const n = values.length;
  if (n < ANDERSON_DARLING_MIN_N)
    throw new RangeError(`andersonDarlingNormal: need ≥ ${ANDERSON_DARLING_MIN_N} values, got ${n}`);
  const sorted = Float64Array.from(values).sort();
  let mean = 0;
  for (const value of sorted) mean += value;
  mean /= n;
  let squares = 0;
  for (const value of sorted) squares += (value - mean) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  if (!(sd > 0)) throw new RangeError('andersonDarlingNormal: all values are equal');
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const lower = normalCdf((sorted[i]! - mean) / sd);
    const upperOfMirror = normalCdf(-(sorted[n - 1 - i]! - mean) / sd);
    sum += (2 * i + 1) * (Math.log(Math.max(lower, TINY)) + Math.log(Math.max(upperOfMirror, TINY)));
  }
  const statistic = -n - sum / n;
  const adjustedStatistic = statistic * (1 + 0.75 / n + 2.25 / (n * n));
  return { n, statistic, adjustedStatistic, pValue: Math.min(1, Math.max(0, pValueOf(adjustedStatistic))) };
}
