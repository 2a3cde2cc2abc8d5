/**
 * Throws a RangeError unless `trials` is a non-negative integer, `successes` an integer in
 * [0, trials] and `confidence` in (0, 1): the preconditions shared by the binomial intervals.
 */
export function checkCounts(caller: string, successes: number, trials: number, confidence: number): void {
  if (!(Number.isInteger(trials) && trials >= 0)) {
    throw new RangeError(`${caller}: trials must be a non-negative integer, got ${trials}`);
  }
  if (!(Number.isInteger(successes) && successes >= 0 && successes <= trials)) {
    throw new RangeError(`${caller}: successes must be an integer in [0, ${trials}], got ${successes}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`${caller}: confidence must be in (0, 1), got ${confidence}`);
  }
}
