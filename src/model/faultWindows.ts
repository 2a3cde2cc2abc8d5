import { type RandomStream, sampleExponential } from '../random/index.js';

const DAY_MS = 86_400_000;

/** A span of rollout time when a fault acts, ms from the rollout's start: `[startMs, endMs)`. */
export interface FaultWindow {
  startMs: number;
  endMs: number;
}

/**
 * When a fault happens, as the plan states it: scheduled (`phaseIndex` + `atMs` + `durationMs`) or random
 * (`ratePerDay` + `meanDurationMs`, limited to phase `phaseIndex` when not null). `FaultPlan` has these fields.
 */
export interface FaultTiming {
  phaseIndex: number | null;
  atMs: number | null;
  durationMs: number | null;
  ratePerDay: number | null;
  meanDurationMs: number | null;
}

/**
 * Where each phase starts on the rollout's timeline, ms: a reached phase always follows phases that ran
 * their planned durations (a pass waits for the phase's end), so planned starts are the real ones.
 *
 * @example phaseStartsMs([7_200_000, 14_400_000]) // [0, 7_200_000]
 */
export function phaseStartsMs(phaseDurationsMs: readonly number[]): number[] {
  const starts: number[] = [];
  let startMs = 0;
  for (const durationMs of phaseDurationsMs) {
    starts.push(startMs);
    startMs += durationMs;
  }
  return starts;
}

/**
 * The windows of one fault in one run, sorted and disjoint, on the rollout's timeline (ms from its start).
 * A scheduled fault has one window, `at` after its phase's start for `duration` (it may run on into the
 * next phases). A random fault is a Poisson process of episodes at `ratePerDay` over the rollout (or over
 * its phase), each lasting an exponential time of mean `meanDuration`, cut at the end of that span;
 * overlapping episodes merge. Draws gap, length, gap, length, ... from `rng`, the run's own `faults`
 * stream, so the same (seed, run) always gives the same episodes.
 *
 * @example faultWindows({ phaseIndex: 1, atMs: 7_200_000, durationMs: 1_200_000, ratePerDay: null, meanDurationMs: null }, [7_200_000, 14_400_000], rng)
 * // [{ startMs: 14_400_000, endMs: 15_600_000 }]: ramp + 2h, for 20m
 */
export function faultWindows(
  fault: FaultTiming,
  phaseDurationsMs: readonly number[],
  rng: RandomStream,
): FaultWindow[] {
  const starts = phaseStartsMs(phaseDurationsMs);
  if (fault.atMs !== null) {
    const startMs = starts[fault.phaseIndex ?? 0]! + fault.atMs;
    return [{ startMs, endMs: startMs + (fault.durationMs ?? 0) }];
  }
  if (fault.ratePerDay === null || fault.meanDurationMs === null) {
    throw new RangeError(
      'faultWindows: a fault needs at (scheduled) or ratePerDay and meanDuration (random)',
    );
  }
  const fromMs = fault.phaseIndex === null ? 0 : starts[fault.phaseIndex]!;
  const toMs =
    fault.phaseIndex === null
      ? phaseDurationsMs.reduce((total, durationMs) => total + durationMs, 0)
      : fromMs + phaseDurationsMs[fault.phaseIndex]!;
  const ratePerMs = fault.ratePerDay / DAY_MS;
  const windows: FaultWindow[] = [];
  let tMs = fromMs;
  for (;;) {
    tMs += sampleExponential(rng, ratePerMs);
    if (tMs >= toMs) break;
    const endMs = Math.min(toMs, tMs + sampleExponential(rng, 1 / fault.meanDurationMs));
    const last = windows.at(-1);
    if (last !== undefined && tMs <= last.endMs) last.endMs = Math.max(last.endMs, endMs);
    else windows.push({ startMs: tMs, endMs });
  }
  return windows;
}

/**
 * The window that holds rollout time `tMs`, or null: a binary search over sorted, disjoint windows.
 * The engine asks at each interval's start, so an interval is affected when it starts inside a window;
 * over random start times the affected time then equals the window's length on average.
 *
 * @example windowAt([{ startMs: 0, endMs: 60_000 }], 30_000) // { startMs: 0, endMs: 60_000 }
 */
export function windowAt(windows: readonly FaultWindow[], tMs: number): FaultWindow | null {
  let low = 0;
  let high = windows.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const window = windows[mid]!;
    if (tMs < window.startMs) high = mid - 1;
    else if (tMs >= window.endMs) low = mid + 1;
    else return window;
  }
  return null;
}
