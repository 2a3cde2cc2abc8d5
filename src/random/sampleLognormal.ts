import type { RandomStream } from './randomStream.js';
import { sampleStandardNormal } from './sampleNormal.js';

/**
 * A lognormal draw, `exp(mu + sigma·Z)` with Z standard normal: its median is `exp(mu)` and its
 * mean `exp(mu + sigma²/2)`, in the unit whose logarithm `mu` is.
 *
 * @param mu mean of the logarithm (log of the unit, e.g. ln ms).
 * @param sigma standard deviation of the logarithm, finite and ≥ 0.
 * @example sampleLognormal(rng, Math.log(25), 0.26) // a latency in ms, median 25 ms, e.g. 27.9
 */
export function sampleLognormal(rng: RandomStream, mu: number, sigma: number): number {
  if (!(sigma >= 0 && sigma < Number.POSITIVE_INFINITY)) {
    throw new RangeError(`sampleLognormal: sigma must be finite and >= 0, got ${sigma}`);
  }
  return Math.exp(mu + sigma * sampleStandardNormal(rng));
}
