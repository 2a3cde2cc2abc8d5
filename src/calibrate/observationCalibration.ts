import type { ObservationRow } from '../replay/index.js';
import type { Calibration } from './calibration.js';
import { fitProportion } from './fitProportion.js';
import { segmentErrorRates, sharedErrorRate } from './segmentErrorRates.js';

interface LastRow {
  phase: string;
  segment: string | null;
  time: number;
  requests: number;
  errors: number;
  availability: number | null;
  p50LatencyMs: number | null;
  p99LatencyMs: number | null;
}

function widen(range: [number, number] | null, value: number | null): [number, number] | null {
  if (value === null) return range;
  return range === null ? [value, value] : [Math.min(range[0], value), Math.max(range[1], value)];
}

function largest(values: Array<number | null>): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : Math.max(...present);
}

/**
 * Fits what checkpoint rows can tell about the analyzer. Rows count from the phase start (the default
 * `cumulative` window), so each phase × segment's last row holds its totals, and the totals over phases
 * give the error rate. Checkpoint rows hold quantile values, not latencies, so the latency is reported as
 * recorded (the best-measured phase's final p99) rather than fitted; availability is the request-weighted
 * mean of the final rows' recorded values. Memory: one record per phase × segment.
 */
export class ObservationCalibration {
  private readonly last = new Map<string, LastRow>();
  private rows = 0;
  private p99RangeMs: [number, number] | null = null;
  private availabilityRange: [number, number] | null = null;

  add(row: ObservationRow): void {
    this.rows++;
    this.p99RangeMs = widen(this.p99RangeMs, row.p99LatencyMs);
    this.availabilityRange = widen(this.availabilityRange, row.availability);
    const key = JSON.stringify([row.phase, row.segment]);
    const time = row.at.kind === 'offset' ? row.at.offsetMs : row.at.epochMs;
    const previous = this.last.get(key);
    if (previous !== undefined && previous.time > time) return;
    const { phase, segment, requests, errors, availability, p50LatencyMs, p99LatencyMs } = row;
    this.last.set(key, { phase, segment, time, requests, errors, availability, p50LatencyMs, p99LatencyMs });
  }

  finish(meta: { file: string }): Calibration {
    const finals = [...this.last.values()];
    const requests = finals.reduce((sum, row) => sum + row.requests, 0);
    const errors = finals.reduce((sum, row) => sum + row.errors, 0);
    const byPhase = new Map<string, LastRow[]>();
    for (const row of finals) byPhase.set(row.phase, [...(byPhase.get(row.phase) ?? []), row]);
    const phaseRequests = (rows: LastRow[]) => rows.reduce((sum, row) => sum + row.requests, 0);
    const best = [...byPhase.values()].sort((a, b) => phaseRequests(b) - phaseRequests(a))[0] ?? [];
    const weighted = finals.filter((row) => row.availability !== null);
    const weight = weighted.reduce((sum, row) => sum + row.requests, 0);
    const recorded =
      weighted.length === 0
        ? null
        : weight > 0
          ? weighted.reduce((sum, row) => sum + row.availability! * row.requests, 0) / weight
          : weighted.reduce((sum, row) => sum + row.availability!, 0) / weighted.length;
    const bySegment = new Map<string, { served: number; errors: number }>();
    for (const row of finals) {
      if (row.segment === null) continue;
      const counts = bySegment.get(row.segment) ?? { served: 0, errors: 0 };
      counts.served += row.requests;
      counts.errors += row.errors;
      bySegment.set(row.segment, counts);
    }
    const segments = segmentErrorRates(
      [...bySegment.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([segment, counts]) => ({ segment, ...counts })),
    );
    const errorRate = fitProportion(errors, requests);
    return {
      source: 'observations',
      file: meta.file,
      rows: this.rows,
      used: this.rows,
      cohort: null,
      span: null,
      errorRate,
      sharedErrorRate: sharedErrorRate(errorRate, segments),
      availability: { recorded, range: this.availabilityRange },
      latency: null,
      recordedLatency: {
        p99Ms: largest(best.map((row) => row.p99LatencyMs)),
        p50Ms: largest(best.map((row) => row.p50LatencyMs)),
        p99RangeMs: this.p99RangeMs,
      },
      segments,
    };
  }
}
