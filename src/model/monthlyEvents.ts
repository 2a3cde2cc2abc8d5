import { type RandomStream, samplePoisson } from '../random/index.js';

/** Hours in the month that per-month rates refer to (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;

/**
 * Events (churned learners, completions) of `learners` at `perLearnerMonth` events per learner per
 * month over `durationMs`: Poisson with mean `learners · perLearnerMonth · months`.
 *
 * @example sampleMonthlyEvents(rng, 5000, 0.04, 2 * 3_600_000) // Poisson(0.55)
 */
export function sampleMonthlyEvents(
  rng: RandomStream,
  learners: number,
  perLearnerMonth: number,
  durationMs: number,
): number {
  const mean = (learners * perLearnerMonth * durationMs) / (HOURS_PER_MONTH * 3_600_000);
  return mean > 0 ? samplePoisson(rng, mean) : 0;
}
