import { type RandomStream, sampleBinomial } from '../random/index.js';

/**
 * How many of `unreached` learners make their first request in a span where each learner's requests
 * are Poisson with mean `requestsPerLearner`: Binomial(unreached, 1 − e^(−requestsPerLearner)).
 * Exact per learner, whatever the span's length, because a learner's requests are a Poisson process.
 *
 * @example sampleNewlyExposed(rng, 5000, 0.038 * 0.5 / 60) // ≈ 1.6 on average
 */
export function sampleNewlyExposed(rng: RandomStream, unreached: number, requestsPerLearner: number): number {
  if (unreached <= 0 || requestsPerLearner <= 0) return 0;
  return sampleBinomial(rng, unreached, -Math.expm1(-requestsPerLearner));
}
