import type { RandomStream } from './randomStream.js';
import { stirlingTail } from './stirlingTail.js';

/** Below this n·min(p, 1 − p), inversion (about n·p + 1 steps) beats BTRS's setup. */
const INVERSION_BELOW = 10;

/**
 * An exact binomial draw: successes among `n` independent trials of probability `p`, e.g. errors
 * among a window's requests.
 *
 * With p ≤ ½ (p > ½ uses n − Binomial(n, 1 − p)): n·p < 10 uses inversion by sequential search from 0
 * (one uniform, about n·p + 1 steps); n·p ≥ 10 uses Hörmann's BTRS (transformed rejection with squeeze,
 * 1993), 1.1 to 1.3 pairs of uniforms per draw. The cost never grows with n: n = 1e9 is as fast as
 * n = 1e3.
 *
 * @param n number of trials, an integer in [0, 2^53].
 * @param p success probability per trial, in [0, 1].
 * @example sampleBinomial(rng, 7412, 0.00079) // errors among 7,412 requests, e.g. 6
 */
export function sampleBinomial(rng: RandomStream, n: number, p: number): number {
  if (!(Number.isInteger(n) && n >= 0 && n <= Number.MAX_SAFE_INTEGER + 1)) {
    throw new RangeError(`sampleBinomial: n must be an integer in [0, 2^53], got ${n}`);
  }
  if (!(p >= 0 && p <= 1)) throw new RangeError(`sampleBinomial: p must be in [0, 1], got ${p}`);
  if (p > 0.5) return n - sampleBinomialAtMostHalf(rng, n, 1 - p);
  return sampleBinomialAtMostHalf(rng, n, p);
}

function sampleBinomialAtMostHalf(rng: RandomStream, n: number, p: number): number {
  if (n === 0 || p === 0) return 0;
  return n * p < INVERSION_BELOW ? binomialByInversion(rng, n, p) : binomialByBtrs(rng, n, p);
}

function binomialByInversion(rng: RandomStream, n: number, p: number): number {
  const odds = p / (1 - p);
  const a = (n + 1) * odds;
  const pmf0 = Math.exp(n * Math.log1p(-p));
  for (;;) {
    let u = rng.next();
    let pmf = pmf0;
    let k = 0;
    // pmf(k) / pmf(k − 1) = (n − k + 1)/k · p/(1 − p) = a/k − odds.
    while (u > pmf && pmf > 0 && k <= n) {
      u -= pmf;
      k += 1;
      pmf *= a / k - odds;
    }
    // Otherwise u fell in the rounding gap at the top of the cdf; redraw.
    if (pmf > 0 && k <= n) return k;
  }
}

/**
 * Hörmann (1993), algorithm BTRS, for n·p ≥ 10 and p ≤ ½. The final test compares against
 * ln(pmf(k)/pmf(m)) for the mode m, written with log1p so that the large terms of n ~ 1e9 cancel exactly.
 */
function binomialByBtrs(rng: RandomStream, n: number, p: number): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const m = Math.floor((n + 1) * p);
  // The mode's terms of the final test, computed once the squeeze first fails (most draws never need them).
  let logModeOdds = Number.NaN;
  let tailAtMode = 0;
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    if (Number.isNaN(logModeOdds)) {
      logModeOdds = Math.log(((n - m + 1) * p) / ((m + 1) * q));
      tailAtMode = stirlingTail(m) + stirlingTail(n - m);
    }
    const logPmfRatio =
      (k + 0.5) * Math.log1p((m - k) / (k + 1)) +
      (n - k + 0.5) * Math.log1p((k - m) / (n - k + 1)) +
      (k - m) * logModeOdds +
      tailAtMode -
      stirlingTail(k) -
      stirlingTail(n - k);
    if (Math.log((v * alpha) / (a / (us * us) + b)) <= logPmfRatio) return k;
  }
}
