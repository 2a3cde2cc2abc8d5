import { betaQuantile, betaQuantileUpper } from './betaQuantile.js';
import { checkCounts } from './checkCounts.js';

/**
 * The Clopper–Pearson "exact" interval for a binomial proportion, from beta quantiles: its coverage is
 * at least `confidence` for every true proportion (it is conservative). With no trials: [0, 1].
 *
 * @param successes how many of the trials succeeded (e.g. requests that failed).
 * @param trials how many trials there were.
 * @param confidence two-sided coverage, default 0.95.
 * @returns [lower, upper] bounds on the proportion, within [0, 1].
 * @example clopperPearsonInterval(0, 380) // [0, 0.00966…]: 0 errors in 380 requests cannot show < 0.9%
 */
export function clopperPearsonInterval(
  successes: number,
  trials: number,
  confidence = 0.95,
): [number, number] {
  checkCounts('clopperPearsonInterval', successes, trials, confidence);
  if (trials === 0) return [0, 1];
  const tail = (1 - confidence) / 2;
  return [
    successes === 0 ? 0 : betaQuantile(tail, successes, trials - successes + 1),
    successes === trials ? 1 : betaQuantileUpper(tail, successes + 1, trials - successes),
  ];
}
