/**
 * One row of an observed-metrics CSV as replay reads it (docs/replay.md): the typed input of
 * {@link ReplayBuilder}. Rates are fractions; a value is null where the file left the cell empty.
 */
export interface ObservationRow extends RecordedMetrics {
  line: number;
  phase: string;
  at: ObservedAt;
  segment: string | null;
  requests: number;
  errors: number;
  statedErrorRate: StatedRate | null;
}

/**
 * The metrics a recording states beside its counts, as a row has them and as a point combines them:
 * latency quantiles in ms, availability and revenue impact as fractions, incidents as a count; null
 * where nothing was recorded.
 */
export interface RecordedMetrics {
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
  p99LatencyMs: number | null;
  availability: number | null;
  revenueImpact: number | null;
  incidents: number | null;
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
