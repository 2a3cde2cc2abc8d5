import type { RandomStream } from '../random/index.js';
import type { Calibration } from './calibration.js';
import { fitAvailability, type MinuteCounts } from './fitAvailability.js';
import { fitLatency } from './fitLatency.js';
import { fitProportion } from './fitProportion.js';
import { LogLatencySample } from './logLatencySample.js';
import { segmentErrorRates, sharedErrorRate } from './segmentErrorRates.js';

/** HTTP status of a request refused because the deployment was down (docs/model.md). */
export const STATUS_UNAVAILABLE = 503;

/** One request of a log, typed. */
export interface RequestRecord {
  latencyMs: number;
  /** Half a unit of the latency's last written digit, ms: how far rounding may have moved it. */
  latencyHalfUnitMs: number;
  status: number;
  segment: string | null;
  timestampMs: number | null;
}

/**
 * Fits the analyzer model to a request log one request at a time, in memory bounded by the number of
 * segments (and the goodness-of-fit subsample), following the model's semantics (docs/model.md): a request
 * refused with 503 arrived while the deployment was down (availability = share not refused); any other
 * status ≥ 500 is an error of a request served while up (errorRate = errors / served); the latency of
 * served requests is lognormal. Outages are counted as runs of refused requests in file order, so a log
 * in time order (as `rehearse traffic` writes it) gives the true count, and a shuffled one a larger count
 * (a wider, still honest interval).
 */
export class RequestLogCalibration {
  private served = 0;
  private errors = 0;
  private refused = 0;
  private outages = 0;
  private previousRefused = false;
  private firstMs = Number.POSITIVE_INFINITY;
  private lastMs = Number.NEGATIVE_INFINITY;
  private readonly bySegment = new Map<string, { served: number; errors: number }>();
  /** Requests and refusals per minute since the epoch (a log without timestamps counts as one minute). */
  private readonly byMinute = new Map<number, MinuteCounts>();
  private readonly latency: LogLatencySample;

  constructor(rng: RandomStream) {
    this.latency = new LogLatencySample(rng);
  }

  add(request: RequestRecord): void {
    if (request.timestampMs !== null) {
      this.firstMs = Math.min(this.firstMs, request.timestampMs);
      this.lastMs = Math.max(this.lastMs, request.timestampMs);
    }
    const minute = request.timestampMs === null ? 0 : Math.floor(request.timestampMs / 60_000);
    let counts = this.byMinute.get(minute);
    if (counts === undefined) {
      counts = { requests: 0, refused: 0 };
      this.byMinute.set(minute, counts);
    }
    counts.requests++;
    const refused = request.status === STATUS_UNAVAILABLE;
    if (refused && !this.previousRefused) this.outages++;
    this.previousRefused = refused;
    if (refused) {
      counts.refused++;
      this.refused++;
      return;
    }
    const failed = request.status >= 500;
    this.served++;
    if (failed) this.errors++;
    if (request.segment !== null) {
      let segment = this.bySegment.get(request.segment);
      if (segment === undefined) {
        segment = { served: 0, errors: 0 };
        this.bySegment.set(request.segment, segment);
      }
      segment.served++;
      if (failed) segment.errors++;
    }
    this.latency.add(request.latencyMs, request.latencyHalfUnitMs);
  }

  private availability() {
    const minutes = new Map<number, MinuteCounts>();
    const firstMinute = Number.isFinite(this.firstMs) ? Math.floor(this.firstMs / 60_000) : 0;
    for (const [minute, counts] of this.byMinute) minutes.set(minute - firstMinute, counts);
    const spanMinutes = Number.isFinite(this.firstMs) ? (this.lastMs - this.firstMs) / 60_000 : 1;
    return fitAvailability(minutes, spanMinutes, this.outages);
  }

  /** The fit, once every request has been added. */
  finish(meta: { file: string; rows: number; cohort: string | null }): Calibration {
    const used = this.served + this.refused;
    const span: [string, string] | null =
      this.firstMs <= this.lastMs
        ? [new Date(this.firstMs).toISOString(), new Date(this.lastMs).toISOString()]
        : null;
    const segments = segmentErrorRates(
      [...this.bySegment.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([segment, counts]) => ({ segment, ...counts })),
    );
    const errorRate = fitProportion(this.errors, this.served);
    return {
      source: 'request-log',
      ...meta,
      used,
      span,
      errorRate,
      sharedErrorRate: sharedErrorRate(errorRate, segments),
      availability: this.availability(),
      latency: this.latency.n >= 2 ? fitLatency(this.latency) : null,
      recordedLatency: null,
      segments,
    };
  }
}
