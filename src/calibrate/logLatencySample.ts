import type { RandomStream } from '../random/index.js';

/** How many log latencies the goodness-of-fit test looks at (a seeded uniform subsample of all of them). */
export const GOODNESS_OF_FIT_SAMPLE = 5_000;

/**
 * Log latencies gathered one request at a time in bounded memory: a running mean and sum of squared
 * deviations (Welford) over every value for the fit, and a seeded reservoir sample (algorithm R) for the
 * goodness-of-fit test.
 *
 * Latencies are written rounded (`46` or `45.8` ms), and a rounded value is a bin, not a point: each one is
 * spread uniformly over its rounding interval `[v − h, v + h]` before its logarithm is taken. Without this a
 * test on thousands of values rejects any distribution for the rounding steps alone, and `0` would have no
 * logarithm.
 */
export class LogLatencySample {
  private count = 0;
  private mean = 0;
  private squares = 0;
  private readonly reservoir: Float64Array;
  private kept = 0;

  constructor(
    private readonly rng: RandomStream,
    capacity: number = GOODNESS_OF_FIT_SAMPLE,
  ) {
    this.reservoir = new Float64Array(capacity);
  }

  /**
   * @param latencyMs the latency as written, ms (≥ 0)
   * @param halfUnitMs half a unit of its last written digit, ms (0.5 for `46`, 0.05 for `45.8`)
   */
  add(latencyMs: number, halfUnitMs: number): void {
    const lowMs = Math.max(0, latencyMs - halfUnitMs);
    const highMs = latencyMs + halfUnitMs;
    const spreadMs = lowMs + (highMs - lowMs) * (1 - this.rng.next());
    const logLatency = Math.log(spreadMs);
    this.count++;
    const delta = logLatency - this.mean;
    this.mean += delta / this.count;
    this.squares += delta * (logLatency - this.mean);
    if (this.kept < this.reservoir.length) this.reservoir[this.kept++] = logLatency;
    else {
      const slot = Math.floor(this.rng.next() * this.count);
      if (slot < this.reservoir.length) this.reservoir[slot] = logLatency;
    }
  }

  /** Number of latencies added. */
  get n(): number {
    return this.count;
  }

  /** Mean of the log latencies (the lognormal's μ, maximum likelihood). */
  get meanLog(): number {
    return this.mean;
  }

  /** Standard deviation of the log latencies with divisor n (the lognormal's σ, maximum likelihood). */
  get sdLog(): number {
    return this.count > 0 ? Math.sqrt(this.squares / this.count) : 0;
  }

  /** The subsample for the goodness-of-fit test (all values while there are fewer than its capacity). */
  subsample(): Float64Array {
    return this.reservoir.slice(0, this.kept);
  }
}
