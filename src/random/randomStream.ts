const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;
/** Rounds after the key's last character before the first output, as seedrandom's `tychei` and the paper do. */
const WARM_UP_ROUNDS = 20;

/**
 * The generator's state after absorbing the start of a key ({@link RandomStream.prefixOf}): a stream can
 * be seeded from it and the rest of the key without absorbing the start again.
 */
export interface StreamKeyPrefix {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
}

/** The state before any key character: the constants of Tyche-i's initialisation with a zero seed and index. */
const EMPTY_PREFIX: StreamKeyPrefix = { a: 0, b: 0, c: 2654435769 | 0, d: 1367130551 };

/**
 * A seeded, deterministic stream of uniform random numbers. Every sampler takes one as its first
 * argument, so randomness is a parameter and never global state.
 *
 * The generator is Tyche-i (Neves and Araújo, "Fast and small nonlinear pseudorandom number generators
 * for computer simulation", PPAM 2011): 128 bits of state, one round per 32-bit output, the inverse of
 * ChaCha's quarter round; the authors report it passes TestU01's BigCrush, and it was designed to be
 * seeded cheaply for many parallel streams. A key is absorbed as seedrandom's `tychei` absorbs a string
 * seed: each UTF-16 code unit xored into word `b`, one round each, then 20 rounds before the first
 * output, so seeding costs about 60 rounds where xor4096 (the generator before 2026-12-04) warmed up a
 * 4096-bit state with ~670 steps. The round is the published one: seedrandom's `tychei` mixes `c >>> 16`
 * where the paper rotates `d`, so it is bit-identical to seedrandom's `tychei` with that one term
 * corrected (a test loads seedrandom's source so corrected and compares).
 *
 * Build streams with {@link deriveStream}; the constructor is for a key already derived.
 *
 * @example
 * const rng = deriveStream(20251031, 17, 'traffic');
 * rng.next(); // a number in [0, 1), the same on every machine
 */
export class RandomStream {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  /** @param key any string; equal keys give equal streams. */
  constructor(key: string) {
    this.reseed(key);
  }

  /**
   * The state after absorbing `head`, the start of some keys: `stream.reseedAfter(prefixOf(head), tail)`
   * seeds exactly as `stream.reseed(head + tail)`. For an owner that derives many streams whose keys share
   * a start (the engine: a run's keys all start with its seed).
   */
  static prefixOf(head: string): StreamKeyPrefix {
    const stream = new RandomStream('');
    stream.restore(EMPTY_PREFIX);
    stream.absorb(head);
    return { a: stream.a, b: stream.b, c: stream.c, d: stream.d };
  }

  /**
   * Seeds the stream afresh from `key`, in place: afterwards it draws exactly what `new RandomStream(key)`
   * draws (no allocation).
   */
  reseed(key: string): void {
    this.reseedAfter(EMPTY_PREFIX, key);
  }

  /** Seeds the stream from the key `head + tail`, `prefix` being {@link prefixOf}`(head)`. */
  reseedAfter(prefix: StreamKeyPrefix, tail: string): void {
    this.restore(prefix);
    this.absorb(tail);
    for (let k = 0; k < WARM_UP_ROUNDS; k++) this.nextInt32();
  }

  private restore(prefix: StreamKeyPrefix): void {
    this.a = prefix.a;
    this.b = prefix.b;
    this.c = prefix.c;
    this.d = prefix.d;
  }

  private absorb(text: string): void {
    for (let k = 0; k < text.length; k++) {
      this.b ^= text.charCodeAt(k);
      this.nextInt32();
    }
  }

  /** One Tyche-i round; its output is the word `a` as a signed 32-bit integer (seedrandom's `int32()`). */
  nextInt32(): number {
    let a = this.a;
    let b = this.b;
    let c = this.c;
    let d = this.d;
    b = (b << 25) ^ (b >>> 7) ^ c;
    c = (c - d) | 0;
    d = (d << 24) ^ (d >>> 8) ^ a;
    a = (a - b) | 0;
    b = (b << 20) ^ (b >>> 12) ^ c;
    c = (c - d) | 0;
    d = (d << 16) ^ (d >>> 16) ^ a;
    a = (a - b) | 0;
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    return a;
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
