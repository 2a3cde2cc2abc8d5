import { wilsonInterval } from './wilsonInterval.js';

/**
 * A probability estimated from runs, as written in risk.json and whatif.json (a file-format contract:
 * `{ "p": 0.734, "ci95": [0.72, 0.75], "runs": 10000 }`).
 */
export interface Probability {
  /** successes / runs; NaN when there were no runs (written as null in JSON). */
  p: number;
  /** 95% Wilson score interval for p. */
  ci95: [number, number];
  /** number of runs the estimate is based on. */
  runs: number;
}

/**
 * The estimated probability of an outcome seen `successes` times in `trials` runs, with its 95%
 * Wilson interval.
 *
 * @example probability(7340, 10_000) // { p: 0.734, ci95: [0.7252…, 0.7426…], runs: 10000 }
 */
export function probability(successes: number, trials: number): Probability {
  return {
    p: trials === 0 ? Number.NaN : successes / trials,
    ci95: wilsonInterval(successes, trials),
    runs: trials,
  };
}
