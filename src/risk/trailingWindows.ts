import type { CandidateTraffic } from './candidateTraffic.js';

/** Windows of one size that the guard's checks see. */
export interface WindowGroup {
  /** Λ: expected candidate requests in the window. */
  expectedRequests: number;
  /** How many checks see a window of this size. */
  checks: number;
  /** Bit h is set when a check in UTC hour h sees it (the hour of the window's newest interval). */
  hours: number;
}

/** The trailing windows of `intervals` intervals that a guard sees over one phase, grouped by size. */
export interface TrailingWindows {
  intervals: number;
  /** Full windows (`intervals` intervals each), grouped by expected requests, quietest first. */
  full: WindowGroup[];
  /** Checks that see a full window. */
  fullChecks: number;
  /** Expected requests of the windows the first `intervals − 1` checks see (fewer intervals), in order. */
  partial: number[];
  /** The full windows ending at checks k, 2k, 3k, … (k = `intervals`): disjoint, hence independent. */
  disjoint: WindowGroup[];
}

/** One distinct factor of a diurnal profile and the UTC hours that have it. */
export interface FactorClass {
  factor: number;
  hours: number[];
}

/** The hours of each distinct factor of a profile, in ascending factor order. */
export function factorClasses(factors: Float64Array): FactorClass[] {
  const byFactor = new Map<number, number[]>();
  factors.forEach((factor, hour) => {
    const hours = byFactor.get(factor);
    if (hours === undefined) byFactor.set(factor, [hour]);
    else hours.push(hour);
  });
  return [...byFactor].sort(([a], [b]) => a - b).map(([factor, hours]) => ({ factor, hours }));
}

/**
 * Σₕ dₕ·msₕ: a window's milliseconds in each UTC hour weighted by the hour's diurnal factor (1 when
 * flat). The milliseconds are whole numbers, added up exactly per distinct factor before they are
 * weighted, so windows with the same milliseconds at each factor (the same hours, or hours of equal
 * factor) get the very same float, and a flat window its exact length.
 */
export function windowWeightedMs(traffic: CandidateTraffic, msByHour: Float64Array): number {
  const classes = traffic.factorClasses;
  let weightedMs = 0;
  if (classes === null) {
    for (let h = 0; h < 24; h++) weightedMs += msByHour[h]!;
    return weightedMs;
  }
  for (const { factor, hours } of classes) {
    let ms = 0;
    for (const h of hours) ms += msByHour[h]!;
    if (ms !== 0) weightedMs += factor * ms;
  }
  return weightedMs;
}

/** The milliseconds of the phase's intervals that start in [fromMs, toMs), by the UTC hour they start in. */
export function msByHourIn(traffic: CandidateTraffic, fromMs: number, toMs: number): Float64Array {
  const msByHour = new Float64Array(24);
  let startMs = 0;
  traffic.intervalLengthsMs.forEach((lengthMs, i) => {
    if (startMs >= fromMs && startMs < toMs) {
      const hour = traffic.intervalHours[i]!;
      msByHour[hour] = msByHour[hour]! + lengthMs;
    }
    startMs += lengthMs;
  });
  return msByHour;
}

/** The lowest UTC hour set in a window group's `hours`. */
export function firstHourOf(hours: number): number {
  return 31 - Math.clz32(hours & -hours);
}

/** The UTC hours set in a window group's `hours`, in order. */
export function hoursOf(hours: number): number[] {
  const set: number[] = [];
  for (let h = 0; h < 24; h++) if (hours & (1 << h)) set.push(h);
  return set;
}

/**
 * Every trailing window of `intervals` intervals a guard checks in the phase, as the engine forms it:
 * check j (after interval j) sees the last `intervals` intervals, or all of them so far at the phase
 * start; each interval holds its length at the factor of the hour it starts in, so a window's expected
 * requests are λ × Σₕ dₕ·msₕ / Δ (λ a full interval's at factor 1, Δ the interval). Windows with equal
 * expected requests are grouped, so a flat phase has one full size and a diurnal one a few per hour.
 *
 * @example trailingWindows(canaryTraffic, 30_000, 1).full // [{ expectedRequests: 1.583…, checks: 240, hours: 0b11 << 12 }]
 */
export function trailingWindows(
  traffic: CandidateTraffic,
  intervalMs: number,
  intervals: number,
): TrailingWindows {
  const lengths = traffic.intervalLengthsMs;
  const hours = traffic.intervalHours;
  const perInterval = traffic.requestsPerInterval;
  const classes = traffic.factorClasses ?? [];
  // The window's milliseconds per distinct factor (whole numbers, so exact whatever the order they are added
  // in): the very sums `windowWeightedMs` forms from the hours, kept as the window slides.
  const classOfHour = new Uint8Array(24);
  classes.forEach(({ hours: classHours }, c) => {
    for (const h of classHours) classOfHour[h] = c;
  });
  const msByClass = new Float64Array(Math.max(1, classes.length));
  const full = new Map<number, WindowGroup>();
  const disjoint = new Map<number, WindowGroup>();
  const partial: number[] = [];
  // Consecutive full windows mostly hold the same requests (all of a flat phase between checkpoints, an
  // hour's under a profile), so the last full group is kept at hand rather than looked up.
  let lastFull: WindowGroup | undefined;
  const add = (groups: Map<number, WindowGroup>, expectedRequests: number, hour: number) => {
    let group = groups.get(expectedRequests);
    if (group === undefined) {
      group = { expectedRequests, checks: 0, hours: 0 };
      groups.set(expectedRequests, group);
    }
    group.checks++;
    group.hours |= 1 << hour;
    return group;
  };
  for (let j = 0; j < lengths.length; j++) {
    msByClass[classOfHour[hours[j]!]!]! += lengths[j]!;
    if (j >= intervals) {
      const old = j - intervals;
      msByClass[classOfHour[hours[old]!]!]! -= lengths[old]!;
    }
    const expectedRequests = perInterval * (weightedMsOf(classes, msByClass) / intervalMs);
    if (j < intervals - 1) {
      partial.push(expectedRequests);
      continue;
    }
    if (lastFull?.expectedRequests === expectedRequests) {
      lastFull.checks++;
      lastFull.hours |= 1 << hours[j]!;
    } else lastFull = add(full, expectedRequests, hours[j]!);
    if ((j + 1) % intervals === 0) add(disjoint, expectedRequests, hours[j]!);
  }
  const byRequests = (a: WindowGroup, b: WindowGroup) => a.expectedRequests - b.expectedRequests;
  return {
    intervals,
    full: [...full.values()].sort(byRequests),
    fullChecks: Math.max(0, lengths.length - intervals + 1),
    partial,
    disjoint: [...disjoint.values()].sort(byRequests),
  };
}

/** Σ factor·ms over the distinct factors, as {@link windowWeightedMs} adds them up; the ms alone when flat. */
function weightedMsOf(classes: readonly FactorClass[], msByClass: Float64Array): number {
  if (classes.length === 0) return msByClass[0]!;
  let weightedMs = 0;
  for (let c = 0; c < classes.length; c++) {
    const ms = msByClass[c]!;
    if (ms !== 0) weightedMs += classes[c]!.factor * ms;
  }
  return weightedMs;
}
