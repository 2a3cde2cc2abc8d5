import { type BucketTable, tableOf } from '../model/index.js';

/**
 * A bucket table conditioned on its buckets in [from, to), renormalised; null when they hold no mass. The
 * trip spans and the guards' latency tail draw a window's body and tail apart with two such tables.
 *
 * @example conditionedTable(table, 0, 12) // the latencies below bucket 12, given that they are
 */
export function conditionedTable(table: BucketTable, from: number, to: number): BucketTable | null {
  const probabilities = new Float64Array(table.probabilities.length);
  let mass = 0;
  for (let k = from; k < to; k++) mass += table.probabilities[k]!;
  if (!(mass > 0)) return null;
  for (let k = from; k < to; k++) probabilities[k] = table.probabilities[k]! / mass;
  return tableOf(probabilities);
}
