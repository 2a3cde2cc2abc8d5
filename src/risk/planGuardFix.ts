import { type Condition, type Operator, requiredStreak } from '../gates/index.js';
import { meanUpMs } from '../model/index.js';
import type { Plan } from '../scenario/plan.js';
import type { GuardSetting } from './guardWindows.js';
import { MIN_JUDGED_SHARE, NOISE_TARGET } from './noiseTarget.js';
import { FIX_WINDOWS_MS, GuardModels, judgesEnough, type PhaseGuard } from './phaseGuard.js';

/** Streaks a recommendation may propose (`consecutive`), in checks: every whole number up to 120. */
export const FIX_STREAKS = Array.from({ length: 120 }, (_, i) => i + 1);

/** What a recommended setting does in one phase. */
export interface PlanGuardFixPhase extends GuardSetting {
  phase: string;
  consecutive: number;
  /**
   * The chance that one of the candidate's own outages (its stated availability and mean outage length)
   * lasts long enough to trip the guard in the phase: a real outage, but one the candidate's availability
   * allows, so a rollback on it is not evidence of a regression.
   */
  nominalOutageTrip: number;
  /**
   * Expected time from the start of a regression to twice the threshold until the guard trips, ms, treating
   * its checks as independent trials that each trip a full window with `detectsTwiceThreshold`, in whole
   * seconds up; null when
   * that is longer than the phase (the guard would not catch it there; the gates must).
   */
  twiceThresholdDetectionMs: number | null;
}

/**
 * The one setting the scenario can state (it has one guard window for the whole plan, `monitoring.window`,
 * and one `minRequests` and `consecutive` per guard condition) recommended for an error-rate guard: noise
 * trips and trips on the candidate's nominal outages each under the target in every phase, the guard
 * judging enough of its windows, with the shortest detection delay for a candidate outage that lasts.
 */
export interface PlanGuardFix {
  guardIndex: number;
  op: Operator;
  threshold: number;
  windowMs: number;
  minRequests: number;
  consecutive: number;
  /**
   * How long a full outage of the candidate (every request failing) takes to trip the guard, at most, ms:
   * until the window's failed share passes the threshold (threshold × window) and then `consecutive` checks.
   * The cost of the setting: a real outage runs this long before the rollback.
   */
  outageDetectionMs: number;
  /** What the setting does in each phase. */
  phases: PlanGuardFixPhase[];
}

/**
 * Expected outages of the candidate that overlap phase `phaseIndex` (one in progress at its start, then new
 * ones at rate 1 / (mean up + mean down)), and the chance that one of them trips a guard that needs its
 * condition at `streak` checks of a window of `windowMs`: the window's failed share exceeds the threshold t
 * from t·W after the outage begins until t·W before the window has left it, D + W − 2tW in all, which holds
 * `streak` checks I apart when D ≥ (streak − 1)·I − W + 2tW at the best alignment; for exponential outages
 * that has chance exp(−((streak − 1)·I − W + 2tW) / mean outage). A fluid approximation: it ignores the
 * binomial scatter of the window's failed share, which the Monte Carlo includes (docs/risk.md compares).
 */
export function nominalOutageTrip(
  plan: Plan,
  phaseIndex: number,
  threshold: number,
  windowMs: number,
  streak: number,
): number {
  const { availability, meanOutageMs } = plan.analyzers.candidate;
  if (availability >= 1 || !(meanOutageMs > 0)) return 0;
  const upMs = meanUpMs(availability, meanOutageMs);
  const outages = 1 - availability + plan.phases[phaseIndex]!.durationMs / (upMs + meanOutageMs);
  const shortestMs = Math.max(0, (streak - 1) * plan.intervalMs - windowMs + 2 * threshold * windowMs);
  return -Math.expm1(-outages * Math.exp(-shortestMs / meanOutageMs));
}

/** Expected checks until `streak` in a row succeed, each with chance d: (d^−streak − 1) / (1 − d). */
function checksToStreak(d: number, streak: number): number {
  if (d >= 1) return streak;
  if (d <= 0) return Number.POSITIVE_INFINITY;
  return (d ** -streak - 1) / (1 - d);
}

