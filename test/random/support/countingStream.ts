import { RandomStream } from '../../../src/random/index.js';

/**
 * A stream that counts the uniforms drawn from it, and fails as soon as more than `limit` are drawn, so
 * a sampler whose cost had come to grow with its parameters fails the test at once instead of running
 * for hours. The samplers' work is a fixed number of steps per uniform (a rejection round per pair, a
 * search that starts from one), so counting uniforms counts their cost without a clock.
 */
export class CountingStream extends RandomStream {
  draws = 0;

  constructor(
    key: string,
    private readonly limit: number,
  ) {
    super(key);
  }

  override next(): number {
    this.draws += 1;
    if (this.draws > this.limit) throw new Error(`drew more than ${this.limit} uniforms`);
    return super.next();
  }
}

/**
 * Uniforms per draw that Hörmann's transformed rejection (PTRS, BTRS) may use: at most 1.3 rounds of a
 * pair on average, whatever the mean or n (about 1.12 to 1.33 rounds measured over means 10 to 1e12).
 */
export const REJECTION_UNIFORMS_PER_DRAW = 2.6;
