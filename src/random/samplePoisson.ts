import type { RandomStream } from './randomStream.js';
import { stirlingTail } from './stirlingTail.js';

/** Below this mean, inversion (about mean + 1 steps) beats PTRS's setup. */
const INVERSION_BELOW = 10;
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * An exact Poisson draw: the number of events in a window whose expected count is `mean`.
 *
 * Means below 10 use inversion by sequential search (one uniform, about `mean + 1` steps); larger means
 * use Hörmann's PTRS (transformed rejection with squeeze, 1993), 1.1 to 1.3 pairs of uniforms per draw
 * whatever the mean. `mean = 0` gives 0.
 *
 * @param mean expected count (events per window), finite and ≥ 0.
 * @example samplePoisson(rng, 417.5) // requests in a 30 s window, e.g. 431
 */
export function samplePoisson(rng: RandomStream, mean: number): number {
  if (!(mean >= 0 && mean < Number.POSITIVE_INFINITY)) {
    throw new RangeError(`samplePoisson: mean must be finite and >= 0, got ${mean}`);
  }
  if (mean === 0) return 0;
  return mean < INVERSION_BELOW ? poissonByInversion(rng, mean) : poissonByPtrs(rng, mean);
}

function poissonByInversion(rng: RandomStream, mean: number): number {
  const p0 = Math.exp(-mean);
  for (;;) {
    let u = rng.next();
    let p = p0;
    let k = 0;
    while (u > p && p > 0) {
      u -= p;
      k += 1;
      p *= mean / k;
    }
    // p underflowed before the search ended: u fell in the rounding gap at the top of the cdf; redraw.
    if (p > 0) return k;
  }
}

/** Hörmann (1993), algorithm PTRS, with the log-pmf in a form that avoids cancellation for large means. */
function poissonByPtrs(rng: RandomStream, mean: number): number {
  const b = 0.931 + 2.53 * Math.sqrt(mean);
  const a = -0.059 + 0.02483 * b;
  const vr = 0.9277 - 3.6224 / (b - 2);
  // Needed by the final test alone, so computed once the squeeze first fails (most draws never need it).
  let logInverseAlpha = Number.NaN;
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Number.isNaN(logInverseAlpha)) logInverseAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
    // ln pmf(k) = −mean + k·ln mean − ln k!, with ln k! written through stirlingTail.
    const logPmf =
      k * Math.log1p((mean - k - 1) / (k + 1)) -
      0.5 * Math.log(k + 1) +
      (k + 1 - mean) -
      stirlingTail(k) -
      HALF_LOG_TWO_PI;
    if (Math.log(v) + logInverseAlpha - Math.log(a / (us * us) + b) <= logPmf) return k;
  }
}
