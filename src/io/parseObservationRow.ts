import type { ObservationRow, ObservedAt, StatedRate } from '../replay/index.js';
import { DURATION_EXAMPLES, parseDurationMs } from '../scenario/duration.js';
import type { Problem } from '../scenario/problems.js';

/** Columns every observed-metrics CSV has (docs/replay.md). */
export const REQUIRED_COLUMNS = [
  'phase',
  'at',
  'requests',
  'errors',
  'p99_latency_ms',
  'availability',
  'revenue_impact',
] as const;

/** Columns a file may add: per-segment rows, a stated error rate to check, more recorded metrics. */
export const OPTIONAL_COLUMNS = [
  'segment',
  'error_rate',
  'p50_latency_ms',
  'p95_latency_ms',
  'incidents',
] as const;

export type ObservationColumn = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/** Where each known column sits in a row (0-based), and how many cells a row has. */
export interface ObservationHeader {
  index: Partial<Record<ObservationColumn, number>>;
  width: number;
  /** Header names we do not read, reported once as a warning. */
  ignored: string[];
}

export type RowParse = { ok: true; row: ObservationRow } | { ok: false; problems: Problem[] };

const DECIMAL = /^[+-]?(?:\d+(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
/**
 * An ISO-8601 time with its zone (`2025-10-31T12:30:00Z`, `…+01:00`) as epoch ms, or null when the text
 * is not one: a time without a zone would depend on the machine's time zone.
 *
 * @example parseIsoTime('2025-10-31T12:30:00Z') // 1761913800000
 */
export function parseIsoTime(text: string): number | null {
  if (!ISO_TIME.test(text)) return null;
  const epochMs = Date.parse(text);
  return Number.isNaN(epochMs) ? null : epochMs;
}

const AT_EXPECTED = `${DURATION_EXAMPLES.replace('a duration', 'an offset')}, or an ISO-8601 time with zone like 2025-10-31T12:30:00Z`;

/** Half a unit of a decimal's last written digit: how far rounding could have moved it (0.0005 for `0.079`). */
function halfUnitOf(text: string): number {
  const match = DECIMAL.exec(text);
  const decimals = (match?.[1] ?? match?.[2] ?? '').length - Number(match?.[3] ?? 0);
  return 0.5 * 10 ** -decimals;
}

/** A decimal number as written (no hex, no `Infinity`, no spaces inside), or null. */
function parseDecimal(text: string): number | null {
  return DECIMAL.test(text) ? Number(text) : null;
}

/**
 * Header cells → column positions. Fails on a missing required column or a repeated name; names are
 * matched trimmed and case-insensitively; unknown names are kept to be reported once.
 */
export function parseObservationHeader(
  cells: readonly string[],
  file: string,
): { ok: true; header: ObservationHeader } | { ok: false; problems: Problem[] } {
  const known = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);
  const index: Partial<Record<ObservationColumn, number>> = {};
  const ignored: string[] = [];
  const problems: Problem[] = [];
  cells.forEach((cell, position) => {
    const name = cell.trim().toLowerCase();
    if (!known.has(name)) ignored.push(cell.trim());
    else if (index[name as ObservationColumn] !== undefined)
      problems.push({
        file,
        line: 1,
        column: null,
        path: name,
        expected: 'each column once',
        found: 'it twice',
      });
    else index[name as ObservationColumn] = position;
  });
  for (const column of REQUIRED_COLUMNS) {
    if (index[column] === undefined) {
      const found = `a header of ${cells.map((cell) => cell.trim()).join(', ')}`;
      problems.push({
        file,
        line: 1,
        column: null,
        path: column,
        expected: `a column named ${column}`,
        found,
      });
    }
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, header: { index, width: cells.length, ignored } };
}

/** Reads the cells of one data row; collects every problem of the row rather than stopping at the first. */
class RowReader {
  problems: Problem[] | null = null;

  constructor(
    private readonly cells: readonly string[],
    private readonly header: ObservationHeader,
    private readonly line: number,
    private readonly file: string,
  ) {}

  cell(column: ObservationColumn): string {
    const position = this.header.index[column];
    return position === undefined ? '' : (this.cells[position] ?? '').trim();
  }

  problem(path: string, expected: string, found: string): null {
    this.problems ??= [];
    this.problems.push({ file: this.file, line: this.line, column: null, path, expected, found });
    return null;
  }

  text(column: ObservationColumn, required: boolean): string | null {
    const text = this.cell(column);
    if (text === '') return required ? this.problem(column, 'a name', 'an empty cell') : null;
    return text;
  }

  count(column: ObservationColumn, required: boolean): number | null {
    const text = this.cell(column);
    if (text === '')
      return required ? this.problem(column, 'a count (a whole number ≥ 0)', 'an empty cell') : null;
    const value = parseDecimal(text);
    if (value === null || !Number.isFinite(value))
      return this.problem(column, 'a count (a whole number ≥ 0)', `"${text}"`);
    if (value < 0) return this.problem(column, 'a count ≥ 0', text);
    if (!Number.isSafeInteger(value)) return this.problem(column, 'a whole number', text);
    return value;
  }

  latencyMs(column: ObservationColumn): number | null {
    const text = this.cell(column);
    if (text === '') return null;
    const value = parseDecimal(text);
    if (value === null || !Number.isFinite(value) || value < 0)
      return this.problem(column, 'a latency in ms ≥ 0 (or an empty cell: not recorded)', `"${text}"`);
    return value;
  }

  /** A fraction, or a percentage with `%`; `unit` bounds it to [0, 1]. Returns the value and its digits. */
  rate(column: ObservationColumn, unit: boolean): { value: number; digits: string; percent: boolean } | null {
    const text = this.cell(column);
    if (text === '') return null;
    const percent = text.endsWith('%');
    const digits = percent ? text.slice(0, -1).trim() : text;
    const number = parseDecimal(digits);
    const expected = unit
      ? 'a fraction in [0, 1] or a percentage like 99.97% (or an empty cell: not recorded)'
      : 'a fraction like 0.0037 or a percentage like +0.37% (or an empty cell: not recorded)';
    if (number === null || !Number.isFinite(number)) return this.problem(column, expected, `"${text}"`);
    // `99.97e-2` is parsed as the decimal 0.9997 itself; 99.97 × 0.01 would be 0.9997000000000001.
    const value = percent ? Number(`${digits}e-2`) : number;
    if (unit && (value < 0 || value > 1)) return this.problem(column, expected, text);
    return { value, digits, percent };
  }

  statedRate(): StatedRate | null {
    const rate = this.rate('error_rate', true);
    if (rate === null) return null;
    const roundingTolerance = halfUnitOf(rate.digits) * (rate.percent ? 0.01 : 1);
    return { value: rate.value, roundingTolerance, text: this.cell('error_rate') };
  }

  at(): ObservedAt | null {
    const text = this.cell('at');
    const offsetMs = parseDurationMs(text);
    if (offsetMs !== null) return { kind: 'offset', offsetMs, text };
    const epochMs = parseIsoTime(text);
    if (epochMs !== null) return { kind: 'time', epochMs, text };
    return this.problem('at', AT_EXPECTED, text === '' ? 'an empty cell' : `"${text}"`);
  }
}

/**
 * One data row of an observed-metrics CSV, checked cell by cell: every problem of the row with its line
 * and column name, or the typed row. Pure; the stream reader and the tests both call it.
 *
 * @example parseObservationRow(['canary', '15m', '76', '0', '39', '99.97%', '0'], 2, header, 'obs.csv')
 */
export function parseObservationRow(
  cells: readonly string[],
  line: number,
  header: ObservationHeader,
  file: string,
): RowParse {
  const reader = new RowReader(cells, header, line, file);
  if (cells.length !== header.width) {
    const names = Object.entries(header.index)
      .filter(([, position]) => position >= cells.length)
      .sort(([, a], [, b]) => a - b)
      .map(([name]) => name);
    const path = cells.length < header.width ? (names[0] ?? '') : '';
    const extra = cells.length < header.width ? `, missing ${names.join(', ') || 'unnamed columns'}` : '';
    reader.problem(path, `${header.width} cells as in the header`, `${cells.length}${extra}`);
    return { ok: false, problems: reader.problems ?? [] };
  }
  const phase = reader.text('phase', true);
  const at = reader.at();
  const requests = reader.count('requests', true);
  const errors = reader.count('errors', true);
  if (requests !== null && errors !== null && errors > requests)
    reader.problem('errors', `at most the row's requests (${requests})`, String(errors));
  const segment = reader.text('segment', false);
  const p50LatencyMs = reader.latencyMs('p50_latency_ms');
  const p95LatencyMs = reader.latencyMs('p95_latency_ms');
  const p99LatencyMs = reader.latencyMs('p99_latency_ms');
  const availability = reader.rate('availability', true)?.value ?? null;
  const revenueImpact = reader.rate('revenue_impact', false)?.value ?? null;
  const incidents = reader.count('incidents', false);
  const statedErrorRate = reader.statedRate();
  if (reader.problems !== null || phase === null || at === null || requests === null || errors === null)
    return { ok: false, problems: reader.problems ?? [] };
  const row: ObservationRow = {
    line,
    phase,
    at,
    segment,
    requests,
    errors,
    p50LatencyMs,
    p95LatencyMs,
    p99LatencyMs,
    availability,
    revenueImpact,
    incidents,
    statedErrorRate,
  };
  return { ok: true, row };
}
