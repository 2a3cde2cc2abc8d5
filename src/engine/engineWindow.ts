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

/** Zeroes every sum in place. */
export function resetEngineWindow(window: EngineWindow): void {
  if (window.binned) resetWindowStats(window.stats);
  else resetExceptLatency(window.stats);
  window.churnEvents = 0;
  window.completions = 0;
  window.binned = false;
}

/** Adds `source` into `target` in place (no allocation). */
export function addEngineWindow(target: EngineWindow, source: EngineWindow): void {
  if (source.binned) {
    addInto(target.stats, source.stats);
    target.binned = true;
  } else {
    addIntoWithoutLatency(target.stats, source.stats);
  }
  target.churnEvents += source.churnEvents;
  target.completions += source.completions;
}

/** {@link resetWindowStats} for a window whose histogram is already all zero. */
function resetExceptLatency(stats: WindowStats): void {
  stats.requests = 0;
  stats.errors = 0;
  stats.integrityChecks = 0;
  stats.integrityFailures = 0;
  stats.upMs = 0;
  stats.observedMs = 0;
  stats.incidents = 0;
  stats.candidateRevenueUsd = 0;
  stats.baselineRevenueUsd = 0;
  stats.candidateLearnerHours = 0;
  stats.baselineLearnerHours = 0;
  stats.revenueImpact = null;
  stats.churnRate = null;
  stats.completionRate = null;
  for (const segment of stats.segments) {
    segment.requests = 0;
    segment.errors = 0;
  }
}

/** {@link addInto} for a source whose histogram is all zero (its latency loop is skipped). */
function addIntoWithoutLatency(into: WindowStats, from: WindowStats): void {
  into.requests += from.requests;
  into.errors += from.errors;
  into.integrityChecks += from.integrityChecks;
  into.integrityFailures += from.integrityFailures;
  into.upMs += from.upMs;
  into.observedMs += from.observedMs;
  into.incidents += from.incidents;
  into.candidateRevenueUsd += from.candidateRevenueUsd;
  into.baselineRevenueUsd += from.baselineRevenueUsd;
  into.candidateLearnerHours += from.candidateLearnerHours;
  into.baselineLearnerHours += from.baselineLearnerHours;
  into.revenueImpact = from.revenueImpact ?? into.revenueImpact;
  into.churnRate = from.churnRate ?? into.churnRate;
  into.completionRate = from.completionRate ?? into.completionRate;
  for (let s = 0; s < from.segments.length; s++) {
    const segmentInto = into.segments[s]!;
    const segmentFrom = from.segments[s]!;
    segmentInto.requests += segmentFrom.requests;
    segmentInto.errors += segmentFrom.errors;
  }
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
