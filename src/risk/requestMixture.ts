import { gammaln } from 'simple-statistics';
import type { ConditionTable } from './conditionTable.js';
import { CountTable } from './countTable.js';
import { DEFAULT_TAIL_MASS, poissonRange } from './operatingCharacteristic.js';

/** ln n! = lgamma(n + 1) by n, kept once computed: the Poisson terms of every window of an analysis share them. */
export function logFactorials(): CountTable {
  return new CountTable((n) => gammaln(n + 1));
}

/** One window size of a mixture: its expected requests Λ and its weight. */
export interface WeightedWindow {
  expectedRequests: number;
  /** How many checks see a window of this size (for sums over checks), or its share (for averages). */
  weight: number;
}

/**
 * The request counts of a set of windows: Σ_g w_g · Poisson(n; Λ_g) for each count n, over the counts
 * that hold all but 1e-12 of each Poisson's mass. Weighted by the checks that see each window size, its
 * sums run over the checks (the union bound); weighted by shares, they average over windows. One window of
 * weight 1 is that window's own distribution, term for term.
 */
export class RequestMixture {
  readonly lo: number;
  readonly hi: number;
  private readonly density: Float64Array;
  private judgedSums: Float64Array | null = null;
  private readonly tripSums = new Map<ConditionTable, Float64Array>();

  constructor(windows: readonly WeightedWindow[], factorials: CountTable) {
    const ranges = windows.map(({ expectedRequests: lambda }) =>
      lambda === 0 ? { lo: 0, hi: 0 } : poissonRange(lambda, DEFAULT_TAIL_MASS),
    );
    let lo = Number.POSITIVE_INFINITY;
    let hi = 0;
    for (const range of ranges) {
      lo = Math.min(lo, range.lo);
      hi = Math.max(hi, range.hi);
    }
    this.lo = ranges.length === 0 ? 0 : lo;
    this.hi = hi;
    this.density = new Float64Array(this.hi - this.lo + 1);
    windows.forEach(({ expectedRequests: lambda, weight }, g) => {
      const { lo, hi } = ranges[g]!;
      if (lambda === 0) {
        this.density[-this.lo] = this.density[-this.lo]! + weight;
        return;
      }
      const logLambda = Math.log(lambda);
      for (let n = lo; n <= hi; n++) {
        const mass = Math.exp(n * logLambda - lambda - factorials.at(n));
        this.density[n - this.lo] = this.density[n - this.lo]! + weight * mass;
      }
    });
  }

  /** Σ over n ≥ max(1, m) of the weights: the windows judged with `minRequests` m (capped at 1). */
  atLeast(minRequests: number): number {
    this.judgedSums ??= this.suffixSums(() => 1);
    return this.at(this.judgedSums, minRequests);
  }

  /** Σ over n ≥ max(1, m) of the weights × P(the condition holds | n): the windows that trip (capped at 1). */
  trip(table: ConditionTable, minRequests: number): number {
    let sums = this.tripSums.get(table);
    if (sums === undefined) {
      sums = this.suffixSums((n) => table.holds(n));
      this.tripSums.set(table, sums);
    }
    return this.at(sums, minRequests);
  }

  private suffixSums(factor: (n: number) => number): Float64Array {
    const size = this.hi - this.lo + 1;
    const sums = new Float64Array(size + 1);
    for (let i = size - 1; i >= 0; i--) {
      const n = this.lo + i;
      const mass = n >= 1 ? this.density[i]! : 0;
      sums[i] = sums[i + 1]! + (mass === 0 ? 0 : mass * factor(n));
    }
    return sums;
  }

  private at(sums: Float64Array, minRequests: number): number {
    const index = Math.max(1, minRequests) - this.lo;
    return index >= sums.length - 1 ? 0 : Math.min(1, sums[Math.max(0, index)]!);
  }
}
