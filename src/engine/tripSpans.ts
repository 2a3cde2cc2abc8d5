import { firstBucketAbove, LATENCY_QUANTILE, requiredStreak } from '../gates/index.js';
import type { BucketTable, BucketTables } from '../model/index.js';
import type { EngineSetup, PhaseSetup } from './engineSetup.js';
import { type TailSplit, tailSplit } from './guardLatencyTail.js';
import { poissonUpperTail } from './windowTailBound.js';

const HOUR_MS = 3_600_000;

/**
 * A phase whose guards trip exactly when a window holds a hit (an error, or a request in a latency bucket
 * from `firstBucket` on), as long as the window holds fewer than `minTripless` requests. Its stretches of
 * intervals with the candidate up are drawn as the first interval with a hit (geometric) and aggregates
 * conditioned on none before it (docs/model.md, "Trip spans"). Per segment: its request rate split into
 * hits and the rest, and the latency tables a hit or a non-hit draws from.
 */
export interface TripPhase {
  /** The first latency bucket of a slow request (the buckets' count when no latency guard watches). */
  firstBucket: number;
  /** Fewest requests in a window at which a hit may fail to trip (or a guard trip without one). */
  minTripless: number;
  /** Upper bound on P(a window of the phase holds at least `minTripless` requests): the error per check. */
  perCheckBound: number;
  /** Σ_s w_s·h_s and Σ_s w_s·(1 − h_s): hits and non-hits per hour (× the diurnal factor). */
  hitsPerHour: number;
  restPerHour: number;
  /** Per segment: its share of the hits, of the non-hits, and P(error | hit) = e_s / h_s. */
  hitShare: Float64Array;
  restShare: Float64Array;
  errorGivenHit: Float64Array;
  /** Per segment: the latency of a non-hit (the body, buckets below `firstBucket`), of a slow non-error, of an error. */
  bodyTable: readonly BucketTable[];
  tailTable: readonly BucketTable[];
  fullTable: readonly BucketTable[];
}

/**
 * Fewest requests N ≥ 1 at which one error need not trip `errorRate above t` (1/N > t no longer holds, as
 * computeMetric's errors / requests compares).
 */
export function errorTriplessAt(threshold: number, cap = 1_000_000): number {
  let n = 1;
  while (n < cap && 1 / n > threshold) n++;
  return n;
}

/**
 * Fewest requests N ≥ 1 at which a window whose top request lies in bucket [lowerMs, upperMs] (the first
 * whose upper bound exceeds the threshold) need not give a q-quantile above `thresholdMs`. histogramQuantile
 * walks below a bucket while the count under it reaches the rank q·N (under the top request there are at
 * most N − 1), then interpolates lower + (upper − lower)·(rank − below) / inBucket, least with one request
 * there; any bucket above starts at or above the threshold.
 */
export function quantileTriplessAt(
  q: number,
  lowerMs: number,
  upperMs: number,
  thresholdMs: number,
  cap = 1_000_000,
): number {
  let n = 1;
  while (n < cap) {
    const rank = q * n;
    const below = n - 1;
    if (!(below < rank) || !(lowerMs + (upperMs - lowerMs) * (rank - below) > thresholdMs)) break;
    n++;
  }
  return n;
}

/**
 * The trip-span analysis of one phase, null unless it qualifies: aggregate fidelity, no controller, guards
 * on a one-interval window that read counts and latency alone, each tripping on a single check with no
 * minimum sample; one `errorRate above t` (t ≥ 0) and at most one latency quantile `above` a finite bound;
 * and P(a window holds `minTripless` requests or more) within `budget` per check.
 */
export function tripPhase(
  setup: EngineSetup,
  phase: PhaseSetup,
  tables: BucketTables,
  budget: number,
): TripPhase | null {
  if (setup.controller !== null || setup.guardNeeds.segments || setup.guardNeeds.spanDraws) return null;
  if (setup.guardWindowIntervals !== 1 || setup.guards.length === 0) return null;
  const boundsMs = setup.latencyBoundsMs;
  let errorGuards = 0;
  let latencyGuards = 0;
  let firstBucket = boundsMs.length + 1;
  let minTripless = Number.POSITIVE_INFINITY;
  for (const guard of setup.guards) {
    if (requiredStreak(guard) !== 1 || (guard.minRequests ?? 0) > 1 || guard.op !== 'above') return null;
    if (guard.metric === 'errorRate') {
      if (!(guard.threshold >= 0)) return null;
      errorGuards++;
      minTripless = Math.min(minTripless, errorTriplessAt(guard.threshold));
      continue;
    }
    const q = LATENCY_QUANTILE[guard.metric];
    if (q === undefined) return null;
    // A hit lies in the first bucket whose upper bound exceeds the threshold, or above it.
    const first = firstBucketAbove(boundsMs, guard.threshold);
    if (first >= boundsMs.length || !(guard.threshold >= 0)) return null;
    latencyGuards++;
    firstBucket = first;
    const lowerMs = first === 0 ? 0 : boundsMs[first - 1]!;
    const n = quantileTriplessAt(q, lowerMs, boundsMs[first]!, guard.threshold);
    minTripless = Math.min(minTripless, n);
  }
  if (errorGuards !== 1 || latencyGuards > 1) return null;

  const count = setup.segmentIds.length;
  const hitShare = new Float64Array(count);
  const restShare = new Float64Array(count);
  const errorGivenHit = new Float64Array(count);
  const bodyTable: BucketTable[] = [];
  const tailTable: BucketTable[] = [];
  const fullTable: BucketTable[] = [];
  const derived = new Map<BucketTable, TailSplit>();
  let hitsPerHour = 0;
  let restPerHour = 0;
  let totalPerHour = 0;
  for (let s = 0; s < count; s++) {
    const full = tables.of(setup.candidate.latency[s]!, boundsMs);
    let parts = derived.get(full);
    if (parts === undefined) {
      const split = tailSplit(full, firstBucket);
      if (split === null) return null;
      parts = split;
      derived.set(full, parts);
    }
    const weight = phase.candidateBySegment[s]! * setup.requestsPerLearnerHour[s]!;
    const error = setup.candidate.errorRate[s]!;
    const hit = error + parts.slow - error * parts.slow;
    fullTable.push(full);
    bodyTable.push(parts.body);
    tailTable.push(parts.tail ?? parts.body);
    hitShare[s] = weight * hit;
    restShare[s] = weight * (1 - hit);
    errorGivenHit[s] = hit > 0 ? error / hit : 0;
    hitsPerHour += weight * hit;
    restPerHour += weight * (1 - hit);
    totalPerHour += weight;
  }
  for (let s = 0; s < count; s++) {
    hitShare[s] = hitsPerHour > 0 ? hitShare[s]! / hitsPerHour : 0;
    restShare[s] = restPerHour > 0 ? restShare[s]! / restPerHour : 0;
  }
  const highFactor = setup.diurnal === null ? 1 : Math.max(...setup.diurnal);
  const lambdaHigh = (totalPerHour * highFactor * setup.intervalMs) / HOUR_MS;
  const perCheckBound = poissonUpperTail(minTripless, lambdaHigh);
  if (!(perCheckBound <= budget)) return null;
  return {
    firstBucket,
    minTripless,
    perCheckBound,
    hitsPerHour,
    restPerHour,
    hitShare,
    restShare,
    errorGivenHit,
    bodyTable,
    tailTable,
    fullTable,
  };
}
