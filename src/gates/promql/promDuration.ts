const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

const DURATION = /^(?:\d+(?:ms|s|m|h|d|w|y))+$/;
const PART = /(\d+)(ms|s|m|h|d|w|y)/g;

/**
 * A Prometheus range duration (`[5m]`, `[1h30m]`, `[90s]`, `[1d]`) in ms, or null when the text is not
 * one. Units: ms, s, m, h, d (24 h), w (7 d), y (365 d), whole numbers only.
 *
 * @example promDurationMs('1h30m') // 5400000
 */
export function promDurationMs(text: string): number | null {
  if (!DURATION.test(text)) return null;
  let ms = 0;
  for (const match of text.matchAll(PART)) ms += Number(match[1]) * UNIT_MS[match[2]!]!;
  return ms;
}
