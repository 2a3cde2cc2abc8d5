import { normalQuantile } from '../random/index.js';

/** Parameters of a lognormal latency: ln(latency in ms) ~ N(mu, sigma²). */
export interface LognormalParams {
  mu: number;
  sigma: number;
}

/** z of the 99th percentile of the standard normal, from AS241 (2.3263478740408408). */
export const Z99 = normalQuantile(0.99);

/**
 * The lognormal with the given median and 99th percentile: `mu = ln p50`,
 * `sigma = (ln p99 − ln p50) / z₀.₉₉`. Needs `0 < p50Ms ≤ p99Ms`.
 *
 * @example fitLognormal(25, 46) // { mu: 3.2189, sigma: 0.2621 }
 */
export function fitLognormal(p50Ms: number, p99Ms: number): LognormalParams {
  if (!(p50Ms > 0) || !(p99Ms >= p50Ms)) {
    throw new RangeError(`fitLognormal: need 0 < p50 ≤ p99, got p50 ${p50Ms} ms, p99 ${p99Ms} ms`);
  }
  const mu = Math.log(p50Ms);
  return { mu, sigma: (Math.log(p99Ms) - mu) / Z99 };
}
