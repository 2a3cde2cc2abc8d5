import type { AvailabilityFit } from './fitAvailability.js';
import type { LatencyFit } from './fitLatency.js';
import type { ProportionFit } from './fitProportion.js';
import type { SegmentErrorRate } from './segmentErrorRates.js';

/** Latency as checkpoint rows record it: quantile values, not a sample, so no lognormal can be fitted. */
export interface RecordedLatency {
  /** The p99 of the best-measured phase's last row (the row with the most requests), ms. */
  p99Ms: number | null;
  p50Ms: number | null;
  /** The smallest and largest p99 recorded in any row, ms. */
  p99RangeMs: [number, number] | null;
}

/**
 * The analyzer model fitted to observations, every estimate with its 95% interval: the candidate
 * block of a scenario (`formatCandidateYaml`) is written from this alone.
 */
export interface Calibration {
  source: 'request-log' | 'observations';
  file: string;
  /** Rows read and rows used (a request log's rows of the chosen cohort). */
  rows: number;
  used: number;
  /** The cohort the fit describes, when the log has a cohort column. */
  cohort: string | null;
  /** First and last timestamp of the used rows (ISO), when the file has them. */
  span: [string, string] | null;
  /** Errors among requests served while up (503s excluded: they measure availability). */
  errorRate: ProportionFit;
  /** The rate shared by the segments that do not differ: the analyzer's `errorRate` beside its overrides. */
  sharedErrorRate: ProportionFit;
  /** From a request log: the share of requests not refused with 503; from checkpoint rows: recorded. */
  availability: AvailabilityFit | { recorded: number | null; range: [number, number] | null };
  latency: LatencyFit | null;
  recordedLatency: RecordedLatency | null;
  segments: SegmentErrorRate[];
}
