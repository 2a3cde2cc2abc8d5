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

/** Weights by request count: `density[i]` is the weight of n = `lo` + i. */
export interface CountDensity {
  lo: number;
  density: Float64Array;
}

/**
 * Adds weight × Poisson(n; λ) to `density[n − lo]` for each count n of `range` (weight at n = 0 when λ = 0):
 * the one place the terms are formed, so that a mixture summed window by window in the same order gets the
 * same floats however it is built.
 */
export function addPoissonTerms(
  counts: CountDensity,
  lambda: number,
  weight: number,
  range: { lo: number; hi: number },
  factorials: CountTable,
): void {
  const { lo, density } = counts;
  if (lambda === 0) {
    density[-lo] = density[-lo]! + weight;
    return;
  }
  const logLambda = Math.log(lambda);
  for (let n = range.lo; n <= range.hi; n++) {
    const mass = Math.exp(n * logLambda - lambda - factorials.at(n));
    density[n - lo] = density[n - lo]! + weight * mass;
  }
}

/** The counts that hold all but 1e-12 of Poisson(λ)'s mass (just 0 when λ = 0). */
export function countRange(lambda: number): { lo: number; hi: number } {
  return lambda === 0 ? { lo: 0, hi: 0 } : poissonRange(lambda, DEFAULT_TAIL_MASS);
}

/** Σ_g w_g · Poisson(n; Λ_g) for each count n over the windows' ranges, added window by window in order. */
export function mixtureDensity(windows: readonly WeightedWindow[], factorials: CountTable): CountDensity {
  const ranges = windows.map(({ expectedRequests }) => countRange(expectedRequests));
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (const range of ranges) {
    lo = Math.min(lo, range.lo);
    hi = Math.max(hi, range.hi);
  }
  if (ranges.length === 0) lo = 0;
  const counts = { lo, density: new Float64Array(hi - lo + 1) };
  windows.forEach(({ expectedRequests, weight }, g) => {
    addPoissonTerms(counts, expectedRequests, weight, ranges[g]!, factorials);
  });
  return counts;
}

/**
 * The request counts of a set of windows: Σ_g w_g · Poisson(n; Λ_g) for each count n, over the counts
 * that hold all but 1e-12 of each Poisson's mass ({@link mixtureDensity}). Weighted by the checks that see
 * each window size, its sums run over the checks (the union bound); weighted by shares, they average over
 * windows. One window of weight 1 is that window's own distribution, term for term.
 */
export class RequestMixture {
  readonly lo: number;
  readonly hi: number;
  private readonly density: Float64Array;
  private judgedSums: Float64Array | null = null;
  private readonly tripSums = new Map<ConditionTable, Float64Array>();

  constructor({ lo, density }: CountDensity) {
    this.lo = lo;
    this.hi = lo + density.length - 1;
    this.density = density;
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
