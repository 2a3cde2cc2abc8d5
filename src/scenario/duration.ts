/**
 * Durations as scenario files write them: `250ms`, `30s`, `15m`, `1.5h`, `1h30m`, `13d`.
 * Units: ms, s, m (minutes), h, d (24 h). A compound names each unit at most once, largest first.
 */

/** What a problem says a duration should look like. */
export const DURATION_EXAMPLES = 'a duration like 30s, 15m, 1.5h, 1h30m, 13d';

/**
 * The syntax of a duration (also the `pattern` of durations in the JSON Schema): optional components
 * `<number><unit>` for d, h, m, s, ms in that order, at least one.
 */
export const DURATION_PATTERN =
  /^(?=\d)(?:(\d+(?:\.\d+)?)d)?(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?$/;

const UNIT_MS = [86_400_000, 3_600_000, 60_000, 1_000, 1] as const;
const UNITS = ['d', 'h', 'm', 's', 'ms'] as const;

/**
 * The length of a duration in milliseconds, or null when the text is not a duration (no unit, units
 * out of order or repeated, a sign, spaces, or a fraction of a millisecond). `0s` is 0: whether zero
 * is allowed is the caller's rule.
 *
 * @example parseDurationMs('1h30m') // 5_400_000
 * @example parseDurationMs('1.5h')  // 5_400_000
 * @example parseDurationMs('90')    // null (no unit)
 */
export function parseDurationMs(text: string): number | null {
  const match = DURATION_PATTERN.exec(text);
  if (match === null) return null;
  let totalMs = 0;
  UNIT_MS.forEach((unitMs, index) => {
    const amount = match[index + 1];
    if (amount !== undefined) totalMs += Number(amount) * unitMs;
  });
  const wholeMs = Math.round(totalMs);
  if (Math.abs(totalMs - wholeMs) > 1e-6 * Math.max(1, totalMs)) return null;
  return Number.isSafeInteger(wholeMs) ? wholeMs : null;
}

/**
 * A whole number of milliseconds as the shortest compound duration, largest unit first; the inverse of
 * {@link parseDurationMs} for whole milliseconds. Fractions of a millisecond are rounded.
 *
 * @example formatDuration(5_400_000) // '1h30m'
 * @example formatDuration(900_000)   // '15m'
 * @example formatDuration(0)         // '0s'
 */
export function formatDuration(ms: number): string {
  let restMs = Math.round(Math.abs(ms));
  if (restMs === 0) return '0s';
  let text = ms < 0 ? '-' : '';
  UNIT_MS.forEach((unitMs, index) => {
    const count = Math.floor(restMs / unitMs);
    if (count > 0) {
      text += `${count}${UNITS[index]}`;
      restMs -= count * unitMs;
    }
  });
  return text;
}
