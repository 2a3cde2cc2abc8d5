import {
  addInto,
  type BucketRange,
  emptyWindowStats,
  resetWindowStats,
  type WindowStats,
} from '../gates/index.js';

/**
 * A window's raw sums as the gates see them, plus the event counts the engine turns into the
 * `churnRate` and `completionRate` estimates (WindowStats carries only the estimates).
 */
export interface EngineWindow {
  stats: WindowStats;
  /** Candidate learners who churned in the window. */
  churnEvents: number;
  /** Candidate learners' completions in the window. */
  completions: number;
  /**
   * Latency buckets that may hold a count (every non-zero one lies in it; empty when `high < low`): adds,
   * subtractions, resets and the latency guards read only these, not all ~242 buckets, so a window of a few
   * requests costs a few bucket reads.
   */
  latencyBuckets: BucketRange;
}

/** An empty window over the given latency bounds (ms, kept by reference) and segment count. */
export function emptyEngineWindow(boundsMs: readonly number[], segmentCount: number): EngineWindow {
  const stats = emptyWindowStats(boundsMs, segmentCount);
  const latencyBuckets = { low: stats.latencyCounts.length, high: -1 };
  return { stats, churnEvents: 0, completions: 0, latencyBuckets };
}

/** Zeroes every sum in place (of the histogram, only the buckets that may hold a count). */
export function resetEngineWindow(window: EngineWindow): void {
  const stats = window.stats;
  resetWindowStats(stats, false);
  const buckets = window.latencyBuckets;
  if (buckets.high >= buckets.low) {
    // A loop, not `fill`: the range is a bucket or two, where the builtin's call costs more than the stores.
    const counts = stats.latencyCounts;
    for (let k = buckets.low; k <= buckets.high; k++) counts[k] = 0;
    buckets.low = counts.length;
    buckets.high = -1;
  }
  window.churnEvents = 0;
  window.completions = 0;
}

/** Adds `source` into `target` in place (no allocation; of the histogram, only the source's touched buckets). */
export function addEngineWindow(target: EngineWindow, source: EngineWindow): void {
  addInto(target.stats, source.stats, false);
  const from = source.latencyBuckets;
  if (from.high >= from.low) {
    const intoCounts = target.stats.latencyCounts;
    const fromCounts = source.stats.latencyCounts;
    for (let k = from.low; k <= from.high; k++) intoCounts[k] = intoCounts[k]! + fromCounts[k]!;
    const into = target.latencyBuckets;
    if (from.low < into.low) into.low = from.low;
    if (from.high > into.high) into.high = from.high;
  }
  target.churnEvents += source.churnEvents;
  target.completions += source.completions;
}

/**
 * Removes `source` (a window previously added) from `target` in place: the trailing guard window drops
 * its oldest interval. Counts are integers, so they come back exact; money and time sums may differ
 * from a fresh sum in the last bits, which no gate can see.
 */
export function subtractEngineWindow(target: EngineWindow, source: EngineWindow): void {
  const into = target.stats;
  const from = source.stats;
  into.requests -= from.requests;
  into.errors -= from.errors;
  into.integrityChecks -= from.integrityChecks;
  into.integrityFailures -= from.integrityFailures;
  const removed = source.latencyBuckets;
  if (removed.high >= removed.low) {
    const intoCounts = into.latencyCounts;
    const fromCounts = from.latencyCounts;
    for (let k = removed.low; k <= removed.high; k++) intoCounts[k] = intoCounts[k]! - fromCounts[k]!;
    // Narrow the target's range past buckets that are empty now, so it stays as tight as the window.
    const kept = target.latencyBuckets;
    while (kept.high >= kept.low && intoCounts[kept.low] === 0) kept.low++;
    while (kept.high >= kept.low && intoCounts[kept.high] === 0) kept.high--;
    if (kept.high < kept.low) {
      kept.low = intoCounts.length;
      kept.high = -1;
    }
  }
  into.upMs -= from.upMs;
  into.observedMs -= from.observedMs;
  into.incidents -= from.incidents;
  into.candidateRevenueUsd -= from.candidateRevenueUsd;
  into.baselineRevenueUsd -= from.baselineRevenueUsd;
  into.candidateLearnerHours -= from.candidateLearnerHours;
  into.baselineLearnerHours -= from.baselineLearnerHours;
  for (let s = 0; s < from.segments.length; s++) {
    const segmentInto = into.segments[s]!;
    const segmentFrom = from.segments[s]!;
    segmentInto.requests -= segmentFrom.requests;
    segmentInto.errors -= segmentFrom.errors;
  }
  target.churnEvents -= source.churnEvents;
  target.completions -= source.completions;
}
