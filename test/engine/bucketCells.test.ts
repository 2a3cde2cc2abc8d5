import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketCells, drawCellsInto, gateBuckets } from '../../src/engine/bucketCells.js';
import type { PhaseSetup } from '../../src/engine/engineSetup.js';
import {
  conditionHolds,
  defaultLatencyBucketsMs,
  histogramQuantile,
  OPERATORS,
} from '../../src/gates/index.js';
import { bucketTable, lognormalMixture, tableOf } from '../../src/model/index.js';
import { deriveStream } from '../../src/random/index.js';
import { expectBucketMeans } from '../support/bucketMeans.js';

const boundsMs = [10, 15, 20, 25, 30, 40, 60, 100];
const table = bucketTable(lognormalMixture(Math.log(25), 0.35), boundsMs);
/** Buckets (15, 20] and (40, 60] read apart: cells [0, 1], (20, 40] and (60, +Inf). */
const cuts = [2, 6];

/** Each bucket's cell: the bucket the cell's mass sits on (a cut bucket is its own). */
function cellOf(cells: NonNullable<ReturnType<typeof bucketCells>>, bucketCount: number): number[] {
  const of = Array.from({ length: bucketCount }, (_, k) => k);
  cells.within.forEach((within, c) => {
    within.probabilities.forEach((p, k) => {
      if (p > 0) of[k] = cells.cellBuckets[c]!;
    });
  });
  return of;
}

describe('bucketCells', () => {
  it('keeps the cut buckets and puts each stretch between them on its most probable bucket', () => {
    const cells = bucketCells(table, cuts)!;
    const p = table.probabilities;
    const coarse = Array.from(cells.coarse.probabilities);
    const stretches = [
      [0, 1],
      [3, 4, 5],
      [7, 8],
    ];
    const expected = new Array<number>(p.length).fill(0);
    for (const k of cuts) expected[k] = p[k]!;
    for (const stretch of stretches) {
      const top = stretch.reduce((a, b) => (p[b]! > p[a]! ? b : a));
      expected[top] = stretch.reduce((sum, k) => sum + p[k]!, 0);
    }
    coarse.forEach((value, k) => {
      expect(value).toBeCloseTo(expected[k]!, 15);
    });
    // Each cell's table is the table conditioned on its stretch.
    cells.within.forEach((within, c) => {
      const stretch = stretches[c]!;
      const mass = stretch.reduce((sum, k) => sum + p[k]!, 0);
      within.probabilities.forEach((value, k) => {
        expect(value).toBeCloseTo(stretch.includes(k) ? p[k]! / mass : 0, 15);
      });
    });
  });

  it('is null when no stretch holds two buckets with mass', () => {
    expect(bucketCells(table, [0, 1, 2, 3, 4, 5, 6, 7, 8])).toBeNull();
    expect(bucketCells(tableOf(Float64Array.from([0, 0.5, 0, 0.5, 0])), [1])).toBeNull();
  });
});

describe('drawCellsInto', () => {
  // Each bucket's total over the draws is Binomial(n·draws, p_k): its mean per draw within 4 SE.
  it.each([
    [40, 5_000],
    [300, 2_000],
    [50_000, 500],
  ])('refined, draws n = %d with the whole table’s bucket means (within 4 SE over %d draws)', (n, draws) => {
    const cells = bucketCells(table, cuts)!;
    const rng = deriveStream(5, 'cells', n);
    const detail = deriveStream(5, 'cells detail', n);
    const scratch = new Array<number>(boundsMs.length + 1).fill(0);
    expectBucketMeans(table.probabilities, n, draws, () => {
      const counts = new Array<number>(boundsMs.length + 1).fill(0);
      const touched = { low: counts.length, high: -1 };
      drawCellsInto(rng, detail, n, cells, counts, touched, scratch);
      expect(scratch.every((x) => x === 0)).toBe(true);
      const nonZero = counts.flatMap((count, k) => (count !== 0 ? [k] : []));
      expect(touched.low).toBeLessThanOrEqual(nonZero[0]!);
      expect(touched.high).toBeGreaterThanOrEqual(nonZero.at(-1)!);
      return counts;
    });
  });

  it('unrefined, draws the refined draw’s cell counts from the same stream, each on its cell’s bucket', () => {
    const cells = bucketCells(table, cuts)!;
    const of = cellOf(cells, boundsMs.length + 1);
    const scratch = new Array<number>(boundsMs.length + 1).fill(0);
    for (const n of [7, 300, 20_000]) {
      const coarse = new Array<number>(boundsMs.length + 1).fill(0);
      const fine = new Array<number>(boundsMs.length + 1).fill(0);
      const touched = () => ({ low: boundsMs.length + 1, high: -1 });
      drawCellsInto(deriveStream(9, n), null, n, cells, coarse, touched(), scratch);
      drawCellsInto(deriveStream(9, n), deriveStream(9, 'detail', n), n, cells, fine, touched(), scratch);
      const merged = new Array<number>(boundsMs.length + 1).fill(0);
      fine.forEach((count, k) => {
        merged[of[k]!] = merged[of[k]!]! + count;
      });
      expect(coarse).toEqual(merged);
    }
  });
});

describe('gateBuckets', () => {
  it('takes the first bucket reaching each latency gate’s threshold, sorted, once each', () => {
    const bounds = defaultLatencyBucketsMs();
    const phase = {
      gates: [
        { metric: 'p99LatencyMs', op: 'below', threshold: 200 },
        { metric: 'errorRate', op: 'below', threshold: 0.01 },
        { metric: 'p50LatencyMs', op: 'max', threshold: 30 },
        { metric: 'p95LatencyMs', op: 'above', threshold: 200 },
      ],
    } as unknown as PhaseSetup;
    const first = (t: number) => bounds.findIndex((b) => b >= t);
    expect(gateBuckets(phase, bounds)).toEqual([first(30), first(200)]);
  });

  // The lemma the verdicts-only draw rests on: a histogram that keeps the gates' buckets and only the
  // totals of the stretches between them gives every gate the verdict of the whole histogram.
  it('every latency gate’s verdict is the same on the cells’ histogram as on the whole one', () => {
    const bucketCount = boundsMs.length + 1;
    fc.assert(
      fc.property(
        fc.array(fc.nat(40), { minLength: bucketCount, maxLength: bucketCount }),
        fc.uniqueArray(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(0.5, 0.95, 0.99, 0.999),
        (counts, thresholds, q) => {
          const gates = thresholds.map((threshold) => ({ metric: 'p99LatencyMs', op: 'below', threshold }));
          const cutsHere = gateBuckets({ gates } as unknown as PhaseSetup, boundsMs);
          // Every bucket has mass, so every stretch of two or more buckets is a cell.
          const cells = bucketCells(tableOf(new Float64Array(bucketCount).fill(1 / bucketCount)), cutsHere);
          const of = cells === null ? counts.map((_, k) => k) : cellOf(cells, bucketCount);
          const merged = new Array<number>(bucketCount).fill(0);
          counts.forEach((count, k) => {
            merged[of[k]!] = merged[of[k]!]! + count;
          });
          const whole = histogramQuantile(q, boundsMs, counts);
          const coarse = histogramQuantile(q, boundsMs, merged);
          expect(coarse === null).toBe(whole === null);
          if (whole === null || coarse === null) return;
          for (const threshold of thresholds) {
            for (const op of OPERATORS) {
              expect(conditionHolds(op, coarse, threshold)).toBe(conditionHolds(op, whole, threshold));
            }
          }
        },
      ),
      { numRuns: 3000, seed: 17 },
    );
  });
});
