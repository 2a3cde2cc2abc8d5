import type { RandomStream } from './randomStream.js';

/*
 * Ziggurat of Marsaglia & Tsang (2000) in Doornik's ZIGNOR arrangement (2005): 128 layers of equal area
 * under exp(−x²/2), each a rectangle [0, X[i]] stacked from the tail up. R (the base layer's edge) and
 * V (each layer's area) were solved with mpmath at 50 digits so that the top layer closes exactly at 0:
 *   r = findroot(top, 3.442619855899); v = r*exp(-r*r/2) + sqrt(pi/2)*erfc(r/sqrt(2))
 */
const LAYERS = 128;
const R = 3.442619855896652;
const V = 0.00991256303533646;

/** X[i]: right edge of layer i (X[0] is the base layer's virtual width V/f(R)); X[128] = 0. */
const X = new Float64Array(LAYERS + 1);
/** X[i+1]/X[i]: below it, a point of layer i is inside the density with certainty. */
const INSIDE = new Float64Array(LAYERS);
{
  let f = Math.exp(-0.5 * R * R);
  X[0] = V / f;
  X[1] = R;
  for (let i = 2; i < LAYERS; i++) {
    const x = Math.sqrt(-2 * Math.log(V / X[i - 1]! + f));
    X[i] = x;
    f = Math.exp(-0.5 * x * x);
  }
  X[LAYERS] = 0;
  for (let i = 0; i < LAYERS; i++) INSIDE[i] = X[i + 1]! / X[i]!;
}

/**
 * An exact standard normal draw by the ziggurat method: one uniform, a table lookup and a multiply 97%
 * of the time, 1.04 uniforms per draw on average. One 53-bit uniform supplies the layer (7 bits), the
 * sign (1 bit) and the position within the layer (45 bits).
 *
 * @example sampleStandardNormal(rng) // e.g. -0.43
 */
export function sampleStandardNormal(rng: RandomStream): number {
  for (;;) {
    const scaled = rng.next() * (2 * LAYERS);
    const bits = scaled | 0;
    const layer = bits & (LAYERS - 1);
    // +1 or −1 from bit 7, without a branch: a random sign mispredicts half the time (~7 ns).
    const sign = 1 - ((bits >> 6) & 2);
    const position = scaled - bits;
    const edge = X[layer]!;
    const x = position * edge;
    if (position < INSIDE[layer]!) return sign * x;
    if (layer === 0) return sign * sampleTail(rng);
    const below = X[layer + 1]!;
    // Uniform height in the layer against the density, both relative to exp(−x²/2).
    const bottom = Math.exp(-0.5 * (edge * edge - x * x));
    const top = Math.exp(-0.5 * (below * below - x * x));
    if (top + rng.next() * (bottom - top) < 1) return sign * x;
  }
}

/** Marsaglia's (1964) exact method for the normal tail beyond R. */
function sampleTail(rng: RandomStream): number {
  for (;;) {
    const x = -Math.log(1 - rng.next()) / R;
    const y = -Math.log(1 - rng.next());
    if (2 * y >= x * x) return R + x;
  }
}

/**
 * An exact normal draw with the given mean and standard deviation (any unit; the result has the
 * same unit).
 *
 * @param mean location, default 0.
 * @param sd standard deviation, finite and ≥ 0, default 1.
 * @example sampleNormal(rng, 0.058, 0.012) // a revenue uplift, e.g. 0.061
 */
export function sampleNormal(rng: RandomStream, mean = 0, sd = 1): number {
  if (!(sd >= 0 && sd < Number.POSITIVE_INFINITY)) {
    throw new RangeError(`sampleNormal: sd must be finite and >= 0, got ${sd}`);
  }
  return mean + sd * sampleStandardNormal(rng);
}
