import type { Condition, Operator } from '../gates/index.js';
import type { Plan } from '../scenario/plan.js';
import { candidateTraffic } from './candidateTraffic.js';
import { requestTable, tripAtLeastOnce } from './operatingCharacteristic.js';

/** The false-trip chance per phase a guard should stay under: the target of the computed fixes. */
export const NOISE_TARGET = 0.01;

/** A fix must leave the guard judging at least this share of its full windows, or it is blind, not fixed. */
export const MIN_JUDGED_SHARE = 0.9;

/**
 * The regression a plan is shown to catch: the error rate at twice a gate's or guard's limit (capped at 1),
 * as risk.json's `pPassAtTwiceThreshold` and `detectsTwiceThreshold` name it.
 */
export function twiceThreshold(threshold: number): number {
  return Math.min(1, 2 * threshold);
}

/**
 * The partial windows' trip chances are computed exactly while that costs at most this many binomial
 * terms (about (16/3)·√λ·k^1.5 for a window of k intervals: seconds at most); beyond, a cruder bound.
 */
const EXACT_PARTIAL_BUDGET = 1_000_000;

/** Guard windows a fix may propose, ms: nice lengths, kept when a whole number of intervals within the phase. */
export const FIX_WINDOWS_MS = [
  60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 21_600_000,
  43_200_000, 86_400_000,
];

/** A guard setting and what it does on the nominal candidate over one phase. */
export interface GuardSetting {
  windowMs: number;
  minRequests: number;
  /** The chance that noise alone trips the guard at least once in the phase: `lower` = `upper` when exact. */
  falseTrip: { lower: number; upper: number };
  /** The share of full windows with at least `minRequests` requests (and one), which the guard judges. */
  judgedShare: number;
  /** The chance that one full window trips it when the candidate's error rate is twice the threshold. */
  detectsTwiceThreshold: number;
}

/**
 * One error-rate guard in one phase, as the noise analysis models it: the candidate's expected requests
 * per monitoring interval (λ) and error rate (e), the guard's checks in the phase (one per interval) and
 * its condition. Settings (window, minRequests) are evaluated on it exactly (docs/risk.md).
 */
export interface PhaseGuard {
  lambda: number;
  errorRate: number;
  checks: number;
  op: Operator;
  threshold: number;
  intervalMs: number;
}

/** Trip and judged chances of a window of fixed length for any minRequests: tail sums of one request table. */
export interface WindowChances {
  /** P(N ≥ max(1, m) and the condition holds): one window trips the guard. */
  trip(minRequests: number): number;
  /** P(N ≥ max(1, m)): the guard judges the window. */
  judged(minRequests: number): number;
}

function windowChances(lambda: number, errorRate: number, op: Operator, threshold: number): WindowChances {
  const table = requestTable({ expectedRequests: lambda, errorRate, op, threshold });
  const size = table.hi - table.lo + 1;
  const trips = new Float64Array(size + 1);
  const judged = new Float64Array(size + 1);
  for (let i = size - 1; i >= 0; i--) {
    const n = table.lo + i;
    const mass = n >= 1 ? table.mass[i]! : 0;
    trips[i] = trips[i + 1]! + mass * table.holds[i]!;
    judged[i] = judged[i + 1]! + mass;
  }
  const at = (sums: Float64Array, minRequests: number) => {
    const index = Math.max(1, minRequests) - table.lo;
    return index >= size ? 0 : Math.min(1, sums[Math.max(0, index)]!);
  };
  return { trip: (minRequests) => at(trips, minRequests), judged: (minRequests) => at(judged, minRequests) };
}

/** P(N ≥ c) for N ~ Poisson(μ). */
function poissonAtLeast(mu: number, c: number): number {
  if (c <= 0) return 1;
  return windowChances(mu, 0, 'min', 0).judged(c);
}

/** Window chances by length in intervals, built once per guard analysis. */
export function chancesByLength(model: PhaseGuard): (intervals: number) => WindowChances {
  const cache = new Map<number, WindowChances>();
  return (intervals) => {
    let chances = cache.get(intervals);
    if (chances === undefined) {
      chances = windowChances(model.lambda * intervals, model.errorRate, model.op, model.threshold);
      cache.set(intervals, chances);
    }
    return chances;
  };
}

