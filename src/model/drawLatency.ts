import { type RandomStream, sampleLognormal } from '../random/index.js';
import type { LatencyMixture } from './latencyMixture.js';

/**
 * One request's latency, ms, from a mixture: a component chosen by weight, then
 * `factor · exp(mu + sigma·Z) + addMs`. The per-request counterpart of the histogram draw.
 *
 * @example drawLatencyMs(rng, lognormalMixture(Math.log(25), 0.2622)) // e.g. 23.7
 */
export function drawLatencyMs(rng: RandomStream, mixture: LatencyMixture): number {
  let index = 0;
  if (mixture.length > 1) {
    let u = rng.next();
    while (index < mixture.length - 1 && u >= mixture[index]!.weight) {
      u -= mixture[index]!.weight;
      index++;
    }
  }
  const { mu, sigma, factor, addMs } = mixture[index]!;
  return factor * sampleLognormal(rng, mu, sigma) + addMs;
}
