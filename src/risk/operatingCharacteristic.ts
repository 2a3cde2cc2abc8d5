import { gammaln } from 'simple-statistics';
import { conditionHolds, type Operator } from '../gates/index.js';
import { regularizedIncompleteBeta } from '../stats/index.js';

/** A threshold condition on the error rate of one window whose requests are Poisson. */
export interface ErrorRateWindow {
  /** λ: the expected number of requests in the window. */
  expectedRequests: number;
  /** e: the probability that a request fails, [0, 1]. */
  errorRate: number;
  op: Operator;
  /** The threshold on errors / requests, a fraction. */
  threshold: number;
  /** Fewest requests for the condition to be judged (0: any window with a request). */
  minRequests?: number;
}

/** The exact chances of a single threshold gate's verdicts on one window. */
export interface OperatingCharacteristic {
  /** The condition holds (a gate passes; a guard trips). */
  pPass: number;
  /** The condition does not hold (a gate fails). */
  pFail: number;
  /** No requests, or fewer than `minRequests`: not judged (a gate is inconclusive; a guard does not trip). */
  pInconclusive: number;
  /** Poisson mass left out of the sum (both tails), a bound on each probability's truncation error. */
  neglectedMass: number;
}

/** The default truncation of the Poisson sum: the tails left out hold at most this mass. */
export const DEFAULT_TAIL_MASS = 1e-12;

/** Keeps a probability that rounding pushed a hair outside [0, 1] inside it. */
function clamp01(p: number): number {
  return Math.min(1, Math.max(0, p));
}

/** ln Poisson(n; λ), λ > 0. */
export function logPoisson(n: number, lambda: number): number {
  return n * Math.log(lambda) - lambda - gammaln(n + 1);
}

/**
 * A tail of Binomial(n, e) below which the cdf is exactly 0 or 1 in doubles (1 − t rounds to 1 for any
 * t < 2⁻⁵⁴): 2⁻⁶⁰, so the bound it is checked against has a factor 64 to spare.
 */
const NEGLIGIBLE_TAIL_LOG = -60 * Math.LN2;

/**
 * The Chernoff bound on a binomial tail, ln P(X ≥ j) (j ≥ ne) or ln P(X ≤ j) (j ≤ ne) ≤ −n·D(j/n ‖ e),
 * with D the Kullback–Leibler divergence of Bernoulli(j/n) from Bernoulli(e) (Hoeffding 1963, eq. 2.1).
 */
function chernoffTailLog(j: number, n: number, e: number): number {
  const a = j / n;
  const divergence = (a > 0 ? a * Math.log(a / e) : 0) + (a < 1 ? (1 - a) * Math.log((1 - a) / (1 - e)) : 0);
  return -n * divergence;
}

/**
 * P(Binomial(n, e) ≤ k) = 1 − I_e(k + 1, n − k), through the regularized incomplete beta.
 *
 * Where the incomplete beta would compute the smaller tail itself (its continued fraction on that side)
 * and a Chernoff bound puts that tail below 2⁻⁶⁰, the result is the 0 or 1 it would round to, without the
 * continued fraction: the same double, found in a few logarithms (most of the counts an exact gate sums
 * over at 100% traffic lie dozens of standard deviations from its threshold).
 */
export function binomialCdf(k: number, n: number, e: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (e <= 0) return 1;
  if (e >= 1) return 0;
  // The incomplete beta sums the upper tail P(X ≥ k + 1) directly when e < (k + 2)/(n + 3), else the lower.
  if (e * (n + 3) < k + 2) {
    if (k + 1 >= n * e && chernoffTailLog(k + 1, n, e) < NEGLIGIBLE_TAIL_LOG) return 1;
  } else if (k <= n * e && chernoffTailLog(k, n, e) < NEGLIGIBLE_TAIL_LOG) return 0;
  return binomialCdfByBeta(k, n, e);
}

/** {@link binomialCdf} without the screening of negligible tails: the incomplete beta for every k (0 ≤ k < n). */
export function binomialCdfByBeta(k: number, n: number, e: number): number {
  return clamp01(1 - regularizedIncompleteBeta(e, k + 1, n - k));
}

/**
 * P(the condition holds | n requests): the error counts k for which `k / n op threshold` holds form
 * a run of k ≤ kMax (below, max, within) or k ≥ kMin (above, min). The limits are found with the very
 * comparison the gates make, so floating-point ties resolve as in the engine.
 */
