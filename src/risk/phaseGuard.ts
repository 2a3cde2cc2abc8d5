import type { Condition, Operator } from '../gates/index.js';
import type { Plan } from '../scenario/plan.js';
import { type CandidateTraffic, candidateTraffic } from './candidateTraffic.js';
import { ConditionTable } from './conditionTable.js';
import type { CountTable } from './countTable.js';
import { type GuardSetting, GuardWindows } from './guardWindows.js';
import { MIN_JUDGED_SHARE } from './noiseTarget.js';
import { logFactorials, mixtureDensity, RequestMixture } from './requestMixture.js';
import { StartWindows } from './startWindows.js';

/**
 * The regression a plan is shown to catch: the error rate at twice a gate's or guard's limit (capped at 1),
 * as risk.json's `pPassAtTwiceThreshold` and `detectsTwiceThreshold` name it.
 */
export function twiceThreshold(threshold: number): number {
  return Math.min(1, 2 * threshold);
}

/** Guard windows a fix may propose, ms: nice lengths, kept when a whole number of intervals within the phase. */
export const FIX_WINDOWS_MS = [
  60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 21_600_000,
  43_200_000, 86_400_000,
];

/**
 * One error-rate guard in one phase, as the noise analysis models it: the candidate's traffic interval by
 * interval (its expected requests follow the diurnal profile from the phase's own start), its error rate
 * e, the guard's checks (one per interval) and its condition. Settings (window, minRequests) are
 * evaluated on it exactly, or bounded where the windows overlap (docs/risk.md); the per-count condition
 * chances, the Poisson terms and each window length's census are kept, so searching many settings
 * costs little more than one.
 */
export class PhaseGuard {
  readonly traffic: CandidateTraffic;
  readonly errorRate: number;
  readonly checks: number;
  readonly op: Operator;
  readonly threshold: number;
  readonly intervalMs: number;
  /** λ̄: expected requests in a full interval at the phase's mean diurnal factor (λ itself when flat). */
  readonly lambda: number;
  readonly diurnal: boolean;
  readonly factorials: CountTable;
  /** The condition's chances at the candidate's error rate, and at twice the threshold. */
  readonly nominal: ConditionTable;
  readonly twice: ConditionTable;
  /** The partial windows at the phase start, shared by every window length. */
  readonly startWindows: StartWindows;
  private readonly windowsByLength = new Map<number, GuardWindows>();
  private readonly windowBySize = new Map<number, RequestMixture>();

  constructor(plan: Plan, traffic: CandidateTraffic, guard: Condition, factorials: CountTable) {
    this.traffic = traffic;
    this.errorRate = traffic.errorRate;
    this.checks = traffic.intervals;
    this.op = guard.op;
    this.threshold = guard.threshold;
    this.intervalMs = plan.intervalMs;
    this.diurnal = traffic.hourlyFactors !== null;
    this.factorials = factorials;
    this.startWindows = new StartWindows(factorials);
    this.nominal = new ConditionTable(traffic.errorRate, guard.op, guard.threshold);
    this.twice = new ConditionTable(twiceThreshold(guard.threshold), guard.op, guard.threshold);
    this.lambda = traffic.requestsPerInterval * meanFactor(traffic);
  }

  /** The trailing windows of `intervals` intervals over the phase, and what settings do with them. */
  windows(intervals: number): GuardWindows {
    let windows = this.windowsByLength.get(intervals);
    if (windows === undefined) {
      windows = new GuardWindows(this, intervals);
      this.windowsByLength.set(intervals, windows);
    }
    return windows;
  }

  /** One window holding Λ expected requests. */
  window(expectedRequests: number): RequestMixture {
    let window = this.windowBySize.get(expectedRequests);
    if (window === undefined) {
      window = new RequestMixture(mixtureDensity([{ expectedRequests, weight: 1 }], this.factorials));
      this.windowBySize.set(expectedRequests, window);
    }
    return window;
  }
}

/** Σ dᵢ·lengthᵢ / Σ lengthᵢ over the phase's intervals: the phase's mean diurnal factor (exactly 1 when flat). */
function meanFactor(traffic: CandidateTraffic): number {
  const factors = traffic.hourlyFactors;
  if (factors === null) return 1;
  let weightedMs = 0;
  let ms = 0;
  traffic.intervalLengthsMs.forEach((lengthMs, i) => {
    weightedMs += factors[traffic.intervalHours[i]!]! * lengthMs;
    ms += lengthMs;
  });
  return ms > 0 ? weightedMs / ms : 1;
}

/** The guard with a window of `intervals` and `minRequests`, and what it does over the phase. */
export function setting(model: PhaseGuard, intervals: number, minRequests: number): GuardSetting {
  return model.windows(intervals).setting(minRequests);
}

/** The smallest minRequests that meets the target (the chance falls as minRequests grows), or null. */
export function smallestMinRequests(model: PhaseGuard, intervals: number): GuardSetting | null {
  const windows = model.windows(intervals);
  const lambda = windows.busiest.expectedRequests;
  let hi = Math.ceil(lambda + 12 * Math.sqrt(lambda) + 12);
  if (!windows.meetsTarget(hi)) return null;
  let lo = 0;
  while (lo < hi) {
    const middle = Math.floor((lo + hi) / 2);
    if (windows.meetsTarget(middle)) hi = middle;
    else lo = middle + 1;
  }
  return windows.setting(lo);
}

/**
 * Whether a setting judges enough windows: at least {@link MIN_JUDGED_SHARE} of the phase's full windows,
 * and with `quietest`, of its quietest one too (its `minRequests` is then reachable at every hour).
 */
export function judgesEnough(setting: GuardSetting, quietHoursToo: boolean): boolean {
  const share = quietHoursToo ? (setting.quietest?.judgedShare ?? setting.judgedShare) : setting.judgedShare;
  return share >= MIN_JUDGED_SHARE;
}

/**
 * The models of a plan's guards, per phase and condition, for the nominal candidate, built on first use:
 * the noise findings and the plan fixes of one analysis share them (and their table of log-factorials).
 * Owned by the analysis that makes it (see `analyzePlan`); plans are not mutated.
 */
export class GuardModels {
  private readonly factorials: CountTable = logFactorials();
  private readonly guards = new Map<string, PhaseGuard>();

  constructor(private readonly plan: Plan) {}

  /** The model of `guard` in phase `phaseIndex`. */
  of(phaseIndex: number, guard: Condition): PhaseGuard {
    const key = `${phaseIndex}|${guard.op}|${guard.threshold}`;
    let model = this.guards.get(key);
    if (model === undefined) {
      model = new PhaseGuard(this.plan, candidateTraffic(this.plan, phaseIndex), guard, this.factorials);
      this.guards.set(key, model);
    }
    return model;
  }
}

/** The model of `guard` in phase `phaseIndex` of the plan, built afresh (an analysis shares {@link GuardModels}). */
export function phaseGuard(plan: Plan, phaseIndex: number, guard: Condition): PhaseGuard {
  return new GuardModels(plan).of(phaseIndex, guard);
}
