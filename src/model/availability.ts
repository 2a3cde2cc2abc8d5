import { type RandomStream, sampleExponential } from '../random/index.js';

/**
 * A cohort's deployment as an alternating renewal process: exponential up periods (mean `meanUpMs`)
 * and down periods (mean `meanDownMs`), started in its stationary state. Mutable: the engine advances
 * it one interval at a time and reads the outputs of the last advance; random numbers are drawn only
 * at transitions, so a quiet interval costs a few comparisons.
 */
export interface AvailabilityProcess {
  meanUpMs: number;
  meanDownMs: number;
  /** State at the process' clock (the end of the last interval). */
  up: boolean;
  /** Time left until the next transition, ms (Infinity when the state never ends). */
  remainingMs: number;
  /** Whether the deployment was down (for whatever reason, forced or not) at the end of the last interval. */
  downAtEnd: boolean;
  /** Outputs of the last advance: time up, ms, and outages (down spans) that began in it. */
  upMs: number;
  outagesBegun: number;
  /** Down spans of the last interval, as offsets from its start, ms: sorted, disjoint, `downCount` of them. */
  downStartsMs: Float64Array;
  downEndsMs: Float64Array;
  downCount: number;
}

function meanOf(process: AvailabilityProcess, up: boolean): number {
  return up ? process.meanUpMs : process.meanDownMs;
}

function residualMs(rng: RandomStream, meanMs: number): number {
  return meanMs === Number.POSITIVE_INFINITY ? meanMs : sampleExponential(rng, 1 / meanMs);
}

/**
 * A process with long-run availability `availability` (fraction of time up) and mean outage length
 * `meanOutageMs`: up periods have mean `meanOutageMs · A / (1 − A)`. It starts stationary: down with
 * probability 1 − A, and by memorylessness the time left in the current period is exponential with that
 * period's mean.
 *
 * @example createAvailability(rng, 0.9997, 120_000) // mean up period 111 h
 */
export function createAvailability(
  rng: RandomStream,
  availability: number,
  meanOutageMs: number,
): AvailabilityProcess {
  const process: AvailabilityProcess = {
    meanUpMs: 0,
    meanDownMs: 0,
    up: true,
    remainingMs: 0,
    downAtEnd: false,
    upMs: 0,
    outagesBegun: 0,
    downStartsMs: new Float64Array(8),
    downEndsMs: new Float64Array(8),
    downCount: 0,
  };
  restartAvailability(process, rng, availability, meanOutageMs);
  return process;
}

/**
 * The mean up period of a deployment with `availability` and mean outage `meanOutageMs`, ms: the alternating
 * renewal process's A · down / (1 − A) (infinite when it never fails).
 */
export function meanUpMs(availability: number, meanOutageMs: number): number {
  return availability >= 1 ? Number.POSITIVE_INFINITY : (meanOutageMs * availability) / (1 - availability);
}

/**
 * Starts `process` afresh, in place, exactly as {@link createAvailability} starts a new one (the same
 * draws from `rng`), keeping its buffers: the engine restarts each cohort's deployment every phase.
 */
export function restartAvailability(
  process: AvailabilityProcess,
  rng: RandomStream,
  availability: number,
  meanOutageMs: number,
): void {
  if (!(availability >= 0 && availability <= 1))
    throw new RangeError(`availability ${availability} is not in [0, 1]`);
  process.meanDownMs = availability === 1 ? 0 : availability === 0 ? Number.POSITIVE_INFINITY : meanOutageMs;
  process.meanUpMs = meanUpMs(availability, meanOutageMs);
  const up = availability === 1 || (availability > 0 && rng.next() < availability);
  process.up = up;
  process.downAtEnd = !up;
  process.upMs = 0;
  process.outagesBegun = 0;
  process.downCount = 0;
  process.remainingMs = residualMs(rng, meanOf(process, up));
}

function pushDownSpan(process: AvailabilityProcess, startMs: number, endMs: number): void {
  if (process.downCount === process.downStartsMs.length) {
    const starts = new Float64Array(process.downCount * 2);
    const ends = new Float64Array(process.downCount * 2);
    starts.set(process.downStartsMs);
    ends.set(process.downEndsMs);
    process.downStartsMs = starts;
    process.downEndsMs = ends;
  }
  process.downStartsMs[process.downCount] = startMs;
  process.downEndsMs[process.downCount] = endMs;
  process.downCount++;
}

