/**
 * One row of an observed-metrics CSV as replay reads it (docs/replay.md): the typed input of
 * {@link ReplayBuilder}. Rates are fractions; a value is null where the file left the cell empty.
 */
export interface ObservationRow {
  line: number;
  phase: string;
  at: ObservedAt;
  segment: string | null;
  requests: number;
  errors: number;
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
  p99LatencyMs: number | null;
  availability: number | null;
  revenueImpact: number | null;
  incidents: number | null;
  statedErrorRate: StatedRate | null;
}

/** When a row was recorded: an offset from the phase start, or an absolute time (ms since the epoch). */
export type ObservedAt =
  | { kind: 'offset'; offsetMs: number; text: string }
  | { kind: 'time'; epochMs: number; text: string };

/** A rate as the file states it, with the rounding its written digits allow (same unit: a fraction). */
export interface StatedRate {
  value: number;
  roundingTolerance: number;
  text: string;
}