/** The smallest minRequests with noise trips under the target in this phase at this streak (monotone), or null. */
function smallestMinRequests(model: PhaseGuard, intervals: number, streak: number): number | null {
  const windows = model.windows(intervals);
  const meets = (minRequests: number) => windows.falseTripUpper(minRequests, streak) <= NOISE_TARGET;
  const lambda = windows.busiest.expectedRequests;
  let hi = Math.ceil(lambda + 12 * Math.sqrt(lambda) + 12);
  if (!meets(hi)) return null;
  let lo = 0;
  while (lo < hi) {
    const middle = Math.floor((lo + hi) / 2);
    if (meets(middle)) hi = middle;
    else lo = middle + 1;
  }
  return lo;
}

/**
 * The streak a fix with window `intervals` would have: the smallest of {@link FIX_STREAKS} that keeps trips
 * on the candidate's nominal outages under the target in every phase, with those chances, or null. Cheap
 * (closed forms), and it fixes the setting's outage detection delay before any noise is weighed.
 */
function streakWithWindow(
  plan: Plan,
  guard: Condition,
  intervals: number,
): { streak: number; outageTrips: number[]; outageDetectionMs: number } | null {
  const windowMs = intervals * plan.intervalMs;
  for (const streak of FIX_STREAKS) {
    const outageTrips = plan.phases.map((_phase, p) =>
      nominalOutageTrip(plan, p, guard.threshold, windowMs, streak),
    );
    if (outageTrips.some((chance) => chance > NOISE_TARGET)) continue;
    const outageDetectionMs =
      Math.ceil((guard.threshold * windowMs + streak * plan.intervalMs) / 1000) * 1000;
    return { streak, outageTrips, outageDetectionMs };
  }
  return null;
}

/** The smallest minRequests that keeps noise trips under the target in every phase, and the settings, or null. */
function quietSettings(
  models: readonly PhaseGuard[],
  intervals: number,
  streak: number,
): { minRequests: number; settings: GuardSetting[] } | null {
  let minRequests = 0;
  for (const model of models) {
    const fix = smallestMinRequests(model, intervals, streak);
    if (fix === null) return null;
    minRequests = Math.max(minRequests, fix);
  }
  return {
    minRequests,
    settings: models.map((model) => model.windows(intervals).setting(minRequests, streak)),
  };
}

/**
 * The fix with window `intervals` and the smallest streak that meets every target, or null: the streak
 * {@link streakWithWindow} gives, the smallest minRequests at it, and whether that judges enough windows.
 */
export function guardFixWithWindow(
  plan: Plan,
  guardIndex: number,
  intervals: number,
  quietHoursToo: boolean,
  guardModels: GuardModels = new GuardModels(plan),
): PlanGuardFix | null {
  const guard: Condition = plan.guards[guardIndex]!;
  const models = plan.phases.map((_phase, p) => guardModels.of(p, guard));
  const found = streakWithWindow(plan, guard, intervals);
  if (found === null) return null;
  const quiet = quietSettings(models, intervals, found.streak);
  if (quiet === null) return null;
  return fixOf(plan, guard, guardIndex, intervals, found, quiet, quietHoursToo);
}

/** The fix from a window's streak and quiet settings, when those judge enough windows; else null. */
function fixOf(
  plan: Plan,
  guard: Condition,
  guardIndex: number,
  intervals: number,
  {
    streak,
    outageTrips,
    outageDetectionMs,
  }: { streak: number; outageTrips: number[]; outageDetectionMs: number },
  { minRequests, settings }: { minRequests: number; settings: GuardSetting[] },
  quietHoursToo: boolean,
): PlanGuardFix | null {
  if (!settings.every((each) => judgesEnough(each, quietHoursToo))) return null;
  return {
    guardIndex,
    op: guard.op,
    threshold: guard.threshold,
    windowMs: intervals * plan.intervalMs,
    minRequests,
    consecutive: streak,
    outageDetectionMs,
    phases: settings.map((each, p) => {
      const checks = checksToStreak(each.detectsTwiceThreshold, streak) * plan.intervalMs;
      return {
        phase: plan.phases[p]!.name,
        consecutive: streak,
        ...each,
        nominalOutageTrip: outageTrips[p]!,
        twiceThresholdDetectionMs:
          checks <= plan.phases[p]!.durationMs ? Math.ceil(checks / 1000) * 1000 : null,
      };
    }),
  };
}

