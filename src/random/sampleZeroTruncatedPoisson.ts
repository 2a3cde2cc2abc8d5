import type { RandomStream } from './randomStream.js';
import { samplePoisson } from './samplePoisson.js';

/** Below this mean, inversion (one uniform, about mean + 1 steps); at or above it, P(K = 0) ≤ e^{−10} rejects rarely. */
const INVERSION_BELOW = 10;

/**
 * A Poisson draw conditioned on at least one event: P(K = k | K ≥ 1) = e^{−μ}μ^k / (k!(1 − e^{−μ})), k ≥ 1.
 * Small means by inversion (one uniform scaled to the mass above 0); larger ones by drawing Poisson(μ)
 * until it is not 0.
 *
 * @param mean the untruncated Poisson's mean, finite and > 0.
 * @example sampleZeroTruncatedPoisson(rng, 0.02) // the hits of a trip span's hit interval: almost always 1
 */
export function sampleZeroTruncatedPoisson(rng: RandomStream, mean: number): number {
  if (!(mean > 0 && mean < Number.POSITIVE_INFINITY)) {
    throw new RangeError(`sampleZeroTruncatedPoisson: mean must be finite and > 0, got ${mean}`);
  }
  if (mean >= INVERSION_BELOW) {
    for (;;) {
      const k = samplePoisson(rng, mean);
      if (k > 0) return k;
    }
  }
  const target = rng.next() * -Math.expm1(-mean);
  let term = Math.exp(-mean);
  let cumulative = 0;
  let k = 0;
  do {
    k++;
    term *= mean / k;
    cumulative += term;
  } while (cumulative < target && term > 0);
  return k;
}
