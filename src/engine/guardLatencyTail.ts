import { firstBucketAbove, LATENCY_QUANTILE } from '../gates/index.js';
import { type BucketTable, tableOf } from '../model/index.js';
import type { EngineSetup } from './engineSetup.js';

/**
 * The first latency bucket the guards' verdicts depend on, null when they may depend on every bucket (or
 * read no latency). A guard `pq above T` (or `min T`) holds only when the q-quantile's bucket has an upper
 * bound above T (at or above), so only when that bucket is `first` or higher; and `histogramQuantile` walks
 * down from the top, so whether it stops there, and what it reads there, depends on the total and the
 * counts from `first` on alone. Counting every request below `first` in bucket `first − 1` then gives each
 * such guard its exact verdict and, when it holds, its exact value. Scenario guards only: a controller's
 * analyses read their intervals' whole histograms.
 *
 * @example guardLatencyTail(setup) // 114 for a p99LatencyMs above 250 guard on the default buckets, (248, 260.4] ms
 */
export function guardLatencyTail(setup: EngineSetup): number | null {
  if (setup.controller !== null || !setup.guardNeeds.latency) return null;
  let first = setup.latencyBoundsMs.length + 1;
  for (const guard of setup.guards) {
    if (LATENCY_QUANTILE[guard.metric] === undefined) continue;
    if (guard.op !== 'above' && guard.op !== 'min') return null;
    first = Math.min(first, firstBucketAbove(setup.latencyBoundsMs, guard.threshold, guard.op === 'min'));
  }
  return first >= 1 && first <= setup.latencyBoundsMs.length ? first : null;
}

/** A latency table split at the guards' (or a trip span's) tail bucket: P(tail), and the table given each side. */
export interface TailSplit {
  /** P(a request's latency lies in the tail), 0 to < 1. */
  slow: number;
  body: BucketTable;
  /** Null when the tail holds no mass. */
  tail: BucketTable | null;
}

/**
 * `table` split at bucket `first` ({@link guardLatencyTail}); null when the body below it holds no mass
 * (the guards then read every request).
 */
export function tailSplit(table: BucketTable, first: number): TailSplit | null {
  const bucketCount = table.probabilities.length;
  const body = conditionedTable(table, 0, first);
  if (body === null) return null;
  let slow = 0;
  for (let k = first; k < bucketCount; k++) slow += table.probabilities[k]!;
  return { slow: Math.min(slow, 1), body, tail: conditionedTable(table, first, bucketCount) };
}

/** `table` conditioned on its buckets in [from, to), renormalised; null when they hold no mass. */
export function conditionedTable(table: BucketTable, from: number, to: number): BucketTable | null {
  const probabilities = new Float64Array(table.probabilities.length);
  let mass = 0;
  for (let k = from; k < to; k++) mass += table.probabilities[k]!;
  if (!(mass > 0)) return null;
  for (let k = from; k < to; k++) probabilities[k] = table.probabilities[k]! / mass;
  return tableOf(probabilities);
}
