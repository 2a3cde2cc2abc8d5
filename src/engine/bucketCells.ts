import type { BucketRange } from '../gates/index.js';
import { LATENCY_QUANTILE } from '../gates/index.js';
import { type BucketTable, bucketOfLatency, drawHistogramInto, tableOf } from '../model/index.js';
import { type RandomStream, sampleBinomial } from '../random/index.js';
import type { PhaseSetup } from './engineSetup.js';
import { conditionedTable } from './guardLatencyTail.js';

/**
 * The latency buckets a phase's gates read exactly: for each latency gate `pq op T`, the first bucket whose
 * upper bound reaches T, sorted, without repeats. `histogramQuantile` gives a value in that bucket only
 * when the quantile's rank falls there (and then from the counts below it, in it and the total alone);
 * from any bucket below it a value ≤ its lower bound < T, from any bucket above it a value > its upper
 * bound ≥ T. So every gate's verdict (below, above, max, min, within: each strict on both sides of T's
 * bucket) is the same on any histogram that keeps the counts of these buckets and, between them, only how
 * many requests each stretch of buckets holds.
 *
 * @example gateBuckets(phase, boundsMs) // [110]: p99LatencyMs below 200 on the default buckets, (196.7, 205.9] ms
 */
export function gateBuckets(phase: PhaseSetup, boundsMs: readonly number[]): number[] {
  const buckets = new Set<number>();
  for (const gate of phase.gates) {
    if (LATENCY_QUANTILE[gate.metric] !== undefined) buckets.add(bucketOfLatency(boundsMs, gate.threshold));
  }
  return [...buckets].sort((a, b) => a - b);
}

/**
 * A latency table's buckets merged into cells: each bucket in `cuts` alone, and each stretch of buckets
 * between them as one cell whose mass sits on its most probable bucket (`coarse`), with the table
 * conditioned on the stretch (`within`, by that bucket) to place the cell's requests bucket by bucket.
 * Drawing the coarse table and then each cell's requests from its own table is the table's multinomial
 * (the multinomial's grouping property); drawing the coarse table alone gives the cells' counts.
 */
export interface BucketCells {
  coarse: BucketTable;
  /** The buckets a cell's mass sits on, and the table within that cell, in bucket order. */
  cellBuckets: Int32Array;
  within: readonly BucketTable[];
}

/**
 * {@link BucketCells} of `table` at the sorted bucket indices `cuts`; null when no stretch holds more than
 * one bucket with mass (the coarse table would be the table).
 */
export function bucketCells(table: BucketTable, cuts: readonly number[]): BucketCells | null {
  const source = table.probabilities;
  const probabilities = new Float64Array(source.length);
  const cellBuckets: number[] = [];
  const within: BucketTable[] = [];
  let from = 0;
  for (let c = 0; c <= cuts.length; c++) {
    const to = c < cuts.length ? cuts[c]! : source.length;
    let top = -1;
    let holding = 0;
    // The stretch's mass summed in bucket order, as conditionedTable sums it (zeros add nothing).
    let mass = 0;
    for (let k = from; k < to; k++) {
      if (!(source[k]! > 0)) continue;
      holding++;
      mass += source[k]!;
      if (top < 0 || source[k]! > source[top]!) top = k;
    }
    if (holding === 1) probabilities[top] = source[top]!;
    else if (holding > 1) {
      const cell = conditionedTable(table, from, to)!;
      probabilities[top] = mass;
      cellBuckets.push(top);
      within.push(cell);
    }
    if (c < cuts.length && to < source.length) probabilities[to] = source[to]!;
    from = to + 1;
  }
  if (cellBuckets.length === 0) return null;
  return { coarse: tableOf(probabilities), cellBuckets: Int32Array.from(cellBuckets), within };
}

/**
 * Adds a draw of `n` requests from the table `cells` was built from into `counts`: the cells' counts from
 * the coarse table (on `rng`), then, when `refine`, each cell's requests over its buckets (on `detail`, a
 * stream nothing else draws from, so a draw that does not refine leaves every other draw where it was).
 * Without refining, each cell's requests stay on its one bucket: exact for every gate of the phase
 * ({@link gateBuckets}), not for other quantiles.
 *
 * @param scratch one zero count per bucket, left zero
 */
export function drawCellsInto(
  rng: RandomStream,
  detail: RandomStream | null,
  n: number,
  cells: BucketCells,
  counts: number[],
  touched: BucketRange,
  scratch: number[],
): void {
  if (detail === null) {
    drawCellCounts(rng, n, cells.coarse, counts, touched);
    return;
  }
  const { coarse, cellBuckets, within } = cells;
  drawCellCounts(rng, n, coarse, scratch, null);
  for (let c = 0; c < cellBuckets.length; c++) {
    const k = cellBuckets[c]!;
    const inCell = scratch[k]!;
    if (inCell === 0) continue;
    scratch[k] = 0;
    drawHistogramInto(detail, inCell, within[c]!, counts, touched);
  }
  // What is left in the scratch lies on the coarse table's other buckets, each kept as drawn.
  const order = coarse.order;
  for (let j = 0; j < order.length; j++) {
    const k = order[j]!;
    const count = scratch[k]!;
    if (count === 0) continue;
    scratch[k] = 0;
    counts[k] = counts[k]! + count;
    if (k < touched.low) touched.low = k;
    if (k > touched.high) touched.high = k;
  }
}

/**
 * The cells' counts of `n` requests into `counts`: conditional binomials over the coarse table's few
 * buckets, most probable first (bucket j gets Binomial(remaining, P(j | not before j))). With a handful of
 * cells this is a few binomials whatever `n`, where {@link drawHistogramInto} would place a small `n`
 * request by request.
 */
function drawCellCounts(
  rng: RandomStream,
  n: number,
  coarse: BucketTable,
  counts: number[],
  touched: BucketRange | null,
): void {
  const { order, conditional } = coarse;
  let remaining = n;
  for (let j = 0; j < order.length && remaining > 0; j++) {
    const p = conditional[j]!;
    const x = p >= 1 ? remaining : sampleBinomial(rng, remaining, p);
    if (x === 0) continue;
    const k = order[j]!;
    counts[k] = counts[k]! + x;
    remaining -= x;
    if (touched === null) continue;
    if (k < touched.low) touched.low = k;
    if (k > touched.high) touched.high = k;
  }
}
