const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;
const WEYL_STEP = 0x61c88647;

/** xor4096's recurrence: a new state word from the word 33 places ahead of it (mod 128) and the word it replaces. */
function recurrence(far: number, near: number): number {
  const u = far ^ (far << 13);
  const t = near ^ (near << 17);
  return u ^ (u >>> 15) ^ t ^ (t >>> 12);
}

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
    this.state = new Int32Array(128);
    this.index = 0;
    this.weyl = 0;
    this.reseed(key);
  }

  /**
   * Seeds the stream afresh from `key`, in place: afterwards it draws exactly what `new RandomStream(key)`
   * draws. For an owner that derives many short-lived streams (the engine derives ~25 per rehearsal)
   * and would otherwise allocate a state buffer for each.
   */
  reseed(key: string): void {
    // seedrandom's xor4096 `init` for a string key, step for step. seedrandom seeds from `key + '\0'`;
    // the NUL is read here as the position past the key's end, so no string is built.
    const x = this.state;
    x.fill(0);
    const seedLength = key.length + 1;
    const limit = Math.max(128, seedLength);
    let v = 0;
    let w = 0;
    let zeroes = 0;
    let c = 0;
    for (let j = -32; j < limit; j++) {
      v ^= c < key.length ? key.charCodeAt(c) : 0;
      c = c + 1 === seedLength ? 0 : c + 1;
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
    if (zeroes >= 128) x[seedLength & 127] = -1;
    // Mix the state with 512 steps of the recurrence (four passes over the ring), the Weyl sequence held
    // still. Step p of a pass rewrites word p from itself and word p + 33 (mod 128), as in nextInt32;
    // each pass is written as two runs so that no index wraps. The index ends where it started, at 127.
    for (let pass = 0; pass < 4; pass++) {
      for (let p = 0; p < 95; p++) x[p] = recurrence(x[p + 33]!, x[p]!);
      for (let p = 95; p < 128; p++) x[p] = recurrence(x[p - 95]!, x[p]!);
    }
    this.index = 127;
    this.weyl = w;
  }

  /** The next 32-bit output as a signed integer, exactly as seedrandom's `xor4096(key).int32()`. */
  nextInt32(): number {
    // Kept to few operations: engines inline a function only while the inlined code stays small, and
    // every uniform calls this twice.
    const x = this.state;
    const i = (this.index + 1) & 127;
    const v = recurrence(x[(i + 33) & 127]!, x[i]!);
    x[i] = v;
    this.index = i;
    const w = (this.weyl + WEYL_STEP) | 0;
    this.weyl = w;
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