/**
 * An upper bound on the chance that noise trips the guard at least once in the phase, for a window of
 * `intervals` intervals and `minRequests`. The first k − 1 checks see partial windows; overlapping windows
 * are dependent, so this is Boole's inequality: the partial windows' exact trip chances (within
 * {@link EXACT_PARTIAL_BUDGET}), else (k − 1) times the largest partial window's chance to be
 * judged at all or to hold enough errors (both grow with the window: N ≥ max(1, m), and errors
 * E ~ Poisson(λe) reaching ⌈t·max(1, m)⌉, at least 1 for `above`), plus every full window's trip chance.
 */
function falseTripUpper(
  model: PhaseGuard,
  chances: (intervals: number) => WindowChances,
  intervals: number,
  minRequests: number,
): number {
  const fullChecks = Math.max(0, model.checks - intervals + 1);
  let partial = 0;
  const partials = Math.min(intervals - 1, model.checks);
  if ((16 / 3) * Math.sqrt(model.lambda) * intervals ** 1.5 <= EXACT_PARTIAL_BUDGET) {
    for (let j = 1; j <= partials; j++) partial += chances(j).trip(minRequests);
  } else if (partials > 0) {
    const lambda = model.lambda * partials;
    const fewestErrors = Math.max(
      model.op === 'above' ? 1 : 0,
      Math.ceil(model.threshold * Math.max(1, minRequests)),
    );
    const judged = poissonAtLeast(lambda, Math.max(1, minRequests));
    partial = partials * Math.min(judged, poissonAtLeast(lambda * model.errorRate, fewestErrors));
  }
  return Math.min(1, partial + fullChecks * chances(intervals).trip(minRequests));
}

/** The guard with a window of `intervals` and `minRequests`, and what it does over the phase. */
export function setting(
  model: PhaseGuard,
  chances: (intervals: number) => WindowChances,
  intervals: number,
  minRequests: number,
): GuardSetting {
  const full = chances(intervals);
  const detectsTwiceThreshold = windowChances(
    model.lambda * intervals,
    twiceThreshold(model.threshold),
    model.op,
    model.threshold,
  ).trip(minRequests);
  const upper = falseTripUpper(model, chances, intervals, minRequests);
  // Disjoint full windows are independent: they bound the chance from below (exact for one interval).
  const lower =
    intervals === 1 ? upper : tripAtLeastOnce(full.trip(minRequests), Math.floor(model.checks / intervals));
  const exact = intervals === 1 ? tripAtLeastOnce(full.trip(minRequests), model.checks) : null;
  return {
    windowMs: intervals * model.intervalMs,
    minRequests,
    falseTrip: exact === null ? { lower, upper } : { lower: exact, upper: exact },
    judgedShare: full.judged(minRequests),
    detectsTwiceThreshold,
  };
}

/** The smallest minRequests that meets the target (the bound falls as minRequests grows), or null. */
export function smallestMinRequests(
  model: PhaseGuard,
  chances: (intervals: number) => WindowChances,
  intervals: number,
): GuardSetting | null {
  const lambda = model.lambda * intervals;
  const meets = (minRequests: number) =>
    intervals === 1
      ? tripAtLeastOnce(chances(1).trip(minRequests), model.checks) <= NOISE_TARGET
      : falseTripUpper(model, chances, intervals, minRequests) <= NOISE_TARGET;
  let hi = Math.ceil(lambda + 12 * Math.sqrt(lambda) + 12);
  if (!meets(hi)) return null;
  let lo = 0;
  while (lo < hi) {
    const middle = Math.floor((lo + hi) / 2);
    if (meets(middle)) hi = middle;
    else lo = middle + 1;
  }
  return setting(model, chances, intervals, lo);
}

/** The model of `guard` in phase `phaseIndex` of the plan, for the nominal candidate. */
export function phaseGuard(plan: Plan, phaseIndex: number, guard: Condition): PhaseGuard {
  const traffic = candidateTraffic(plan, phaseIndex);
  return {
    lambda: traffic.requestsPerInterval,
    errorRate: traffic.errorRate,
    checks: traffic.intervals,
    op: guard.op,
    threshold: guard.threshold,
    intervalMs: plan.intervalMs,
  };
}
