import { normalCdf } from '../random/index.js';
import type { LatencyComponent, LatencyMixture } from './latencyMixture.js';

/**
 * The probability of each latency bucket under one mixture, laid out for both histogram draws
 * (see `drawHistogramInto`). Computed once per (mixture, bounds) and cached: never per interval.
 */
export interface BucketTable {
  /** P(bucket k), k = 0..bounds.length (the last is +Inf). */
  probabilities: Float64Array;
  /** Buckets with positive probability, most probable first. */
  order: Int32Array;
  /**
   * `suffix[j]` = P(bucket order[j], order[j+1], ...), summed from the smallest probability up so there
   * is no cancellation; `suffix[order.length]` = 0.
   */
  suffix: Float64Array;
  /** For the conditional-binomial draw: P(bucket order[j] | not in order[0..j−1]) = p / suffix[j], the last 1. */
  conditional: Float64Array;
  /** Walker's alias table over `order` (Vose's construction): one uniform per request. */
  aliasThreshold: Float64Array;
  aliasOther: Int32Array;
}

/** P(latency ≤ x ms) and P(latency > x ms) of one component, each computed on its accurate side. */
export function componentCdf(component: LatencyComponent, xMs: number, upper: boolean): number {
  const { mu, sigma, factor, addMs } = component;
  if (xMs === Number.POSITIVE_INFINITY) return upper ? 0 : 1;
  const scaledMs = xMs - addMs;
  if (factor === 0 || sigma === 0) {
    const pointMs = factor * Math.exp(mu);
    const below = scaledMs >= pointMs ? 1 : 0;
    return upper ? 1 - below : below;
  }
  if (scaledMs <= 0) return upper ? 1 : 0;
  const z = (Math.log(scaledMs / factor) - mu) / sigma;
  return upper ? normalCdf(-z) : normalCdf(z);
}

/** P(lowerMs < latency ≤ upperMs) of one component, from whichever tail avoids cancellation. */
function componentMass(component: LatencyComponent, lowerMs: number, upperMs: number): number {
  const belowLower = lowerMs < 0 ? 0 : componentCdf(component, lowerMs, false);
  const mass =
    belowLower >= 0.5
      ? componentCdf(component, lowerMs, true) - componentCdf(component, upperMs, true)
      : componentCdf(component, upperMs, false) - belowLower;
  return Math.max(mass, 0);
}

function buildTable(mixture: LatencyMixture, boundsMs: readonly number[]): BucketTable {
  const bucketCount = boundsMs.length + 1;
  const probabilities = new Float64Array(bucketCount);
  for (let k = 0; k < bucketCount; k++) {
    const lowerMs = k === 0 ? -1 : boundsMs[k - 1]!;
    const upperMs = k < boundsMs.length ? boundsMs[k]! : Number.POSITIVE_INFINITY;
    let mass = 0;
    for (const component of mixture) mass += component.weight * componentMass(component, lowerMs, upperMs);
    probabilities[k] = mass;
  }
  let total = 0;
  for (const p of probabilities) total += p;
  if (!(total > 0)) throw new RangeError('bucketTable: the latency mixture has no mass');
  for (let k = 0; k < bucketCount; k++) probabilities[k] = probabilities[k]! / total;
  return tableOf(probabilities);
}

/**
 * The table of bucket probabilities already normalised (`probabilities`, kept by reference): a mixture's,
 * or one conditioned on a range of buckets (the engine's trip spans draw a window's body and tail apart).
 */
export function tableOf(probabilities: Float64Array): BucketTable {
  const bucketCount = probabilities.length;
  const positive: number[] = [];
  for (let k = 0; k < bucketCount; k++) if (probabilities[k]! > 0) positive.push(k);
  positive.sort((a, b) => probabilities[b]! - probabilities[a]! || a - b);
  const order = Int32Array.from(positive);
  const suffix = new Float64Array(order.length + 1);
  const conditional = new Float64Array(order.length);
  for (let j = order.length - 1; j >= 0; j--) {
    const p = probabilities[order[j]!]!;
    suffix[j] = suffix[j + 1]! + p;
    conditional[j] = j === order.length - 1 ? 1 : Math.min(1, p / suffix[j]!);
  }
  return { probabilities, order, suffix, conditional, ...aliasTable(order, probabilities) };
}

/** Vose's alias method: thresholds and aliases such that position i keeps i with probability threshold[i]. */
function aliasTable(
  order: Int32Array,
  probabilities: Float64Array,
): { aliasThreshold: Float64Array; aliasOther: Int32Array } {
  const n = order.length;
  const scaled = Float64Array.from(order, (k) => probabilities[k]! * n);
  const aliasThreshold = new Float64Array(n).fill(1);
  const aliasOther = Int32Array.from({ length: n }, (_, i) => i);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < n; i++) (scaled[i]! < 1 ? small : large).push(i);
  while (small.length > 0 && large.length > 0) {
    const less = small.pop()!;
    const more = large.pop()!;
    aliasThreshold[less] = scaled[less]!;
    aliasOther[less] = more;
    scaled[more] = scaled[more]! + scaled[less]! - 1;
    (scaled[more]! < 1 ? small : large).push(more);
  }
  return { aliasThreshold, aliasOther };
}

/**
 * The bucket table of `mixture` over the finite upper bounds `boundsMs` (ms, increasing; +Inf implied),
 * built afresh: a rehearsal looks its tables up in its context's {@link BucketTables} instead.
 *
 * @example bucketTable(lognormalMixture(Math.log(25), 0.2622), [10, 25, 50]).probabilities // [~0, 0.5, ~0.49, ~0.007]
 */
export function bucketTable(mixture: LatencyMixture, boundsMs: readonly number[]): BucketTable {
  return buildTable(mixture, boundsMs);
}

/**
 * Bucket tables built so far, per (bounds array, mixture object): keep both objects stable (the engine's
 * setup interns its mixtures, and fault transforms hand back the same object for the same input) and a
 * table is a lookup. Owned by whoever rehearses (an `EngineContext`), and gone with it.
 */
export class BucketTables {
  private readonly byBounds = new Map<readonly number[], Map<LatencyMixture, BucketTable>>();

  /** The table of `mixture` over `boundsMs`, built on first use. */
  of(mixture: LatencyMixture, boundsMs: readonly number[]): BucketTable {
    let byMixture = this.byBounds.get(boundsMs);
    if (byMixture === undefined) {
      byMixture = new Map();
      this.byBounds.set(boundsMs, byMixture);
    }
    let table = byMixture.get(mixture);
    if (table === undefined) {
      table = buildTable(mixture, boundsMs);
      byMixture.set(mixture, table);
    }
    return table;
  }
}
