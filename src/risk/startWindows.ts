import type { CountTable } from './countTable.js';
import {
  addPoissonTerms,
  type CountDensity,
  countRange,
  mixtureDensity,
  RequestMixture,
} from './requestMixture.js';

/**
 * The partial windows at a phase's start (check j sees only the first j intervals), as one mixture of
 * weight 1 each, for every guard window length of one phase model. A window of k intervals has the first
 * k − 1 of them, and those are the same for every k, so the mixture for a longer window continues the
 * sums of a shorter one instead of forming their Poisson terms again: added window by window in the
 * same order, it is the very mixture {@link mixtureDensity} builds, float for float.
 */
export class StartWindows {
  private readonly factorials: CountTable;
  /** The windows added so far, in order, and their terms by request count n (from 0). */
  private readonly added: number[] = [];
  private sums: CountDensity = { lo: 0, density: new Float64Array(0) };
  private lo = Number.POSITIVE_INFINITY;
  private hi = 0;

  constructor(factorials: CountTable) {
    this.factorials = factorials;
  }

  /** The mixture of `windows` (expected requests of the first checks' windows, in order), each of weight 1. */
  mixture(windows: readonly number[]): RequestMixture {
    const continues = windows.every((lambda, j) => j >= this.added.length || this.added[j] === lambda);
    if (!continues || windows.length < this.added.length) {
      return new RequestMixture(
        mixtureDensity(
          windows.map((expectedRequests) => ({ expectedRequests, weight: 1 })),
          this.factorials,
        ),
      );
    }
    for (let j = this.added.length; j < windows.length; j++) this.add(windows[j]!);
    if (windows.length === 0) return new RequestMixture({ lo: 0, density: new Float64Array(1) });
    return new RequestMixture({ lo: this.lo, density: this.sums.density.slice(this.lo, this.hi + 1) });
  }

  private add(lambda: number): void {
    const range = countRange(lambda);
    if (range.hi >= this.sums.density.length) {
      const grown = new Float64Array(Math.max(range.hi + 1, 2 * this.sums.density.length));
      grown.set(this.sums.density);
      this.sums = { lo: 0, density: grown };
    }
    addPoissonTerms(this.sums, lambda, 1, range, this.factorials);
    this.added.push(lambda);
    this.lo = Math.min(this.lo, range.lo);
    this.hi = Math.max(this.hi, range.hi);
  }
}
