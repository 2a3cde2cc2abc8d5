import type { RandomStream } from './randomStream.js';
import { sampleBinomial } from './sampleBinomial.js';

/** Where counts are written: a `number[]`, `Float64Array`, `Int32Array`... */
export interface CountsOut {
  [index: number]: number;
  readonly length: number;
}

/**
 * An exact multinomial draw: `n` items spread over categories with probabilities proportional to
 * `probs` (they need not sum to 1), written into `out[0 .. probs.length)` and returning `out`.
 *
 * Conditional binomials: category i gets Binomial(remaining, probs[i] / mass not yet visited), the
 * last category with mass takes the rest, and once nothing remains the rest are 0. Cost grows with the
 * number of categories that receive items, not with n. Put likely categories first to stop early.
 *
 * @param n number of items, an integer in [0, 2^53].
 * @param probs non-negative weights, finite, with a positive sum when n > 0.
 * @example sampleMultinomialInto(rng, 10_000, [0.15, 0.6, 0.25], new Float64Array(3)) // e.g. [1489, 6032, 2479]
 */
export function sampleMultinomialInto<T extends CountsOut>(
  rng: RandomStream,
  n: number,
  probs: ArrayLike<number>,
  out: T,
): T {
  if (!(Number.isInteger(n) && n >= 0 && n <= Number.MAX_SAFE_INTEGER + 1)) {
    throw new RangeError(`sampleMultinomialInto: n must be an integer in [0, 2^53], got ${n}`);
  }
  const categories = probs.length;
  if (out.length < categories) {
    throw new RangeError(`sampleMultinomialInto: out has ${out.length} slots for ${categories} categories`);
  }
  let mass = 0;
  let lastWithMass = -1;
  for (let i = 0; i < categories; i++) {
    const p = probs[i]!;
    if (!(p >= 0 && p < Number.POSITIVE_INFINITY)) {
      throw new RangeError(`sampleMultinomialInto: probs[${i}] must be finite and >= 0, got ${p}`);
    }
    mass += p;
    if (p > 0) lastWithMass = i;
  }
  if (n > 0 && lastWithMass < 0) throw new RangeError('sampleMultinomialInto: probs have no mass');
  let remaining = n;
  for (let i = 0; i < categories; i++) {
    const p = probs[i]!;
    if (remaining === 0 || p === 0) {
      out[i] = 0;
    } else if (i === lastWithMass) {
      out[i] = remaining;
      remaining = 0;
    } else {
      const count = sampleBinomial(rng, remaining, p >= mass ? 1 : p / mass);
      out[i] = count;
      remaining -= count;
      mass -= p;
    }
  }
  return out;
}
