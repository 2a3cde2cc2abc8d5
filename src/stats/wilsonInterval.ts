import { normalQuantile } from '../random/index.js';
import { checkCounts } from './checkCounts.js';

/**
 * The Wilson score interval for a binomial proportion: good coverage even at 0 or n successes and
 * for small n, unlike the Wald interval. With no trials the proportion is unknown: [0, 1].
 *
 * @param successes how many of the trials succeeded (e.g. runs that completed).
 * @param trials how many trials there were.
 * @param confidence two-sided coverage, default 0.95.
 * @returns [lower, upper] bounds on the proportion, within [0, 1].
 * @example wilsonInterval(7340, 10_000) // [0.7252…, 0.7426…]
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): [number, number] {
  checkCounts('wilsonInterval', successes, trials, confidence);
  if (trials === 0) return [0, 1];
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const z2 = z * z;
  const p = successes / trials;
  const denominator = 1 + z2 / trials;
  const center = (p + z2 / (2 * trials)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return [
    successes === 0 ? 0 : Math.max(0, center - halfWidth),
    successes === trials ? 1 : Math.min(1, center + halfWidth),
  ];
}
