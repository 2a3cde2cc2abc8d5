import type { BucketRange } from '../gates/histogramQuantile.js';
import { type RandomStream, sampleBinomial } from '../random/index.js';
import type { BucketTable } from './bucketTable.js';

/** Below this many requests, each request's bucket is drawn on its own from the alias table (~10 ns each). */
const PER_REQUEST_BELOW = 160;

/**
 * When this few requests are left for the less probable buckets, each is placed on its own among the
 * tail's masses ({@link tailBucket}) instead of walking the tail bucket by bucket with binomials.
 */
const TAIL_PER_REQUEST_AT = 64;

/** Positions {@link tailBucket} walks before it searches the rest by halving. */
const TAIL_WALK = 8;

/**
 * A bucket drawn among order[from..] in proportion to their probabilities: the last position i with
 * suffix[i] > v. The positions come most probable first, so a walk from `from` mostly stops within a few
 * steps; past {@link TAIL_WALK} of them a binary search takes over. Either finds the same position
 * (suffix never increases).
 */
function tailBucket(table: BucketTable, from: number, u: number): number {
  const { suffix } = table;
  const v = u * suffix[from]!;
  const last = table.order.length - 1;
  let low = from;
  const walkEnd = Math.min(last, from + TAIL_WALK);
  while (low < walkEnd && suffix[low + 1]! > v) low++;
  if (low === walkEnd) {
    let high = last;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (suffix[mid]! > v) low = mid;
      else high = mid - 1;
    }
  }
  return table.order[low]!;
}

/**
 * Adds a multinomial draw of `n` requests over the buckets of `table` into `counts` (one count per
 * bucket), in place. Every path is an exact draw of the same multinomial:
 *
 * - few requests: each request's bucket on its own (the alias method: what drawing a latency and binning
 *   it gives, in one uniform);
 * - otherwise conditional binomials over the buckets, most probable first: bucket j gets
 *   Binomial(remaining, P(j | not before j)); once only a handful of requests are left for the tail,
 *   each of them is placed on its own among the tail's buckets.
 *
 * So the cost is ~min(n, buckets holding most of the mass) and barely grows with traffic.
 *
 * @param touched optional range widened to cover every bucket this draw adds to, so the caller can add,
 *   clear and read only those buckets afterwards
 * @example drawHistogramInto(rng, 417, bucketTable(mixture, boundsMs), window.latencyCounts)
 */
export function drawHistogramInto(
  rng: RandomStream,
  n: number,
  table: BucketTable,
  counts: number[],
  touched?: BucketRange,
): void {
  if (n <= 0) return;
  let low = counts.length;
  let high = -1;
  if (n < PER_REQUEST_BELOW) {
    const { order, aliasThreshold, aliasOther } = table;
    const positions = order.length;
    for (let i = 0; i < n; i++) {
      const scaled = rng.next() * positions;
      const j = Math.floor(scaled);
      const k = order[scaled - j < aliasThreshold[j]! ? j : aliasOther[j]!]!;
      counts[k] = counts[k]! + 1;
      if (k < low) low = k;
      if (k > high) high = k;
    }
    if (touched !== undefined) widen(touched, low, high);
    return;
  }
  const { order, conditional } = table;
  let remaining = n;
  let j = 0;
  for (; j < order.length && remaining > TAIL_PER_REQUEST_AT; j++) {
    const p = conditional[j]!;
    const x = p >= 1 ? remaining : sampleBinomial(rng, remaining, p);
    if (x > 0) {
      const k = order[j]!;
      counts[k] = counts[k]! + x;
      remaining -= x;
      if (k < low) low = k;
      if (k > high) high = k;
    }
  }
  for (; remaining > 0; remaining--) {
    const k = tailBucket(table, j, rng.next());
    counts[k] = counts[k]! + 1;
    if (k < low) low = k;
    if (k > high) high = k;
  }
  if (touched !== undefined) widen(touched, low, high);
}

function widen(range: BucketRange, low: number, high: number): void {
  if (low < range.low) range.low = low;
  if (high > range.high) range.high = high;
}

/**
 * The bucket of a latency, ms: the first k with latencyMs ≤ boundsMs[k], or boundsMs.length (+Inf).
 *
 * @example bucketOfLatency([10, 25, 50], 25) // 1
 */
export function bucketOfLatency(boundsMs: readonly number[], latencyMs: number): number {
  let low = 0;
  let high = boundsMs.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (latencyMs <= boundsMs[mid]!) high = mid;
    else low = mid + 1;
  }
  return low;
}