export function holdsGivenRequests(n: number, e: number, op: Operator, threshold: number): number {
  const holds = (k: number) => conditionHolds(op, k / n, threshold);
  if (op === 'above' || op === 'min') {
    let kMin = Math.min(n + 1, Math.max(0, Math.ceil(threshold * n)));
    while (kMin > 0 && holds(kMin - 1)) kMin--;
    while (kMin <= n && !holds(kMin)) kMin++;
    return 1 - binomialCdf(kMin - 1, n, e);
  }
  let kMax = Math.min(n, Math.max(-1, Math.floor(Math.abs(threshold) * n)));
  while (kMax >= 0 && !holds(kMax)) kMax--;
  while (kMax < n && holds(kMax + 1)) kMax++;
  return binomialCdf(kMax, n, e);
}

/** The range of request counts [lo, hi] outside which the Poisson(λ) tails hold at most `tailMass`. */
export function poissonRange(
  lambda: number,
  tailMass: number,
): { lo: number; hi: number; neglected: number } {
  if (lambda === 0) return { lo: 0, hi: 0, neglected: 0 };
  const spread = 8 * Math.sqrt(lambda) + 10;
  let lo = Math.max(0, Math.floor(lambda - spread));
  let hi = Math.ceil(lambda + spread);
  // P(X < lo) ≤ pmf(lo − 1) / (1 − (lo − 1)/λ); P(X > hi) ≤ pmf(hi + 1) / (1 − λ/(hi + 2)).
  const lowerTail = () => (lo === 0 ? 0 : Math.exp(logPoisson(lo - 1, lambda)) / (1 - (lo - 1) / lambda));
  const upperTail = () => Math.exp(logPoisson(hi + 1, lambda)) / (1 - lambda / (hi + 2));
  while (lo > 0 && lowerTail() > tailMass / 2) lo = Math.max(0, lo - Math.ceil(Math.sqrt(lambda)));
  while (upperTail() > tailMass / 2) hi += Math.ceil(Math.sqrt(lambda)) + 1;
  return { lo, hi, neglected: lowerTail() + upperTail() };
}

/**
 * The exact operating characteristic of a single threshold condition on a window's error rate, when the
 * window's requests are Poisson(λ) and each fails independently with probability e (the model's
 * requests and errors, by Poisson thinning, in a window with no outage):
 *
 *     P(pass) = Σₙ Poisson(n; λ) · P(Binomial(n, e) ∈ {k : k/n op threshold}),  n ≥ max(1, minRequests)
 *     P(inconclusive) = P(N < max(1, minRequests))
 *
 * summed over the counts n that hold all but `tailMass` of the Poisson mass (the rest is reported as
 * `neglectedMass`), with the binomial cdf as the regularized incomplete beta. For a guard, `pPass` is
 * the chance that one window trips it.
 *
 * @example
 * // 380 expected requests, 0.079% errors, gate errorRate below 1%: one error in fewer than 100 requests fails it
 * gateOperatingCharacteristic({ expectedRequests: 380, errorRate: 0.00079, op: 'below', threshold: 0.01 })
 * // { pPass: 0.999782…, pFail: 0.000218…, pInconclusive: 9.3e-166, neglectedMass: < 1e-12 }
 */
export function gateOperatingCharacteristic(
  window: ErrorRateWindow,
  tailMass = DEFAULT_TAIL_MASS,
): OperatingCharacteristic {
  const fewest = Math.max(1, window.minRequests ?? 0);
  const table = requestTable(window, tailMass, fewest);
  let pPass = 0;
  let pFail = 0;
  let pInconclusive = 0;
  for (let n = table.lo; n <= table.hi; n++) {
    const mass = table.mass[n - table.lo]!;
    if (n < fewest) {
      pInconclusive += mass;
      continue;
    }
    const holds = table.holds[n - table.lo]!;
    pPass += mass * holds;
    pFail += mass * (1 - holds);
  }
  return {
    pPass: clamp01(pPass),
    pFail: clamp01(pFail),
    pInconclusive: clamp01(pInconclusive),
    neglectedMass: table.neglectedMass,
  };
}

/** The terms of the operating characteristic's sum, by request count n from `lo` to `hi`. */
export interface RequestTable {
  lo: number;
  hi: number;
  /** Poisson(n; λ) at index n − lo. */
  mass: Float64Array;
  /** P(the condition holds | n requests) at index n − lo (0 below `from`, where it was not needed). */
  holds: Float64Array;
  /** Poisson mass outside [lo, hi]. */
  neglectedMass: number;
}

/**
 * The terms of {@link gateOperatingCharacteristic}'s sum: for each request count n that matters, its
 * Poisson mass and the binomial chance that the condition holds with n requests. With it, the chance for
 * any `minRequests` is a tail sum (the noise analysis searches minRequests on one table).
 *
 * @param from the fewest requests whose condition chance is needed (smaller counts get 0).
 */