/**
 * The one recommended setting of error-rate guard `guardIndex` for the whole plan, the single source of every
 * fix the reports state: of the windows of one interval and of {@link FIX_WINDOWS_MS} (whole intervals, at
 * most the shortest phase) and the streaks of {@link FIX_STREAKS}, with for each the smallest `minRequests`
 * that keeps noise trips at most {@link NOISE_TARGET} in every phase (by the upper bound), the setting that
 * also keeps trips on the candidate's nominal outages under that target in every phase
 * ({@link nominalOutageTrip}) and judges at least {@link MIN_JUDGED_SHARE} of full windows in each (in each
 * phase's quietest hour too where some setting does, else on average), with the shortest outage detection
 * delay (shorter windows first among equals). Null when the guard as set meets every target already, or
 * nothing does.
 *
 * A window's delay follows from its streak alone, so the windows are tried in order of delay and the
 * first that meets every target is the one: the costly noise analysis runs only for windows that could
 * win, once each for both passes over the quiet hours.
 *
 * @example planGuardFix(defaultPlan, 0) // { windowMs: 60_000, minRequests: 0, consecutive: 26, outageDetectionMs: 781_000, … }
 */
export function planGuardFix(
  plan: Plan,
  guardIndex: number,
  guardModels: GuardModels = new GuardModels(plan),
): PlanGuardFix | null {
  const guard: Condition = plan.guards[guardIndex]!;
  const models = plan.phases.map((_phase, p) => guardModels.of(p, guard));
  const currentIntervals = Math.max(1, Math.round(plan.guardWindowMs / plan.intervalMs));
  const streak = requiredStreak(guard);
  const minRequests = guard.minRequests ?? 0;
  // As judgesEnough(setting, false) and the setting's false-trip bound, without the rest of the setting.
  const quietNow =
    models.every((model) => {
      const windows = model.windows(currentIntervals);
      return (
        windows.falseTripUpper(minRequests, streak) <= NOISE_TARGET &&
        windows.judgedShare(minRequests) >= MIN_JUDGED_SHARE
      );
    }) &&
    plan.phases.every(
      (_phase, p) => nominalOutageTrip(plan, p, guard.threshold, plan.guardWindowMs, streak) <= NOISE_TARGET,
    );
  if (quietNow) return null;
  const shortestPhaseMs = Math.min(...plan.phases.map((phase) => phase.durationMs));
  const lengths = [plan.intervalMs, ...FIX_WINDOWS_MS]
    .map((windowMs) => windowMs / plan.intervalMs)
    .filter(
      (intervals, i, all) =>
        Number.isInteger(intervals) &&
        intervals * plan.intervalMs <= shortestPhaseMs &&
        all.indexOf(intervals) === i,
    );
  // Fastest first; the sort is stable, so shorter windows stay first among equal delays.
  const candidates = lengths
    .flatMap((intervals) => {
      const found = streakWithWindow(plan, guard, intervals);
      return found === null ? [] : [{ intervals, found }];
    })
    .sort((a, b) => a.found.outageDetectionMs - b.found.outageDetectionMs);
  const quietByLength = new Map<number, ReturnType<typeof quietSettings>>();
  for (const quietHoursToo of [true, false]) {
    for (const { intervals, found } of candidates) {
      if (!quietByLength.has(intervals)) {
        quietByLength.set(intervals, quietSettings(models, intervals, found.streak));
      }
      const quiet = quietByLength.get(intervals)!;
      if (quiet === null) continue;
      const fix = fixOf(plan, guard, guardIndex, intervals, found, quiet, quietHoursToo);
      if (fix !== null) return fix;
    }
  }
  return null;
}