/** Merges a forced outage [0, forcedDownMs) into the (sorted, disjoint) natural down spans, in place. */
function mergeForcedDown(process: AvailabilityProcess, forcedDownMs: number): void {
  const { downStartsMs: starts, downEndsMs: ends } = process;
  let endMs = forcedDownMs;
  let absorbed = 0;
  while (absorbed < process.downCount && starts[absorbed]! <= endMs) {
    endMs = Math.max(endMs, ends[absorbed]!);
    absorbed++;
  }
  const kept = process.downCount - absorbed;
  if (absorbed === 0) {
    pushDownSpan(process, 0, 0);
    for (let i = kept; i > 0; i--) {
      process.downStartsMs[i] = process.downStartsMs[i - 1]!;
      process.downEndsMs[i] = process.downEndsMs[i - 1]!;
    }
  } else {
    for (let i = 0; i < kept; i++) {
      starts[i + 1] = starts[i + absorbed]!;
      ends[i + 1] = ends[i + absorbed]!;
    }
    process.downCount = kept + 1;
  }
  process.downStartsMs[0] = 0;
  process.downEndsMs[0] = endMs;
}

/**
 * Runs the process over the next `durationMs` and records, on the process, the time up, the outages
 * that began, and the down spans. `forcedDownFraction` (0..1, from a fault) holds the deployment down
 * for the first share of the interval on top of its own outages. An outage in progress at the start
 * counts as begun only if the previous interval ended up.
 *
 * @example advanceAvailability(process, rng, 30_000, 0); process.upMs // 30000 most of the time
 */
export function advanceAvailability(
  process: AvailabilityProcess,
  rng: RandomStream,
  durationMs: number,
  forcedDownFraction: number,
): void {
  if (process.up && process.remainingMs > durationMs && durationMs > 0 && !(forcedDownFraction > 0)) {
    // Up throughout, by far the most common interval (up periods last hours): exactly what the walk below
    // gives then. Kept apart so that the engine's per-interval code, which inlines this, stays small.
    process.remainingMs -= durationMs;
    process.downCount = 0;
    process.upMs = durationMs;
    process.outagesBegun = 0;
    process.downAtEnd = false;
    return;
  }
  walkTransitions(process, rng, durationMs, forcedDownFraction);
}

/** {@link advanceAvailability} in general: every transition within the interval, and a forced outage. */
function walkTransitions(
  process: AvailabilityProcess,
  rng: RandomStream,
  durationMs: number,
  forcedDownFraction: number,
): void {
  process.downCount = 0;
  let tMs = 0;
  while (tMs < durationMs) {
    const transitionMs = tMs + process.remainingMs;
    const endMs = Math.min(transitionMs, durationMs);
    if (!process.up && endMs > tMs) pushDownSpan(process, tMs, endMs);
    if (transitionMs <= durationMs) {
      process.up = !process.up;
      process.remainingMs = residualMs(rng, meanOf(process, process.up));
    } else {
      process.remainingMs = transitionMs - durationMs;
    }
    tMs = endMs;
  }
  if (forcedDownFraction > 0) mergeForcedDown(process, Math.min(1, forcedDownFraction) * durationMs);

  let downMs = 0;
  let begun = 0;
  for (let i = 0; i < process.downCount; i++) {
    const startMs = process.downStartsMs[i]!;
    downMs += process.downEndsMs[i]! - startMs;
    if (startMs > 0 || !process.downAtEnd) begun++;
  }
  process.upMs = durationMs - downMs;
  process.outagesBegun = begun;
  process.downAtEnd = process.downCount > 0 && process.downEndsMs[process.downCount - 1]! >= durationMs;
}

/**
 * Whether the deployment was down at `offsetMs` into the last advanced interval (a request arriving
 * then fails with 503). Scans the interval's down spans, of which there are almost always none.
 */
export function isDownAt(process: AvailabilityProcess, offsetMs: number): boolean {
  for (let i = 0; i < process.downCount; i++) {
    if (offsetMs < process.downStartsMs[i]!) return false;
    if (offsetMs < process.downEndsMs[i]!) return true;
  }
  return false;
}
