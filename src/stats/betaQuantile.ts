import { logBetaPowerTerms, regularizedIncompleteBeta } from './regularizedIncompleteBeta.js';

/** Bisection alone reaches the smallest subnormal from [0, 1] in about 1,075 halvings. */
const MAX_ITERATIONS = 2000;

/**
 * The beta quantile: the x with I_x(a, b) = p. Newton's method on the cdf, kept inside a bisection
 * bracket so that it always converges; stops at about 2 ulp of x.
 *
 * @param p a probability in [0, 1].
 * @param a α > 0.
 * @param b β > 0.
 * @example betaQuantile(0.975, 1, 380) // 0.009661…, the Clopper–Pearson upper bound for 0/380
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`betaQuantile: p must be in [0, 1], got ${p}`);
  if (p === 0 || p === 1) return p;
  let lo = 0;
  let hi = 1;
  let x = a / (a + b);
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const error = regularizedIncompleteBeta(x, a, b) - p;
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
  throw new Error(`betaQuantile: no convergence for p=${p}, a=${a}, b=${b}`);
}
