import { stirlingTail } from '../random/index.js';

/**
 * Upper bounds on how likely a guard's count condition is to hold at one check of a nominal window, for
 * the quiet-span skip ({@link quietSpans}). A window's requests split into two independent Poisson counts,
 * `hits` (errors, or requests slower than a latency bound) with mean λ·p and the rest with mean λ·(1 − p);
 * the condition is `hits ≥ share · requests` (a superset of `>`), written hits·(1 − share) ≥ share·rest.
 */

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln(n!) for a whole n ≥ 0, by the Stirling series the samplers use ({@link stirlingTail}): relative error < 1e-14. */
export function logFactorial(n: number): number {
  return stirlingTail(n) + (n + 0.5) * Math.log(n + 1) - (n + 1) + HALF_LOG_TWO_PI;
}

/**
 * P(K ≤ n) for K ~ Poisson(mean), summed term by term from n on the side away from the mean (so the
 * terms shrink geometrically and nothing cancels): about 10·√mean terms at most.
 *
 * @example poissonCdf(2, 1) // 0.9196986...
 */
export function poissonCdf(n: number, mean: number): number {
  if (n < 0) return 0;
  if (!Number.isFinite(n)) return 1;
  if (mean <= 0) return 1;
  const k = Math.floor(n);
  const logTerm = -mean + k * Math.log(mean) - logFactorial(k);
  if (k <= mean) {
    // Σ_{i ≤ k}: each term below is the one above times i / mean ≤ 1.
    let term = 1;
    let sum = 1;
    for (let i = k; i > 0; i--) {
      term *= i / mean;
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return Math.min(1, Math.exp(logTerm + Math.log(sum)));
  }
  // 1 − Σ_{i > k}: each term is the previous times mean / i < 1.
  let term = 1;
  let sum = 0;
  for (let i = k + 1; ; i++) {
    term *= mean / i;
    sum += term;
    if (term < sum * 1e-17 || term === 0) break;
  }
  return Math.max(0, 1 - Math.exp(logTerm + Math.log(sum)));
}

/** P(K ≥ n) for K ~ Poisson(mean), summed from n upward (n > mean: the terms shrink geometrically); 1 for n ≤ mean. */
export function poissonUpperTail(n: number, mean: number): number {
  if (n <= 0) return 1;
  if (mean <= 0) return 0;
  if (n <= mean) return 1;
  let term = Math.exp(-mean + n * Math.log(mean) - logFactorial(n));
  let sum = 0;
  for (let i = n; ; i++) {
    sum += term;
    term *= mean / (i + 1);
    if (term <= sum * 1e-17 || term === 0) break;
  }
  return Math.min(1, sum);
}

/**
 * Chernoff's bound on P(hits·(1 − share) − share·rest ≥ 0) at mean requests λ: exp(λ·g(θ*)) with
 * g(θ) = p(e^{θ(1−share)} − 1) + (1 − p)(e^{−θ·share} − 1) at its minimum θ* = ln(share(1 − p) / ((1 − share)p)).
 * g(θ*) < 0 whenever p < share, so the bound decreases in λ: it holds for every window with at least λ
 * expected requests. 1 when p ≥ share.
 */
export function chernoffTailBound(lambda: number, p: number, share: number): number {
  if (!(p < share)) return 1;
  if (share >= 1) return Math.exp(-lambda * (1 - p));
  if (p <= 0) return Math.exp(-lambda);
  const theta = Math.log((share * (1 - p)) / ((1 - share) * p));
  const g = p * Math.expm1(theta * (1 - share)) + (1 - p) * Math.expm1(-theta * share);
  return Math.min(1, Math.exp(lambda * g));
}

/** Above this many expected hits the exact sum gives way to Chernoff's bound (tight by then, and cheap). */
const EXACT_HITS_LIMIT = 400;

/**
 * An upper bound on P(hits ≥ share · requests) over every window whose expected requests λ lie in
 * [lambdaLow, lambdaHigh]: Σ_k P(hits = k) · P(rest ≤ k(1 − share)/share), each factor bounded over the
 * range (P(hits = k) = e^{−λp}(λp)^k/k! ≤ e^{−λ_low·p}(λ_high·p)^k/k!; the rest's CDF falls as its mean
 * grows, so it is largest at λ_low), the sum's tail bounded by a geometric series. For lambdaLow =
 * lambdaHigh it is the exact probability (up to 1e-15 relative), the closed form the tests check against.
 * The smaller of that and {@link chernoffTailBound} at lambdaLow. k = 0 counts only when share ≤ 0 (then
 * any request satisfies hits ≥ 0, and the bound is 1).
 *
 * @example windowTailBound(316.67, 316.67, 0.00079, 0.015) // ≈ 6.3e-6: P(errorRate ≥ 1.5% in 1 minute)
 */
export function windowTailBound(lambdaLow: number, lambdaHigh: number, p: number, share: number): number {
  // A range that is empty, unbounded or reaches a window with no expected requests gets no bound.
  if (!(lambdaLow > 0 && lambdaHigh >= lambdaLow && lambdaHigh < Number.POSITIVE_INFINITY)) return 1;
  if (share <= 0 || p >= 1) return 1;
  const chernoff = chernoffTailBound(lambdaLow, p, share);
  // No hits: hits ≥ share · requests only with no requests, which gives no value.
  if (p <= 0) return 0;
  const hitsHigh = lambdaHigh * p;
  if (hitsHigh > EXACT_HITS_LIMIT) return chernoff;
  const restLow = lambdaLow * (1 - p);
  const ratio = share >= 1 ? Number.POSITIVE_INFINITY : (1 - share) / share;
  // term_k = e^{−λ_low p} (λ_high p)^k / k!, built by recurrence.
  let term = Math.exp(-lambdaLow * p);
  let sum = 0;
  for (let k = 1; ; k++) {
    term *= hitsHigh / k;
    const restCdf =
      ratio === Number.POSITIVE_INFINITY
        ? poissonCdf(0, restLow)
        : poissonCdf(k * ratio * (1 + 1e-12), restLow);
    sum += term * restCdf;
    if (k > hitsHigh && term <= sum * 1e-16) {
      // What is left is at most Σ_{j>k} term_j ≤ term · r / (1 − r), r = hitsHigh / (k + 1) < 1.
      const r = hitsHigh / (k + 1);
      sum += (term * r) / (1 - r);
      break;
    }
    if (term === 0) break;
  }
  return Math.min(1, sum, chernoff);
}
