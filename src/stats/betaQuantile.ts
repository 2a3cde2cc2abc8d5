import {
  logBetaPowerTerms,
  regularizedIncompleteBeta,
  regularizedIncompleteBetaComplement,
} from './regularizedIncompleteBeta.js';

/** Bisection alone reaches the smallest normal number from [0, 1] in about 1,022 halvings. */
const MAX_ITERATIONS = 2000;

/** The smallest positive normal double, 2^−1022: a quantile below it is reported as 0. */
const SMALLEST_NORMAL = 2 ** -1022;

/**
 * The beta quantile: the x with I_x(a, b) = p. For p > ½ it solves the upper tail 1 − I_x(a, b) = 1 − p
 * instead ({@link betaQuantileUpper}), so that p within 1e-12 of 1 does not lose its digits to 1 − I_x.
 * A quantile below the smallest normal double (2.2e-308) is exactly 0, never a denormal.
 *
 * @param p a probability in [0, 1].
 * @param a α > 0.
 * @param b β > 0.
 * @example betaQuantile(0.975, 1, 380) // 0.009661…, the Clopper–Pearson upper bound for 0/380
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`betaQuantile: p must be in [0, 1], got ${p}`);
  if (p === 0 || p === 1) return p;
  if (p > 0.5) return solve(1 - p, a, b, true);
  return solve(p, a, b, false);
}

/**
 * The beta quantile of an upper-tail probability (scipy's `beta.isf`): the x with 1 − I_x(a, b) = q,
 * solved on the upper tail itself, so a q of 1e-12 keeps ~1e-13 relative accuracy where
 * `betaQuantile(1 − q, …)` would start from a p that already rounded q's digits away.
 *
 * @param q an upper-tail probability in [0, 1].
 * @example betaQuantileUpper(1e-12, 1, 380) // 0.0701325347…: 1 − (1e-12)^(1/380)
 */
export function betaQuantileUpper(q: number, a: number, b: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`betaQuantileUpper: q must be in [0, 1], got ${q}`);
  if (q === 0 || q === 1) return 1 - q;
  return solve(q, a, b, true);
}

/**
 * Newton's method on the tail, kept inside a bisection bracket so that it always converges; stops at
 * about 2 ulp of x. `excess(x)` is how far the cdf at x is above the target (the upper tail's shortfall),
 * so it increases with x in both cases.
 */
function solve(target: number, a: number, b: number, upper: boolean): number {
  const excess = upper
    ? (x: number) => target - regularizedIncompleteBetaComplement(x, a, b)
    : (x: number) => regularizedIncompleteBeta(x, a, b) - target;
  // The quantile is below the smallest normal number: it underflows to 0.
  if (excess(SMALLEST_NORMAL) > 0) return 0;
  let lo = SMALLEST_NORMAL;
  let hi = 1;
  let x = a / (a + b);
  if (!(x > lo)) x = 0.5 * (lo + hi);
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const error = excess(x);
    if (error === 0) return x;
    if (error < 0) lo = x;
    else hi = x;
    const density = Math.exp(logBetaPowerTerms(x, a, b)) / (x * (1 - x));
    // A density that over- or underflows (x within 1e-300 of 0 or 1) gives no usable step: bisect.
    let next = density > 0 && density < Number.POSITIVE_INFINITY ? x - error / density : Number.NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 4 * Number.EPSILON * next || next === lo || next === hi) return next;
    x = next;
  }
  throw new Error(`betaQuantile: no convergence for ${upper ? 'q' : 'p'}=${target}, a=${a}, b=${b}`);
}
