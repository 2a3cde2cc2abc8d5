import type { Condition, Operator } from '../gates/index.js';
import type { Plan } from '../scenario/plan.js';
import { candidateTraffic } from './candidateTraffic.js';
import { gateOperatingCharacteristic, tripAtLeastOnce, tripUnionBound } from './operatingCharacteristic.js';

/** The false-trip chance per phase a guard should stay under: the target of the computed fixes. */
export const NOISE_TARGET = 0.01;

/** A fix must leave the guard judging at least this share of its full windows, or it is blind, not fixed. */
export const MIN_JUDGED_SHARE = 0.9;

/** Guard windows a fix may propose, ms: nice lengths, kept when a whole number of intervals within the phase. */
const FIX_WINDOWS_MS = [
  60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 21_600_000,
  43_200_000, 86_400_000,
];

/** Up to this many intervals, the trip chances of the first (partial) windows are computed exactly. */
const EXACT_PARTIAL_WINDOWS = 20;

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

/** What noise alone does to one errorRate guard in one phase, computed exactly from the model. */
export interface GuardNoise {
  phase: string;
  phaseIndex: number;
  guardIndex: number;
  op: Operator;
  threshold: number;
  /** λ: expected candidate requests in one full guard window. */
  expectedRequestsPerWindow: number;
  /** The candidate's nominal error rate (request-weighted over segments). */
  errorRate: number;
  /** Guard checks in the phase (one per monitoring interval). */
  checks: number;
  /** The chance that one full window trips the guard on noise alone. */
  tripPerWindow: number;
  /** The guard as the plan sets it. */
  current: GuardSetting;
  /** Chance that a candidate outage (its own nominal availability) overlaps the phase; it trips the guard too. */
  outageChance: number;
  /** Whether noise alone trips it in at least {@link NOISE_TARGET} of the phases (by the lower bound). */
  firesOnNoise: boolean;
  /** The smallest `minRequests` that meets the target with the plan's window; null if none does. */
  minRequestsFix: GuardSetting | null;
  /** The shortest window (with the smallest `minRequests` it needs) that meets the target and judges most windows. */
  windowFix: GuardSetting | null;
}

interface Model {
  lambda: number;
  errorRate: number;
  checks: number;
  op: Operator;
  threshold: number;
}

function windowTrip(
  model: Model,
  intervals: number,
  minRequests: number,
  errorRate = model.errorRate,
): number {
  return gateOperatingCharacteristic({
    expectedRequests: model.lambda * intervals,
    errorRate,
    op: model.op,
    threshold: model.threshold,
    minRequests,
  }).pPass;
}

/** P(N ≥ c) for N ~ Poisson(μ). */
function poissonAtLeast(mu: number, c: number): number {
  if (c <= 0) return 1;
  return gateOperatingCharacteristic({
    expectedRequests: mu,
    errorRate: 0,
    op: 'min',
    threshold: 0,
    minRequests: c,
  }).pPass;
}

/** P(N ≥ max(1, m)) for N ~ Poisson(λ): the chance a window is judged at all. */
function judgedChance(lambda: number, minRequests: number): number {
  return poissonAtLeast(lambda, Math.max(1, minRequests));
}

/**
 * A cheap upper bound on a partial window's trip chance: it must be judged (N ≥ max(1, m)), and its errors
 * must reach the threshold on at least that many requests (E ≥ ⌈t·max(1, m)⌉, at least 1 for `above`), where
 * E ~ Poisson(λe) by thinning. The smaller of the two Poisson tails.
 */
function partialTripBound(model: Model, intervals: number, minRequests: number): number {
  const lambda = model.lambda * intervals;
  const fewestErrors = Math.max(
    model.op === 'above' ? 1 : 0,
    Math.ceil(model.threshold * Math.max(1, minRequests)),
  );
  return Math.min(judgedChance(lambda, minRequests), poissonAtLeast(lambda * model.errorRate, fewestErrors));
}

/**
 * Bounds on the chance that noise trips a guard of `intervals` intervals at least once in the phase. The
 * first k − 1 checks see partial windows; overlapping windows are dependent, so the upper bound is Boole's
 * (exact trip chances of partial windows up to {@link EXACT_PARTIAL_WINDOWS} intervals, else
 * {@link partialTripBound}) and the lower bound counts disjoint full windows only (independent).
 */
