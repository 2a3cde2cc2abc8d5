import seedrandom from 'seedrandom';

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;
const WEYL_STEP = 0x61c88647;

/**
 * A seeded, deterministic stream of uniform random numbers. Every sampler takes one as its first
 * argument, so randomness is a parameter and never global state.
 *
 * The generator is Richard Brent's xorgens xor4096 (a 4096-bit xorshift combined with a Weyl
 * sequence; period 2^4128 − 2^32; no systematic BigCrush failures), seeded by seedrandom's
 * `xor4096` key schedule. The stream then steps the same recurrence over an `Int32Array` it owns:
 * seedrandom keeps the state in a plain array, where every int32 outside V8's small-integer range is
 * boxed, so each draw allocated; here a draw allocates nothing. The output is bit-identical to
 * `seedrandom.xor4096(key).int32()` (a test holds it). seedrandom's `tychei` was not chosen: it is
 * faster per draw but departs from the published Tyche-i round (it mixes `c >>> 16` where the
 * reference rotates `d`), so the published statistical results do not apply to it; seedrandom's
 * default ARC4 generator is about 10x slower.
 *
 * Build streams with {@link deriveStream}; the constructor is for a key already derived.
 *
 * @example
 * const rng = deriveStream(20251031, 17, 'traffic');
 * rng.next(); // a number in [0, 1), the same on every machine
 */
export class RandomStream {
  private readonly state: Int32Array;
  private index: number;
  private weyl: number;

  /** @param key any string; equal keys give equal streams. */
  constructor(key: string) {
    const seeded = seedrandom.xor4096(key, { state: true }).state() as { i: number; w: number; X: number[] };
    this.state = Int32Array.from(seeded.X);
    this.index = seeded.i;
    this.weyl = seeded.w | 0;
  }

  /** The next 32-bit output as a signed integer, exactly as seedrandom's `xor4096(key).int32()`. */
  nextInt32(): number {
    const x = this.state;
    this.weyl = (this.weyl + WEYL_STEP) | 0;
    let v = x[(this.index + 34) & 127]!;
    const i = (this.index + 1) & 127;
    let t = x[i]!;
    v ^= v << 13;
    t ^= t << 17;
    v ^= v >>> 15;
    t ^= t >>> 12;
    v ^= t;
    x[i] = v;
    this.index = i;
    const w = this.weyl;
    return (v + (w ^ (w >>> 16))) | 0;
  }

  /**
   * A uniform number in [0, 1) with 53 random bits (the full double mantissa), built from two 32-bit
   * outputs: the grid is k·2^-53, so `1 - next()` is exact and lies in (0, 1].
   */
  next(): number {
    const high = this.nextInt32() >>> 11;
    const low = this.nextInt32() >>> 0;
    return (high * TWO_POW_32 + low) / TWO_POW_53;
  }
}
