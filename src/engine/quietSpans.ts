import {
  type Condition,
  conditionHolds,
  firstBucketAbove,
  LATENCY_QUANTILE,
  requiredStreak,
} from '../gates/index.js';
import type { BucketTables } from '../model/index.js';
import type { EngineSetup, PhaseSetup } from './engineSetup.js';
import { type TripPhase, tripPhase } from './tripSpans.js';
import { windowTailBound } from './windowTailBound.js';

/**
 * The most a rehearsal's outcome may differ, in total variation, from simulating every interval: the sum of
 * the bounds of all skipped spans. 1e-7 shifts no probability a study reports by more than 1e-7, against a
 * Monte Carlo standard error of √(p(1 − p)/n) ≥ 1e-5 for any p a million runs can resolve (p ≥ 1e-4).
 */
export const QUIET_SPAN_TOLERANCE = 1e-7;

/** One guard in one phase, for the skip: its check bound and what follows from it. */
export interface QuietGuard {
  /** Upper bound on P(the condition holds at one check) of any nominal full window of the phase. */
  checkBound: number;
  /** Upper bound on P(a run of `consecutive` holding checks) at one position: checkBound^⌈consecutive / window⌉. */
  tripBound: number;
  /** What must be absent from the trailing window when a span starts (its checks then see only the span's draws). */
  hits: QuietHits;
}

/** A phase whose quiet spans may be skipped. */
export interface QuietPhase {
  guards: readonly QuietGuard[];
  /**
   * Intervals simulated one by one at the end of a span that an outage follows: the straddling checks
   * (window − 1) and the run that must not carry into the outage (see docs/model.md, "Quiet spans").
   */
  tailIntervals: number;
  /** Upper bound on the total-variation error per skipped check (≤ tolerance / checks of the plan). */
  perCheckBound: number;
}

/** Per phase (by index) its skip analysis, null where no span may be skipped; and the plan's checks in all. */
export interface QuietPlan {
  phases: readonly (QuietPhase | null)[];
  /**
   * Per phase (by index) its trip-span analysis, null where it does not qualify; a phase with one skips no
   * quiet span. Each check of the plan has the same share of the tolerance, whichever of the two skips it.
   */
  trips: readonly (TripPhase | null)[];
  checks: number;
}

const HOUR_MS = 3_600_000;

/**
 * A phase's intervals with every checkpoint cutting the grid (as `nextIntervalEndMs` walks it: whole
 * intervals from each checkpoint, the last one before the next cut short), and the shortest of them, ms.
 */
function phaseGrid(phase: PhaseSetup, intervalMs: number) {
  const cutsMs = [...new Set([...phase.checkpoints.map((c) => c.offsetMs), phase.durationMs])]
    .filter((offsetMs) => offsetMs > 0 && offsetMs <= phase.durationMs)
    .sort((a, b) => a - b);
  let intervals = 0;
  let shortestMs = intervalMs;
  let fromMs = 0;
  for (const cutMs of cutsMs) {
    const count = Math.ceil((cutMs - fromMs) / intervalMs);
    intervals += count;
    shortestMs = Math.min(shortestMs, cutMs - fromMs - (count - 1) * intervalMs);
    fromMs = cutMs;
  }
  return { intervals, shortestMs };
}

/** The candidate's request-weighted error probability and share of requests in buckets from `firstBucket` on. */
function candidateShares(setup: EngineSetup, phase: PhaseSetup, tables: BucketTables) {
  let weight = 0;
  let errors = 0;
  const tailFrom = (firstBucket: number) => {
    let tail = 0;
    phase.candidateBySegment.forEach((learners, s) => {
      const w = learners * setup.requestsPerLearnerHour[s]!;
      const probabilities = tables.of(setup.candidate.latency[s]!, setup.latencyBoundsMs).probabilities;
      let mass = 0;
      for (let k = firstBucket; k < probabilities.length; k++) mass += probabilities[k]!;
      tail += w * mass;
    });
    return weight > 0 ? Math.min(1, tail / weight) : 0;
  };
  phase.candidateBySegment.forEach((learners, s) => {
    const w = learners * setup.requestsPerLearnerHour[s]!;
    weight += w;
    errors += w * setup.candidate.errorRate[s]!;
  });
  return { requestsPerHour: weight, errorRate: weight > 0 ? errors / weight : 0, tailFrom };
}

/** Bounds over [low, high] taken piecewise on a geometric grid (ratio ≤ 1.05), so each piece's bound is tight. */
function rangeBound(low: number, high: number, p: number, share: number): number {
  if (!(high > low * 1.05)) return windowTailBound(low, high, p, share);
  const pieces = Math.min(400, Math.ceil(Math.log(high / low) / Math.log(1.05)));
  const ratio = (high / low) ** (1 / pieces);
  let bound = 0;
  let from = low;
  for (let i = 0; i < pieces && bound < 1; i++) {
    const to = i === pieces - 1 ? high : from * ratio;
    bound = Math.max(bound, windowTailBound(from, to, p, share));
    from = to;
  }
  return bound;
}

