const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;
const WEYL_STEP = 0x61c88647;

/**
 * A seeded, deterministic stream of uniform random numbers. Every sampler takes one as its first
 * argument, so randomness is a parameter and never global state.
 *
 * The generator is Richard Brent's xorgens xor4096 (a 4096-bit xorshift combined with a Weyl
 * sequence; period 2^4128 − 2^32; no systematic BigCrush failures), seeded by seedrandom's
 * `xor4096` key schedule. Both the key schedule and the recurrence run here over an `Int32Array` the
 * stream owns: seedrandom keeps the state in a plain array, where every int32 outside V8's small-integer
 * range is boxed, so each draw allocated and seeding (a run derives ~15 streams) cost ~3 µs; here a
 * draw allocates nothing. The output is bit-identical to `seedrandom.xor4096(key).int32()` (a test
 * holds it). seedrandom's `tychei` was not chosen: it is
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
    // seedrandom's xor4096 `init` for a string key, step for step.
    const x = new Int32Array(128);
    const seed = `${key}\0`;
    const limit = Math.max(128, seed.length);
    let v = 0;
    let w = 0;
    let zeroes = 0;
    for (let j = -32; j < limit; j++) {
      v ^= seed.charCodeAt((j + 32) % seed.length);
      if (j === 0) w = v;
      v ^= v << 10;
      v ^= v >>> 15;
      v ^= v << 4;
      v ^= v >>> 13;
      if (j >= 0) {
        w = (w + WEYL_STEP) | 0;
        const t = x[j & 127]! ^ (v + w);
        x[j & 127] = t;
        zeroes = t === 0 ? zeroes + 1 : 0;
      }
    }
    if (zeroes >= 128) x[seed.length & 127] = -1;
    // Mix the state with 512 steps of the recurrence, the Weyl sequence held still.
    let i = 127;
    for (let j = 4 * 128; j > 0; j--) {
      let u = x[(i + 34) & 127]!;
      i = (i + 1) & 127;
      let t = x[i]!;
      u ^= u << 13;
      t ^= t << 17;
      u ^= u >>> 15;
      t ^= t >>> 12;
      x[i] = u ^ t;
    }
    this.state = x;
    this.index = i;
    this.weyl = w;
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
