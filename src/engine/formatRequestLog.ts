import type { RequestLogInterval } from './phaseRequestLog.js';
import type { RequestBatch } from './requestLog.js';

/** Formats of the request log: CSV with a header row, or one JSON object per line. */
export type RequestLogFormat = 'csv' | 'ndjson';

/** The CSV header: the log's columns. */
export const REQUEST_LOG_COLUMNS = [
  'timestamp',
  'learner_id',
  'segment',
  'cohort',
  'latency_ms',
  'status',
] as const;

function row(
  format: RequestLogFormat,
  timestamp: string,
  learner: number,
  segment: string,
  cohort: string,
  latencyMs: number,
  status: number,
): string {
  const learnerId = `L${learner}`;
  const latency = latencyMs.toFixed(3);
  return format === 'csv'
    ? `${timestamp},${learnerId},${segment},${cohort},${latency},${status}\n`
    : `{"timestamp":"${timestamp}","learner_id":"${learnerId}","segment":"${segment}","cohort":"${cohort}","latency_ms":${latency},"status":${status}}\n`;
}

/**
 * One interval of the request log as text, the two cohorts' requests merged in time order, at most
 * `limit` rows. Segment ids are slugs (no quoting needed in CSV or JSON).
 *
 * @returns the text and how many rows it holds
 * @example formatRequestLogInterval(interval, ['k12-mobile'], 'csv', 100).text.split('\n')[0]
 * // '2025-10-31T12:00:03.127Z,L1042,k12-mobile,candidate,23.716,200'
 */
export function formatRequestLogInterval(
  interval: RequestLogInterval,
  segmentIds: readonly string[],
  format: RequestLogFormat,
  limit: number,
): { text: string; rows: number } {
  const { candidate, baseline } = interval;
  let text = '';
  let rows = 0;
  let c = 0;
  let b = 0;
  while (rows < limit && (c < candidate.count || b < baseline.count)) {
    const takeCandidate =
      b >= baseline.count || (c < candidate.count && candidate.offsetMs[c]! <= baseline.offsetMs[b]!);
    const batch: RequestBatch = takeCandidate ? candidate : baseline;
    const i = takeCandidate ? c++ : b++;
    const timestamp = new Date(interval.startMs + batch.offsetMs[i]!).toISOString();
    text += row(
      format,
      timestamp,
      batch.learnerId[i]!,
      segmentIds[batch.segment[i]!]!,
      takeCandidate ? 'candidate' : 'baseline',
      batch.latencyMs[i]!,
      batch.status[i]!,
    );
    rows++;
  }
  return { text, rows };
}
