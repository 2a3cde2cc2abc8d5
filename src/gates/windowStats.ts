/** Requests and errors of one traffic segment in a window. */
export interface SegmentCounts {
  requests: number;
  errors: number;
}

/**
 * Raw sums over a window of observations. Every field but the three provided estimates is a sum, so a
 * cumulative or trailing window is the exact {@link addInto} of its monitoring intervals.
 */
export interface WindowStats {
  requests: number;
  errors: number;
  /**
   * Served responses an integrity check verified, and those it found silently wrong (data inconsistency,
   * invisible to errors and latency). Both 0 where nothing is checked: `integrityErrorRate` has no value.
   */
  integrityChecks: number;
  integrityFailures: number;
  /**
   * Finite upper bounds of the latency buckets, ms, strictly increasing. Shared by reference between all
   * windows of a rehearsal; the +Inf bound is implied (JSON cannot write Infinity).
   */
  latencyBoundsMs: readonly number[];
  /** Requests per latency bucket (not cumulative); length `latencyBoundsMs.length + 1`, the last is +Inf. */
  latencyCounts: number[];
  /** Time the service was up, ms, out of `observedMs`. */
  upMs: number;
  observedMs: number;
  /** Outages that began in the window. */
  incidents: number;
  /**
   * Revenue and learner-hours of each cohort: sums the engine turns into `revenueImpact` for exactly this
   * window (the formula, scaled by traffic share, belongs to the model: docs/model.md).
   */
  candidateRevenueUsd: number;
  baselineRevenueUsd: number;
  candidateLearnerHours: number;
  baselineLearnerHours: number;
  /**
   * Values supplied by the engine or a replayed row (fractions), null when none. They are not sums:
   * {@link addInto} keeps the later non-null one, so set them on the window they describe (after
   * accumulating it).
   */
  revenueImpact: number | null;
  churnRate: number | null;
  completionRate: number | null;
  /** Per traffic segment, in the scenario's segment order. */
  segments: SegmentCounts[];
}

/**
 * A window with nothing observed: the identity of {@link addInto}.
 *
 * @param latencyBoundsMs finite bucket upper bounds, ms (kept by reference); there are `length + 1` buckets
 * @param segmentCount number of traffic segments
 * @example emptyWindowStats(defaultLatencyBucketsMs(), 3)
 */
export function emptyWindowStats(latencyBoundsMs: readonly number[], segmentCount: number): WindowStats {
  return {
    requests: 0,
    errors: 0,
    integrityChecks: 0,
    integrityFailures: 0,
    latencyBoundsMs,
    latencyCounts: Array.from({ length: latencyBoundsMs.length + 1 }, () => 0),
    upMs: 0,
    observedMs: 0,
    incidents: 0,
    candidateRevenueUsd: 0,
    baselineRevenueUsd: 0,
    candidateLearnerHours: 0,
    baselineLearnerHours: 0,
    revenueImpact: null,
    churnRate: null,
    completionRate: null,
    segments: Array.from({ length: segmentCount }, () => ({ requests: 0, errors: 0 })),
  };
}

/**
 * Sets every sum of `stats` back to zero and every estimate to null, in place, so the engine can reuse one
 * interval's buffers instead of allocating a fresh window every 30 s. Returns `stats`.
 *
 * @param histogram false leaves `latencyCounts` alone, for a caller that knows they are all zero already
 *   (it saves the engine a pass over the buckets for every interval in which no latency was drawn)
 */
export function resetWindowStats(stats: WindowStats, histogram = true): WindowStats {
  stats.requests = 0;
  stats.errors = 0;
  stats.integrityChecks = 0;
  stats.integrityFailures = 0;
  if (histogram) stats.latencyCounts.fill(0);
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
  const segments = stats.segments;
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s]!;
    segment.requests = 0;
    segment.errors = 0;
  }
  return stats;
}

function sameBounds(a: readonly number[], b: readonly number[]): boolean {
  return a === b || (a.length === b.length && a.every((bound, i) => bound === b[i]));
}

/**
 * Adds `source` into `target` in place (no allocation) and returns `target`. Associative, with
 * {@link emptyWindowStats} as identity. Throws on windows of different shapes: that is a bug.
 *
 * @param histogram false skips the latency counts, for a source whose histogram is known to be all zero
 *   (the engine's windows of intervals in which no latency was drawn)
 * @example const phaseSoFar = addInto(phaseSoFar, intervalStats);
 */
export function addInto(target: WindowStats, source: WindowStats, histogram = true): WindowStats {
  if (!sameBounds(target.latencyBoundsMs, source.latencyBoundsMs)) {
    throw new Error('addInto: windows have different latency buckets');
  }
  if (target.segments.length !== source.segments.length) {
    throw new Error('addInto: windows have different segment counts');
  }
  target.requests += source.requests;
  target.errors += source.errors;
  target.integrityChecks += source.integrityChecks;
  target.integrityFailures += source.integrityFailures;
  if (histogram) {
    for (let i = 0; i < source.latencyCounts.length; i++) {
      target.latencyCounts[i] = (target.latencyCounts[i] ?? 0) + (source.latencyCounts[i] ?? 0);
    }
  }
  target.upMs += source.upMs;
  target.observedMs += source.observedMs;
  target.incidents += source.incidents;
  target.candidateRevenueUsd += source.candidateRevenueUsd;
  target.baselineRevenueUsd += source.baselineRevenueUsd;
  target.candidateLearnerHours += source.candidateLearnerHours;
  target.baselineLearnerHours += source.baselineLearnerHours;
  target.revenueImpact = source.revenueImpact ?? target.revenueImpact;
  target.churnRate = source.churnRate ?? target.churnRate;
  target.completionRate = source.completionRate ?? target.completionRate;
  for (let i = 0; i < source.segments.length; i++) {
    const into = target.segments[i]!;
    const from = source.segments[i]!;
    into.requests += from.requests;
    into.errors += from.errors;
  }
  return target;
}