function setting(model: Model, intervals: number, minRequests: number, intervalMs: number): GuardSetting {
  const full = windowTrip(model, intervals, minRequests);
  const judgedShare = judgedChance(model.lambda * intervals, minRequests);
  const detectsTwiceThreshold = windowTrip(model, intervals, minRequests, Math.min(1, 2 * model.threshold));
  const windowMs = intervals * intervalMs;
  if (intervals === 1) {
    const exact = tripAtLeastOnce(full, model.checks);
    return {
      windowMs,
      minRequests,
      falseTrip: { lower: exact, upper: exact },
      judgedShare,
      detectsTwiceThreshold,
    };
  }
  const partial: number[] = [];
  for (let j = 1; j < Math.min(intervals, model.checks + 1); j++) {
    partial.push(
      intervals <= EXACT_PARTIAL_WINDOWS
        ? windowTrip(model, j, minRequests)
        : partialTripBound(model, j, minRequests),
    );
  }
  const fullChecks = Math.max(0, model.checks - intervals + 1);
  const upper = Math.min(1, tripUnionBound(partial) + fullChecks * full);
  const lower = tripAtLeastOnce(full, Math.floor(model.checks / intervals));
  return { windowMs, minRequests, falseTrip: { lower, upper }, judgedShare, detectsTwiceThreshold };
}

/** The smallest minRequests whose upper bound meets the target (the bound falls as minRequests grows). */
function smallestMinRequests(model: Model, intervals: number, intervalMs: number): GuardSetting | null {
  const lambda = model.lambda * intervals;
  let hi = Math.ceil(lambda + 12 * Math.sqrt(lambda) + 12);
  if (setting(model, intervals, hi, intervalMs).falseTrip.upper > NOISE_TARGET) return null;
  let lo = 0;
  while (lo < hi) {
    const middle = Math.floor((lo + hi) / 2);
    if (setting(model, intervals, middle, intervalMs).falseTrip.upper <= NOISE_TARGET) hi = middle;
    else lo = middle + 1;
  }
  return setting(model, intervals, lo, intervalMs);
}

function analyseGuard(plan: Plan, phaseIndex: number, guard: Condition, guardIndex: number): GuardNoise {
  const phase = plan.phases[phaseIndex]!;
  const traffic = candidateTraffic(plan, phaseIndex);
  const model: Model = {
    lambda: traffic.requestsPerInterval,
    errorRate: traffic.errorRate,
    checks: traffic.intervals,
    op: guard.op,
    threshold: guard.threshold,
  };
  const intervals = Math.max(1, Math.round(plan.guardWindowMs / plan.intervalMs));
  const minRequests = guard.minRequests ?? 0;
  const current = setting(model, intervals, minRequests, plan.intervalMs);
  const minRequestsFix = smallestMinRequests(model, intervals, plan.intervalMs);
  let windowFix: GuardSetting | null = null;
  for (const windowMs of FIX_WINDOWS_MS) {
    const fixIntervals = windowMs / plan.intervalMs;
    if (!Number.isInteger(fixIntervals) || fixIntervals <= intervals || windowMs > phase.durationMs) continue;
    const fix = smallestMinRequests(model, fixIntervals, plan.intervalMs);
    if (fix !== null && fix.judgedShare >= MIN_JUDGED_SHARE) {
      windowFix = fix;
      break;
    }
  }
  return {
    phase: phase.name,
    phaseIndex,
    guardIndex,
    op: guard.op,
    threshold: guard.threshold,
    expectedRequestsPerWindow: model.lambda * intervals,
    errorRate: model.errorRate,
    checks: model.checks,
    tripPerWindow: windowTrip(model, intervals, minRequests),
    current,
    outageChance: traffic.outageChance,
    firesOnNoise: current.falseTrip.lower >= NOISE_TARGET,
    minRequestsFix: current.falseTrip.upper <= NOISE_TARGET ? null : minRequestsFix,
    windowFix: current.falseTrip.upper <= NOISE_TARGET ? null : windowFix,
  };
}

/**
 * For every phase and every guard on the error rate that trips on high values (`above`, `min`): how
 * likely noise alone is to trip it, exactly from the model (Poisson requests, binomial errors; outages
 * and the diurnal profile aside), and, where that exceeds {@link NOISE_TARGET}, the settings that would
 * fix it: the smallest `minRequests` with the plan's window, and the shortest window (with the
 * `minRequests` it needs) that still judges {@link MIN_JUDGED_SHARE} of its windows.
 *
 * @example guardNoise(defaultPlan)[0] // canary, errorRate > 1.5%: tripPerWindow 0.00125, falseTrip 0.26, firesOnNoise true
 */
export function guardNoise(plan: Plan): GuardNoise[] {
  const findings: GuardNoise[] = [];
  plan.phases.forEach((_phase, phaseIndex) => {
    plan.guards.forEach((guard, guardIndex) => {
      if (guard.metric !== 'errorRate' || (guard.op !== 'above' && guard.op !== 'min')) return;
      findings.push(analyseGuard(plan, phaseIndex, guard, guardIndex));
    });
  });
  return findings;
}
