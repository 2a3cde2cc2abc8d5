import type { SegmentCounts } from '../gates/index.js';
import type { Problem } from '../scenario/problems.js';
import type { ObservationRow, RecordedMetrics } from './observation.js';

/**
 * One recorded point of a phase (a `phase` × `at` of the CSV) with its rows combined: counts summed over
 * segment rows; p50/p95/p99 the largest over rows (the union's quantile never exceeds the largest part's,
 * so it is a safe upper bound); availability and revenue impact the request-weighted mean over rows (the
 * plain mean when no row has requests); incidents summed. A value is null when no row recorded it.
 */
export interface ObservedPoint extends RecordedMetrics {
  phase: string;
  offsetMs: number;
  /** The `at` cell as written in the point's first row. */
  atText: string;
  /** Absolute time when the file gave one, ms since the epoch. */
  epochMs: number | null;
  firstLine: number;
  rows: number;
  requests: number;
  errors: number;
  /** Per segment, in order of first appearance; empty when the point is one row without a segment. */
  segments: Array<{ id: string } & SegmentCounts>;
}

/** A request-weighted mean built row by row. */
class WeightedMean {
  private weighted = 0;
  private weight = 0;
  private plain = 0;
  private count = 0;

  add(value: number | null, requests: number): void {
    if (value === null) return;
    this.weighted += value * requests;
    this.weight += requests;
    this.plain += value;
    this.count++;
  }

  value(): number | null {
    if (this.count === 0) return null;
    return this.weight > 0 ? this.weighted / this.weight : this.plain / this.count;
  }
}

function larger(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

/** Combines the rows of one point as they stream in; holds one small record per segment, never rows. */
export class ObservedPointBuilder {
  private readonly point: ObservedPoint;
  private readonly availability = new WeightedMean();
  private readonly revenueImpact = new WeightedMean();
  /** First line of each segment's row ('' for a row without segment), to name both rows of a duplicate. */
  private readonly lineOfSegment = new Map<string, number>();

  constructor(first: ObservationRow, offsetMs: number, epochMs: number | null) {
    this.point = {
      phase: first.phase,
      offsetMs,
      atText: first.at.text,
      epochMs,
      firstLine: first.line,
      rows: 0,
      requests: 0,
      errors: 0,
      segments: [],
      p50LatencyMs: null,
      p95LatencyMs: null,
      p99LatencyMs: null,
      availability: null,
      revenueImpact: null,
      incidents: null,
    };
  }

  /** Adds a row of this point, or returns why it cannot be added (a duplicate, or a total beside segments). */
  add(row: ObservationRow, file: string): Problem | null {
    const key = row.segment ?? '';
    const where = `${row.phase} at ${this.point.atText}`;
    const previousLine = this.lineOfSegment.get(key);
    if (previousLine !== undefined) {
      const segment = row.segment === null ? '' : ` segment ${row.segment}`;
      const found = `a second row for ${where}${segment} (the first is on line ${previousLine})`;
      return {
        file,
        line: row.line,
        column: null,
        path: 'at',
        expected: 'one row per phase, at and segment',
        found,
      };
    }
    const mixing = this.lineOfSegment.size > 0 && (key === '' || this.lineOfSegment.has(''));
    if (mixing) {
      const found = `both for ${where} (lines ${[...this.lineOfSegment.values()][0]} and ${row.line})`;
      return {
        file,
        line: row.line,
        column: null,
        path: 'segment',
        expected: 'a total row or per-segment rows',
        found,
      };
    }
    this.lineOfSegment.set(key, row.line);
    const point = this.point;
    point.rows++;
    point.requests += row.requests;
    point.errors += row.errors;
    if (row.segment !== null)
      point.segments.push({ id: row.segment, requests: row.requests, errors: row.errors });
    point.p50LatencyMs = larger(point.p50LatencyMs, row.p50LatencyMs);
    point.p95LatencyMs = larger(point.p95LatencyMs, row.p95LatencyMs);
    point.p99LatencyMs = larger(point.p99LatencyMs, row.p99LatencyMs);
    if (row.incidents !== null) point.incidents = (point.incidents ?? 0) + row.incidents;
    this.availability.add(row.availability, row.requests);
    this.revenueImpact.add(row.revenueImpact, row.requests);
    return null;
  }

  get offsetMs(): number {
    return this.point.offsetMs;
  }

  get atText(): string {
    return this.point.atText;
  }

  get epochMs(): number | null {
    return this.point.epochMs;
  }

  build(): ObservedPoint {
    return {
      ...this.point,
      availability: this.availability.value(),
      revenueImpact: this.revenueImpact.value(),
    };
  }
}
