import { formatDuration } from '../scenario/duration.js';

/** `base`, or `base-2`, `base-3`, ... when taken; the name is added to `taken`. */
export function phaseName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  taken.add(name);
  return name;
}

/** `ms` rounded up to whole monitoring intervals, at least one. */
export function roundToIntervals(ms: number, intervalMs: number): number {
  return Math.max(1, Math.ceil(ms / intervalMs)) * intervalMs;
}

/**
 * A phase's nominal length in whole monitoring intervals, at least one: the engine simulates traffic an
 * interval at a time. A length that moves is approximated, with a warning.
 */
export function wholeIntervals(ms: number, intervalMs: number, warn: (message: string) => void): number {
  const rounded = roundToIntervals(ms, intervalMs);
  if (rounded !== ms) {
    warn(
      `approximated: ${formatDuration(ms)} at this weight is rehearsed as ${formatDuration(rounded)} (whole monitoring intervals of ${formatDuration(intervalMs)})`,
    );
  }
  return rounded;
}
