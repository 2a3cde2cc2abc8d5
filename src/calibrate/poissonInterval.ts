/** P(X ≤ k) for X ~ Poisson(λ), summed in log space so large λ and k do not overflow. */
function poissonCdf(k: number, lambda: number): number {
  if (lambda === 0) return 1;
  let logTerm = -lambda;
  let sum = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log(lambda / i);
    sum += Math.exp(logTerm);
  }
  return Math.min(1, sum);
}

/** The λ in [low, high] where the decreasing function `f(λ)` crosses `target`, by bisection. */
function solveDecreasing(f: (lambda: number) => number, target: number, low: number, high: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = (low + high) / 2;
    if (f(mid) > target) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/**
 * The exact (Garwood) 95% interval for the mean of a Poisson count: λ_low with P(X ≥ k) = 2.5% and λ_high
 * with P(X ≤ k) = 2.5%. Used for the number of outages a log saw.
 *
 * @example poissonInterval(1) // [0.0253, 5.5716]: one outage seen is consistent with 0.03 to 5.6 expected
 */
export function poissonInterval(count: number): [number, number] {
  const high = solveDecreasing(
    (lambda) => poissonCdf(count, lambda),
    0.025,
    0,
    count + 20 + 10 * Math.sqrt(count + 1),
  );
  if (count === 0) return [0, high];
  const low = solveDecreasing((lambda) => poissonCdf(count - 1, lambda), 0.975, 0, high);
  return [low, high];
}
