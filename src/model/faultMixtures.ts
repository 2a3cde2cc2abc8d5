import { componentCdf } from './bucketTable.js';
import type { LatencyComponent, LatencyMixture } from './latencyMixture.js';

/**
 * The mixture in which a share of requests has its latency transformed: every component splits into an
 * untouched part of weight `w · (1 − share)` and a transformed part of weight `w · share` (with share 1,
 * only the transformed parts).
 *
 * @example affectShare(lognormalMixture(Math.log(25), 0.26), 0.5, scaleLatency(10)) // half the requests 10× slower
 */
export function affectShare(
  mixture: LatencyMixture,
  share: number,
  transform: (component: LatencyComponent) => LatencyComponent,
): LatencyMixture {
  const affected = mixture.map((component) => ({
    ...transform(component),
    weight: component.weight * share,
  }));
  if (share >= 1) return affected;
  const untouched = mixture.map((component) => ({ ...component, weight: component.weight * (1 - share) }));
  return [...untouched, ...affected];
}

/**
 * A latency `factor` times as long: both the lognormal part and any added constant scale, so the whole
 * latency of an affected request is multiplied.
 *
 * @example scaleLatency(6)({ weight: 1, mu: 3.2, sigma: 0.26, factor: 1, addMs: 0 }).factor // 6
 */
export function scaleLatency(factor: number): (component: LatencyComponent) => LatencyComponent {
  return (component) => ({
    ...component,
    factor: component.factor * factor,
    addMs: component.addMs * factor,
  });
}

/**
 * A constant `addedMs` on top of the latency: a slow dependency called on the request's path.
 *
 * @example addLatency(400)({ weight: 1, mu: 3.2, sigma: 0.26, factor: 1, addMs: 0 }).addMs // 400
 */
export function addLatency(addedMs: number): (component: LatencyComponent) => LatencyComponent {
  return (component) => ({ ...component, addMs: component.addMs + addedMs });
}

/**
 * Memoises a mixture transform per input mixture object. The engine caches bucket probabilities per
 * mixture object and compares mixtures by identity, so a fault must hand back the same object every
 * interval for the same input; the inputs (nominal mixtures, or another fault's stable output) are few.
 */
export function stableTransform(
  transform: (mixture: LatencyMixture) => LatencyMixture,
): (mixture: LatencyMixture) => LatencyMixture {
  const cache = new WeakMap<LatencyMixture, LatencyMixture>();
  return (mixture) => {
    let transformed = cache.get(mixture);
    if (transformed === undefined) {
      transformed = transform(mixture);
      cache.set(mixture, transformed);
    }
    return transformed;
  };
}

/**
 * The share of requests slower than `thresholdMs` under a mixture: Σ weight · P(factor · e^N(mu, sigma²) +
 * addMs > threshold). What-if counts a latency fault's slow responses with it (beyond the nominal p99).
 *
 * @example latencyTailShare(lognormalMixture(Math.log(25), 0.2622), 46) // 0.01: the nominal p99 is 46 ms
 */
export function latencyTailShare(mixture: LatencyMixture, thresholdMs: number): number {
  let tail = 0;
  for (const component of mixture) tail += component.weight * componentCdf(component, thresholdMs, true);
  return tail;
}
