import type { Condition, Operator } from '../gates/index.js';
import type { Plan } from '../scenario/plan.js';
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

/**
 * A setting the scenario itself can state, since it has one guard window for the whole plan
 * (`monitoring.window`) and one `minRequests` per guard condition, that keeps one error-rate guard's
 * false trips under the target in every phase.
 */
export interface PlanGuardFix {
  guardIndex: number;
  op: Operator;
  threshold: number;
  windowMs: number;
  minRequests: number;
  /** What the setting does in each phase. */
  phases: Array<{ phase: string } & GuardSetting>;
}

/**
 * The shortest guard window (of the nice lengths, at most the shortest phase) with the smallest
 * `minRequests` that together keep noise trips of guard `guardIndex` at most {@link NOISE_TARGET} in every
 * phase (by the upper bound) while judging at least {@link MIN_JUDGED_SHARE} of full windows in each; null
 * when the guard is quiet already or no such setting exists. The largest of the phases' smallest
 * `minRequests` meets the target everywhere, because the bound falls as `minRequests` grows.
 *
 * @example planGuardFix(defaultPlan, 1) // { windowMs: 7_200_000, minRequests: 267, phases: [canary, ramp, rollout] }
 */
export function planGuardFix(plan: Plan, guardIndex: number): PlanGuardFix | null {
  const guard: Condition = plan.guards[guardIndex]!;
  const models = plan.phases.map((_phase, p) => phaseGuard(plan, p, guard));
  const chances = models.map(chancesByLength);
  const currentIntervals = Math.max(1, Math.round(plan.guardWindowMs / plan.intervalMs));
  const current = models.map((model, p) =>
    setting(model, chances[p]!, currentIntervals, guard.minRequests ?? 0),
  );
  if (current.every((each) => each.falseTrip.upper <= NOISE_TARGET)) return null;
  const shortestPhaseMs = Math.min(...plan.phases.map((phase) => phase.durationMs));
  for (const windowMs of FIX_WINDOWS_MS) {
    const intervals = windowMs / plan.intervalMs;
    if (!Number.isInteger(intervals) || intervals < currentIntervals || windowMs > shortestPhaseMs) continue;
    const fixes = models.map((model, p) => smallestMinRequests(model, chances[p]!, intervals));
    if (fixes.some((fix) => fix === null)) continue;
    const minRequests = Math.max(...fixes.map((fix) => fix!.minRequests));
    const settings = models.map((model, p) => setting(model, chances[p]!, intervals, minRequests));
    if (settings.some((each) => each.judgedShare < MIN_JUDGED_SHARE)) continue;
    return {
      guardIndex,
      op: guard.op,
      threshold: guard.threshold,
      windowMs,
      minRequests,
      phases: settings.map((each, p) => ({ phase: plan.phases[p]!.name, ...each })),
    };
  }
  return null;
}
