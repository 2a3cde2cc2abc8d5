import type { RandomStream } from './randomStream.js';

/**
 * An exponential draw with the given rate: a waiting time, mean `1 / rate`, in the reciprocal of the
 * rate's unit (rate per ms gives ms). Inversion: `−ln(1 − U)/rate`, where `1 − U` is exact and never 0.
 *
 * @param rate events per unit of time, finite and > 0.
 * @example sampleExponential(rng, 1 / 3_600_000) // ms until the next outage, mean 1 h
 */
export function sampleExponential(rng: RandomStream, rate: number): number {
  if (!(rate > 0 && rate < Number.POSITIVE_INFINITY)) {
    throw new RangeError(`sampleExponential: rate must be finite and > 0, got ${rate}`);
  }
  return -Math.log(1 - rng.next()) / rate;
}
