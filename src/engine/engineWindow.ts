import { addInto, emptyWindowStats, resetWindowStats, type WindowStats } from '../gates/index.js';

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
  /** Whether any latency count was added since the last reset: lets adds skip an all-zero histogram. */
  binned: boolean;
}

/** An empty window over the given latency bounds (ms, kept by reference) and segment count. */
export function emptyEngineWindow(boundsMs: readonly number[], segmentCount: number): EngineWindow {
  return { stats: emptyWindowStats(boundsMs, segmentCount), churnEvents: 0, completions: 0, binned: false };
}

/** Zeroes every sum in place (the histogram only when something was binned into it). */
export function resetEngineWindow(window: EngineWindow): void {
  resetWindowStats(window.stats, window.binned);
  window.churnEvents = 0;
  window.completions = 0;
  window.binned = false;
}

/** Adds `source` into `target` in place (no allocation; an unbinned source's histogram is skipped). */
export function addEngineWindow(target: EngineWindow, source: EngineWindow): void {
  addInto(target.stats, source.stats, source.binned);
  if (source.binned) target.binned = true;
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
  if (source.binned) {
    const intoCounts = into.latencyCounts;
    const fromCounts = from.latencyCounts;
    for (let k = 0; k < fromCounts.length; k++) {
      const count = fromCounts[k]!;
      if (count !== 0) intoCounts[k] = intoCounts[k]! - count;
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