export function requestTable(window: ErrorRateWindow, tailMass = DEFAULT_TAIL_MASS, from = 1): RequestTable {
  const { expectedRequests: lambda, errorRate: e, op, threshold } = window;
  if (!(lambda >= 0 && Number.isFinite(lambda)))
    throw new RangeError(`expected requests must be ≥ 0, got ${lambda}`);
  if (!(e >= 0 && e <= 1)) throw new RangeError(`the error rate must be in [0, 1], got ${e}`);
  if (!(tailMass > 0 && tailMass < 1)) throw new RangeError(`tailMass must be in (0, 1), got ${tailMass}`);
  const { lo, hi, neglected } = poissonRange(lambda, tailMass);
  const mass = new Float64Array(hi - lo + 1);
  const holds = new Float64Array(hi - lo + 1);
  const first = Math.max(1, from);
  const settled = settledHolds(e, op, threshold, Math.max(lo, first), hi);
  for (let n = lo; n <= hi; n++) {
    mass[n - lo] = lambda === 0 ? (n === 0 ? 1 : 0) : Math.exp(logPoisson(n, lambda));
    if (n < first) continue;
    holds[n - lo] =
      settled !== null && n >= settled.from ? settled.value : holdsGivenRequests(n, e, op, threshold);
  }
  return { lo, hi, mass, holds, neglectedMass: neglected };
}

/**
 * Where, in [from, hi], the condition's chance given n requests settles for good at exactly 0 or 1: from
 * the first n at which the binomial tail on the far side of the threshold t is below 2⁻⁶⁰ for every larger
 * n too, so that {@link holdsGivenRequests} would return that double at each of them (its cdf screening
 * takes the same branch); null when it does not settle in the range (or for `within`, t outside (0, 1),
 * e at 0 or 1).
 *
 * The error counts at the limit are within one of t·n (the gate's floating-point comparison may move it by
 * one), so with a = t ∓ 1/n on the far side of e, the tail is at most exp(−n·D(a ‖ e)), which falls as n
 * grows, as do the conditions on the incomplete beta's side; the first such n is found by bisection.
 */
function settledHolds(
  e: number,
  op: Operator,
  t: number,
  from: number,
  hi: number,
): { from: number; value: 0 | 1 } | null {
  if (!(e > 0 && e < 1 && t > 0 && t < 1) || t === e || op === 'within' || from > hi) return null;
  const upperLimit = op === 'below' || op === 'max';
  const aboveRate = t > e;
  const settledAt = (n: number): boolean => {
    if (aboveRate) {
      // The tail P(X ≥ ~t·n), on the beta's direct side when e(n + 3) < t·n.
      const a = t - 1 / n;
      return a > e && e * (n + 3) < t * n && chernoffTailLog(a * n, n, e) < NEGLIGIBLE_TAIL_LOG;
    }
    // The tail P(X ≤ ~t·n), on the beta's direct side when e(n + 3) ≥ t·n + 3.
    const a = t + 1 / n;
    return a < e && e * (n + 3) >= t * n + 3 && chernoffTailLog(a * n, n, e) < NEGLIGIBLE_TAIL_LOG;
  };
  if (!settledAt(hi)) return null;
  let low = from;
  let high = hi;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (settledAt(mid)) high = mid;
    else low = mid + 1;
  }
  // Above the rate a `below`/`max` condition then holds surely and an `above`/`min` one never; below it, the reverse.
  return { from: low, value: upperLimit === aboveRate ? 1 : 0 };
}

/**
 * The chance that a guard trips at least once in `windows` independent windows when each trips with
 * probability q: 1 − (1 − q)^M, computed as −expm1(M · log1p(−q)) so that tiny q keeps its digits.
 * Exact for a one-interval guard window (disjoint windows are independent under the model); for
 * overlapping windows use {@link tripUnionBound}.
 *
 * @example tripAtLeastOnce(0.00125, 240) // 0.2593…: a 1-in-800 window, 240 times
 */
export function tripAtLeastOnce(q: number, windows: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`q must be in [0, 1], got ${q}`);
  if (q === 1) return windows > 0 ? 1 : 0;
  return -Math.expm1(windows * Math.log1p(-q));
}

/**
 * An upper bound on the chance that a guard trips at least once when it is checked on `windows`
 * overlapping windows, each tripping with probability q (Boole's inequality: P(∪Aᵢ) ≤ Σ P(Aᵢ)), capped at 1.
 */
export function tripUnionBound(tripChances: readonly number[]): number {
  let sum = 0;
  for (const q of tripChances) sum += q;
  return Math.min(1, sum);
}
