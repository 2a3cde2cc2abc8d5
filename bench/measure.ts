import { guardLatencyTail, tailSplit } from '../src/engine/guardLatencyTail.js';
import { planSetup } from '../src/engine/index.js';
import {
  type BucketTable,
  bucketTable,
  drawHistogramInto,
  fitLognormal,
  lognormalMixture,
} from '../src/model/index.js';
import { deriveStream, sampleBinomial, samplePoisson } from '../src/random/index.js';
import type { Plan } from '../src/scenario/index.js';

/** Prints one line of the benchmark's report. */
export function line(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** A figure with `digits` decimals and thousands separators: `fixed(3372.4, 0)` → `3,372`. */
export function fixed(value: number, digits = 2): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A workload to time: one call of `run` is one unit (a rehearsal, a batch of intervals). */
export interface Workload {
  run: (call: number) => void;
  /** Calls per timed batch. */
  batch: number;
}

/**
 * Milliseconds per call of each workload: `warmup` untimed calls of each first (so the JIT has optimised
 * what is timed), then `repeats` rounds in which every workload runs one timed batch in turn. Taking
 * turns means a burst of load from elsewhere on the machine hits all workloads alike, so their ratios
 * hold even when the absolute times move. Returns the median over the rounds, per workload.
 */
export function msPerCall(
  workloads: readonly Workload[],
  options: { warmup: number; repeats: number },
): number[] {
  const calls = workloads.map(() => 0);
  workloads.forEach((workload, w) => {
    for (let i = 0; i < options.warmup; i++) workload.run(calls[w]!++);
  });
  const perCall: number[][] = workloads.map(() => []);
  for (let r = 0; r < options.repeats; r++) {
    workloads.forEach((workload, w) => {
      const start = performance.now();
      for (let i = 0; i < workload.batch; i++) workload.run(calls[w]!++);
      perCall[w]!.push((performance.now() - start) / workload.batch);
    });
  }
  return perCall.map(median);
}

/** The candidate's first segment's latency table (its lognormal over the plan's buckets). */
export function candidateTable(plan: Plan): BucketTable {
  const candidate = plan.analyzers.candidate.bySegment[0]!;
  const { mu, sigma } = fitLognormal(candidate.latencyP50Ms, candidate.latencyP99Ms);
  return bucketTable(lognormalMixture(mu, sigma), plan.latencyBucketsMs);
}

/**
 * The share of `table`'s requests in the latency tail the plan's guards read, where the engine draws only
 * that tail per interval ({@link guardLatencyTail}, split as the engine splits it); null when the engine
 * draws every interval's histogram whole.
 */
export function guardTailShare(plan: Plan, table: BucketTable): number | null {
  const first = guardLatencyTail(planSetup(plan));
  return first === null ? null : (tailSplit(table, first)?.slow ?? null);
}

/**
 * The draws a monitoring window of the candidate needs at the least, with nothing around them: its
 * requests (Poisson at `requestsPerWindow`), errors (binomial at `errorRate`) and the latencies its guards
 * read: with a guard tail ({@link guardTailShare}) the number of requests in it (binomial) and their buckets, as
 * the engine draws a window; otherwise the whole histogram (multinomial over the plan's buckets, the
 * candidate's first segment's lognormal). The body's histogram, which the engine draws once per checkpoint
 * span, is left out. One call draws `windows` windows: the floor an engine's per-window cost is read against.
 */
export function floorWorkload(
  plan: Plan,
  requestsPerWindow: number,
  errorRate: number,
  windows: number,
  batch: number,
): Workload {
  const rng = deriveStream(1, 'bench-floor', requestsPerWindow);
  const table = candidateTable(plan);
  const tailShare = guardTailShare(plan, table);
  const counts = new Array<number>(table.probabilities.length).fill(0);
  return {
    run: () => {
      for (let i = 0; i < windows; i++) {
        const requests = samplePoisson(rng, requestsPerWindow);
        sampleBinomial(rng, requests, errorRate);
        const latencies = tailShare === null ? requests : sampleBinomial(rng, requests, tailShare);
        drawHistogramInto(rng, latencies, table, counts);
      }
    },
    batch,
  };
}
