import { type Condition, type Operator, requiredStreak } from '../gates/index.js';
import type { Plan } from '../scenario/plan.js';
import type { GuardSetting } from './guardWindows.js';
import { NOISE_TARGET } from './noiseTarget.js';
import { FIX_WINDOWS_MS, GuardModels, judgesEnough, setting, smallestMinRequests } from './phaseGuard.js';

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
 * phase (by the upper bound) while judging at least {@link MIN_JUDGED_SHARE} of full windows in each: in
 * each phase's quietest hour too where some window length does that (under a diurnal profile the
 * `minRequests` must be reachable at night), else on average, each phase's `blindHoursUtc` then naming
 * the hours it cannot judge. Null when the guard is quiet already or no such setting exists. The largest
 * of the phases' smallest `minRequests` meets the target everywhere, because the chance falls as
 * `minRequests` grows.
 *
 * @example planGuardFix(defaultPlan, 0) // { windowMs: 7_200_000, minRequests: 174, phases: [canary, ramp, rollout] }
 */
export function planGuardFix(
  plan: Plan,
  guardIndex: number,
  guardModels: GuardModels = new GuardModels(plan),
): PlanGuardFix | null {
  const guard: Condition = plan.guards[guardIndex]!;
  const models = plan.phases.map((_phase, p) => guardModels.of(p, guard));
  const currentIntervals = Math.max(1, Math.round(plan.guardWindowMs / plan.intervalMs));
  const current = models.map((model) =>
    model.windows(currentIntervals).setting(guard.minRequests ?? 0, requiredStreak(guard)),
  );
  if (current.every((each) => each.falseTrip.upper <= NOISE_TARGET)) return null;
  const shortestPhaseMs = Math.min(...plan.phases.map((phase) => phase.durationMs));
  let judgedOnAverage: PlanGuardFix | null = null;
  for (const windowMs of FIX_WINDOWS_MS) {
    const intervals = windowMs / plan.intervalMs;
    if (!Number.isInteger(intervals) || intervals < currentIntervals || windowMs > shortestPhaseMs) continue;
    // Phase by phase: a phase that this window cannot fix, or only blind (fewer windows are judged as
    // minRequests grows), rules it out before the other phases are worked out.
    let minRequests = 0;
    for (const model of models) {
      const fix = smallestMinRequests(model, intervals);
      minRequests = fix === null || !judgesEnough(fix, false) ? -1 : Math.max(minRequests, fix.minRequests);
      if (minRequests < 0) break;
    }
    if (minRequests < 0) continue;
    const settings = models.map((model) => setting(model, intervals, minRequests));
    const fix = {
      guardIndex,
      op: guard.op,
      threshold: guard.threshold,
      windowMs,
      minRequests,
      phases: settings.map((each, p) => ({ phase: plan.phases[p]!.name, ...each })),
    };
    if (settings.every((each) => judgesEnough(each, true))) return fix;
    if (judgedOnAverage === null && settings.every((each) => judgesEnough(each, false)))
      judgedOnAverage = fix;
  }
  return judgedOnAverage;
}