/** What a guard counts as a hit, for the quiet check at a span's start: errors, or requests from a latency bucket on. */
export type QuietHits = { kind: 'none' } | { kind: 'errors' } | { kind: 'slow'; firstBucket: number };

/**
 * P(guard's condition holds at one check) bounded over nominal windows with λ in [lambdaLow, lambdaHigh]
 * expected requests (the candidate up throughout, no fault acting: requests Poisson, errors binomial at the
 * cohort's error rate, latencies from its nominal mixture); 1 where no bound is known.
 */
function checkBound(
  guard: Condition,
  lambdaLow: number,
  lambdaHigh: number,
  shares: ReturnType<typeof candidateShares>,
  boundsMs: readonly number[],
): { bound: number; hits: QuietHits } {
  const { metric, op, threshold } = guard;
  const none: QuietHits = { kind: 'none' };
  if (metric === 'availability') return { bound: conditionHolds(op, 1, threshold) ? 1 : 0, hits: none };
  if (metric === 'incidents') return { bound: conditionHolds(op, 0, threshold) ? 1 : 0, hits: none };
  if (op !== 'above' && op !== 'min') return { bound: 1, hits: none };
  if (metric === 'errorRate') {
    const bound = rangeBound(lambdaLow, lambdaHigh, shares.errorRate, threshold);
    return { bound, hits: { kind: 'errors' } };
  }
  const q = LATENCY_QUANTILE[metric];
  if (q === undefined) return { bound: 1, hits: none };
  // The quantile lies in the first bucket whose cumulative count reaches q·N: above (or at) the threshold
  // only if that bucket's upper bound is, so only if the requests in buckets from there on exceed (1 − q)·N.
  const first = firstBucketAbove(boundsMs, threshold, op !== 'above');
  const bound = rangeBound(lambdaLow, lambdaHigh, shares.tailFrom(first), 1 - q);
  return { bound, hits: { kind: 'slow', firstBucket: first } };
}

/**
 * Which spans of each phase a rehearsal may draw as one aggregate instead of interval by interval, and the
 * bounds that allow it (docs/model.md, "Quiet spans"). Per guard, b bounds the chance its condition holds
 * at one check of a nominal window of 1 to w intervals; windows w intervals apart are independent, so a
 * trip (c checks in a row) at one position has probability ≤ b^⌈c/w⌉. A skipped span of m checks, with
 * w − 1 straddling checks after it and trips reaching c − 1 checks past it, costs at most
 * Σ_g (m + w + c_g − 2)·b_g^⌈c_g/w⌉, plus, before an outage, the chance that a holding run carries from the
 * span into it. A phase qualifies when that, per skipped check, stays within {@link QUIET_SPAN_TOLERANCE} /
 * (the plan's checks): the bounds of all spans of a rehearsal then add up to at most the tolerance.
 * Computed once per plan (with its workspace), never per run.
 */
export function quietSpans(setup: EngineSetup, tables: BucketTables): QuietPlan {
  const w = setup.guardWindowIntervals;
  const grids = setup.phases.map((phase) => phaseGrid(phase, setup.intervalMs));
  const checks = grids.reduce((sum, grid) => sum + grid.intervals, 0);
  const budget = QUIET_SPAN_TOLERANCE / Math.max(1, checks);
  const diurnal = setup.diurnal === null ? [1] : Array.from(setup.diurnal);
  const lowFactor = Math.min(...diurnal);
  const highFactor = Math.max(...diurnal);
  const guardCount = Math.max(1, setup.guards.length);
  const trips = setup.phases.map((phase) => tripPhase(setup, phase, tables, budget));
  const phases = setup.phases.map((phase, p): QuietPhase | null => {
    if (trips[p] !== null) return null;
    if (setup.controller !== null || setup.guardNeeds.segments || setup.guardNeeds.spanDraws) return null;
    const shares = candidateShares(setup, phase, tables);
    // A check's window: 1 interval (the part after a span's start) up to w full ones.
    const lambdaLow = (shares.requestsPerHour * lowFactor * grids[p]!.shortestMs) / HOUR_MS;
    const lambdaHigh = (shares.requestsPerHour * highFactor * w * setup.intervalMs) / HOUR_MS;
    let perCheck = 0;
    let tailRun = 1;
    const guards = setup.guards.map((guard): QuietGuard => {
      const { bound: b, hits } = checkBound(guard, lambdaLow, lambdaHigh, shares, setup.latencyBoundsMs);
      const c = requiredStreak(guard);
      const tripBound = b ** Math.ceil(c / w);
      // The holding checks a run must reach from a skipped span's last check to the next outage, and the
      // bound on such a run (0 when it would already trip).
      let runToOutage = 1;
      while (runToOutage < c && b ** Math.ceil(runToOutage / w) > budget / (2 * guardCount)) runToOutage++;
      const outageBound = runToOutage >= c ? 0 : b ** Math.ceil(runToOutage / w);
      perCheck += (w + c - 1) * tripBound + outageBound;
      tailRun = Math.max(tailRun, runToOutage);
      return { checkBound: b, tripBound, hits };
    });
    if (!(perCheck <= budget)) return null;
    return { guards, tailIntervals: tailRun + w - 2, perCheckBound: perCheck };
  });
  return { phases, trips, checks };
}
