import { type Condition, type MetricName, type Operator, requiredStreak } from '../gates/index.js';
import type { Plan } from '../scenario/plan.js';
import { candidateTraffic } from './candidateTraffic.js';
import type { GuardSetting } from './guardWindows.js';
import { NOISE_TARGET } from './noiseTarget.js';
import {
  FIX_WINDOWS_MS,
  GuardModels,
  judgesEnough,
  type PhaseGuard,
  smallestMinRequests,
} from './phaseGuard.js';
import { firstHourOf, type WindowGroup } from './trailingWindows.js';

/** A full guard window of a phase under a diurnal profile: when it is checked and how many requests it holds. */
export interface WindowAtHour {
  /** The UTC hour of the checks that see it (the first such hour). */
  hourUtc: number;
  expectedRequests: number;
}

/** What noise alone does to one errorRate guard in one phase, computed exactly from the model. */
export interface GuardNoise {
  phase: string;
  phaseIndex: number;
  guardIndex: number;
  /** The guard's metric (`errorRate`: the analysis covers error-rate guards), operator and threshold. */
  metric: MetricName;
  op: Operator;
  threshold: number;
  /** λ: expected candidate requests in one full guard window, on average over the phase's full windows. */
  expectedRequestsPerWindow: number;
  /** Under a diurnal profile: the phase's quietest full window. */
  quietestWindow?: WindowAtHour;
  /** Under a diurnal profile: the phase's busiest full window. */
  busiestWindow?: WindowAtHour;
  /** The candidate's nominal error rate (request-weighted over segments). */
  errorRate: number;
  /** Guard checks in the phase (one per monitoring interval). */
  checks: number;
  /** The chance that one full window trips the guard on noise alone, on average over the phase's full windows. */
  tripPerWindow: number;
  /** The guard as the plan sets it. */
  current: GuardSetting;
  /** Chance that a candidate outage (its own nominal availability) overlaps the phase; it trips the guard too. */
  outageChance: number;
  /** Whether noise alone trips it in at least {@link NOISE_TARGET} of the phases (by the lower bound). */
  firesOnNoise: boolean;
  /** The smallest `minRequests` that meets the target with the plan's window; null if none does. */
  minRequestsFix: GuardSetting | null;
  /**
   * The shortest window (with the smallest `minRequests` it needs) that meets the target and judges most
   * windows: in the quietest hour too where some window length does, else on average over the phase
   * (its `blindHoursUtc` then name the hours it cannot judge).
   */
  windowFix: GuardSetting | null;
}

/** The shortest of {@link FIX_WINDOWS_MS} longer than the plan's window that fixes the guard in the phase. */
function windowFixOf(
  plan: Plan,
  phaseIndex: number,
  model: PhaseGuard,
  intervals: number,
): GuardSetting | null {
  const phase = plan.phases[phaseIndex]!;
  let judgedOnAverage: GuardSetting | null = null;
  for (const windowMs of FIX_WINDOWS_MS) {
    const fixIntervals = windowMs / plan.intervalMs;
    if (!Number.isInteger(fixIntervals) || fixIntervals <= intervals || windowMs > phase.durationMs) continue;
    const fix = smallestMinRequests(model, fixIntervals);
    if (fix === null) continue;
    if (judgesEnough(fix, true)) return fix;
    if (judgedOnAverage === null && judgesEnough(fix, false)) judgedOnAverage = fix;
  }
  return judgedOnAverage;
}

function analyseGuard(
  plan: Plan,
  phaseIndex: number,
  guard: Condition,
  guardIndex: number,
  models: GuardModels,
): GuardNoise {
  const phase = plan.phases[phaseIndex]!;
  const traffic = candidateTraffic(plan, phaseIndex);
  const model = models.of(phaseIndex, guard);
  const intervals = Math.max(1, Math.round(plan.guardWindowMs / plan.intervalMs));
  const windows = model.windows(intervals);
  const minRequests = guard.minRequests ?? 0;
  const current = windows.setting(minRequests, requiredStreak(guard));
  const noisy = current.falseTrip.upper > NOISE_TARGET;
  const quiet = windows.census.full[0];
  const busy = windows.census.full.at(-1);
  const atHour = (group: WindowGroup): WindowAtHour => ({
    hourUtc: firstHourOf(group.hours),
    expectedRequests: group.expectedRequests,
  });
  return {
    phase: phase.name,
    phaseIndex,
    guardIndex,
    metric: guard.metric,
    op: guard.op,
    threshold: guard.threshold,
    expectedRequestsPerWindow: windows.expectedRequests,
    ...(model.diurnal && quiet !== undefined && busy !== undefined
      ? { quietestWindow: atHour(quiet), busiestWindow: atHour(busy) }
      : {}),
    errorRate: model.errorRate,
    checks: model.checks,
    tripPerWindow: windows.tripPerWindow(minRequests),
    current,
    outageChance: traffic.outageChance,
    firesOnNoise: current.falseTrip.lower >= NOISE_TARGET,
    minRequestsFix: noisy ? smallestMinRequests(model, intervals) : null,
    windowFix: noisy ? windowFixOf(plan, phaseIndex, model, intervals) : null,
  };
}

/**
 * For every phase and every guard on the error rate that trips on high values (`above`, `min`): how
 * likely noise alone is to trip it, exactly from the model (Poisson requests following the diurnal
 * profile interval by interval, binomial errors; outages aside), and, where that exceeds
 * {@link NOISE_TARGET}, the settings that would fix it: the smallest `minRequests` with the plan's window,
 * and the shortest window (with the `minRequests` it needs) that still judges
 * {@link MIN_JUDGED_SHARE} of its windows, in the phase's quietest hour where that can be had.
 *
 * @param models the guard models to use (an analysis shares them with its plan fixes)
 * @example guardNoise(defaultPlan)[0] // canary, errorRate > 1.5%: tripPerWindow 0.00125, falseTrip 0.26, firesOnNoise true
 */
export function guardNoise(plan: Plan, models: GuardModels = new GuardModels(plan)): GuardNoise[] {
  const findings: GuardNoise[] = [];
  plan.phases.forEach((_phase, phaseIndex) => {
    plan.guards.forEach((guard, guardIndex) => {
      if (guard.metric !== 'errorRate' || (guard.op !== 'above' && guard.op !== 'min')) return;
      findings.push(analyseGuard(plan, phaseIndex, guard, guardIndex, models));
    });
  });
  return findings;
}
