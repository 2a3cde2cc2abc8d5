import type { RequestRecord } from '../calibrate/index.js';
import { InputError } from '../errors.js';
import type { Problem } from '../scenario/problems.js';
import { csvRecords, fileProblem } from './csvRecords.js';

/** The names of a request log's columns; `rehearse traffic` writes the defaults. */
export interface RequestLogColumns {
  latency: string;
  status: string;
  timestamp: string;
  segment: string;
  cohort: string;
}

export const DEFAULT_REQUEST_LOG_COLUMNS: Readonly<RequestLogColumns> = {
  latency: 'latency_ms',
  status: 'status',
  timestamp: 'timestamp',
  segment: 'segment',
  cohort: 'cohort',
};

/** Which columns the user named by flag: those must exist; the others are used when present. */
export type NamedColumns = Partial<Record<keyof RequestLogColumns, boolean>>;

/** What the reader hands on: the cohorts column's presence once, then each request or a row's problems. */
export type RequestLogItem =
  | { kind: 'header'; hasCohort: boolean }
  | { kind: 'request'; line: number; cohort: string | null; request: RequestRecord }
  | { kind: 'rejected'; problems: Problem[] };

const DECIMAL = /^[+-]?(?:\d+(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;

type Positions = Record<keyof RequestLogColumns, number | undefined>;

function positionsOf(
  cells: readonly string[],
  columns: RequestLogColumns,
  named: NamedColumns,
  file: string,
): Positions {
  const names = cells.map((cell) => cell.trim().toLowerCase());
  const positions = {} as Positions;
  const problems: Problem[] = [];
  for (const key of Object.keys(columns) as Array<keyof RequestLogColumns>) {
    const index = names.indexOf(columns[key].toLowerCase());
    positions[key] = index < 0 ? undefined : index;
    const required = key === 'latency' || key === 'status' || named[key] === true;
    if (index < 0 && required) {
      const flag = `--${key}-column`;
      problems.push({
        file,
        line: 1,
        column: null,
        path: columns[key],
        expected: `a column named ${columns[key]} (name it with ${flag})`,
        found: `a header of ${cells.map((cell) => cell.trim()).join(', ')}`,
      });
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return positions;
}

function parseRow(
  cells: readonly string[],
  line: number,
  positions: Positions,
  columns: RequestLogColumns,
  file: string,
) {
  const problems: Problem[] = [];
  const cell = (key: keyof RequestLogColumns) => {
    const position = positions[key];
    return position === undefined ? null : (cells[position] ?? '').trim();
  };
  const problem = (key: keyof RequestLogColumns, expected: string, found: string) => {
    problems.push({
      file,
      line,
      column: null,
      path: columns[key],
      expected,
      found: found === '' ? 'an empty cell' : `"${found}"`,
    });
  };
  const latencyText = cell('latency') ?? '';
  const latency = DECIMAL.exec(latencyText);
  const latencyMs = Number(latencyText);
  if (latency === null || !Number.isFinite(latencyMs) || latencyMs < 0)
    problem('latency', 'a latency in ms ≥ 0', latencyText);
  const statusText = cell('status') ?? '';
  const status = Number(statusText);
  if (!/^\d{3}$/.test(statusText) || status < 100)
    problem('status', 'an HTTP status code like 200, 500 or 503', statusText);
  const timestampText = cell('timestamp');
  let timestampMs: number | null = null;
  if (timestampText !== null) {
    timestampMs = DECIMAL.test(timestampText) ? Number(timestampText) : Date.parse(timestampText);
    if (!Number.isFinite(timestampMs))
      problem('timestamp', 'an ISO-8601 time or epoch milliseconds', timestampText);
  }
  if (problems.length > 0 || latency === null) return { problems };
  const decimals = (latency[1] ?? latency[2] ?? '').length - Number(latency[3] ?? 0);
  const segment = cell('segment');
  const request: RequestRecord = {
    latencyMs,
    latencyHalfUnitMs: 0.5 * 10 ** -decimals,
    status,
    segment: segment === null || segment === '' ? null : segment,
    timestampMs,
  };
  return { request, cohort: cell('cohort') };
}

/**
 * Streams a request log (CSV with a header) in bounded memory: each row typed as a {@link RequestRecord}
 * or rejected with its problems (line and column named). Columns are found by name (`columns`), so a real
 * log with other names works with `--latency-column` and friends.
 *
 * @throws InputError when the file cannot be read, is empty, has no data rows, or lacks a needed column.
 */
export async function* readRequestLog(
  path: string,
  columns: RequestLogColumns = DEFAULT_REQUEST_LOG_COLUMNS,
  named: NamedColumns = {},
  file: string = path,
): AsyncGenerator<RequestLogItem> {
  let positions: Positions | null = null;
  let dataRows = 0;
  for await (const { line, cells } of csvRecords(path, file)) {
    if (positions === null) {
      positions = positionsOf(cells, columns, named, file);
      yield { kind: 'header', hasCohort: positions.cohort !== undefined };
      continue;
    }
    dataRows++;
    const parsed = parseRow(cells, line, positions, columns, file);
    if (parsed.request === undefined) yield { kind: 'rejected', problems: parsed.problems };
    else yield { kind: 'request', line, cohort: parsed.cohort ?? null, request: parsed.request };
  }
  if (positions === null) throw new InputError([fileProblem(file, null, 'a header row', 'an empty file')]);
  if (dataRows === 0)
    throw new InputError([fileProblem(file, 2, 'at least one data row', 'only the header')]);
}
