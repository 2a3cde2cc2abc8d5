import type { RandomStream } from './randomStream.js';
import { sampleGamma } from './sampleGamma.js';

/**
 * An exact beta draw, a probability in [0, 1] with mean `a / (a + b)`: X/(X + Y) with X ~ Gamma(a),
 * Y ~ Gamma(b). When both shapes are below 1 the two gamma draws can both underflow to 0 (e.g.
 * a = b = 0.001), so that case works with their logarithms.
 *
 * @param a α, finite and > 0 (pseudo-successes).
 * @param b β, finite and > 0 (pseudo-failures).
 * @example sampleBeta(rng, 1 + 3, 1 + 377) // error rate after 3 errors in 380 requests, e.g. 0.011
 */
export function sampleBeta(rng: RandomStream, a: number, b: number): number {
  if (!(a > 0 && a < Number.POSITIVE_INFINITY && b > 0 && b < Number.POSITIVE_INFINITY)) {
    throw new RangeError(`sampleBeta: a and b must be finite and > 0, got ${a} and ${b}`);
  }
  if (a >= 1 || b >= 1) {
    const x = sampleGamma(rng, a, 1);
    const y = sampleGamma(rng, b, 1);
    return x / (x + y);
  }
  const logX = logOfSmallShapeGamma(rng, a);
  const logY = logOfSmallShapeGamma(rng, b);
  return 1 / (1 + Math.exp(logY - logX));
}

/** ln Gamma(shape, 1) for shape < 1, by the same boost as {@link sampleGamma}, without underflow. */
function logOfSmallShapeGamma(rng: RandomStream, shape: number): number {
  return Math.log(sampleGamma(rng, shape + 1, 1)) + Math.log(1 - rng.next()) / shape;
}
