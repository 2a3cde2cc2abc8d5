import type { Condition, Operator } from '../gates/index.js';
import type { Plan } from '../scenario/plan.js';
import { candidateTraffic } from './candidateTraffic.js';
import {
  chancesByLength,
  FIX_WINDOWS_MS,
  type GuardSetting,
  MIN_JUDGED_SHARE,
  NOISE_TARGET,
  phaseGuard,
  setting,
  smallestMinRequests,
} from './phaseGuard.js';

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

function analyseGuard(plan: Plan, phaseIndex: number, guard: Condition, guardIndex: number): GuardNoise {
  const phase = plan.phases[phaseIndex]!;
  const traffic = candidateTraffic(plan, phaseIndex);
  const model = phaseGuard(plan, phaseIndex, guard);
  const chances = chancesByLength(model);
  const intervals = Math.max(1, Math.round(plan.guardWindowMs / plan.intervalMs));
  const minRequests = guard.minRequests ?? 0;
  const current = setting(model, chances, intervals, minRequests);
  const noisy = current.falseTrip.upper > NOISE_TARGET;
  const minRequestsFix = noisy ? smallestMinRequests(model, chances, intervals) : null;
  let windowFix: GuardSetting | null = null;
  for (const windowMs of noisy ? FIX_WINDOWS_MS : []) {
    const fixIntervals = windowMs / plan.intervalMs;
    if (!Number.isInteger(fixIntervals) || fixIntervals <= intervals || windowMs > phase.durationMs) continue;
    const fix = smallestMinRequests(model, chances, fixIntervals);
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
    tripPerWindow: chances(intervals).trip(minRequests),
    current,
    outageChance: traffic.outageChance,
    firesOnNoise: current.falseTrip.lower >= NOISE_TARGET,
    minRequestsFix,
    windowFix,
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
