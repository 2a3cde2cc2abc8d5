import { CsvError, parse } from 'csv-parse/sync';
import type { Problem } from './problems.js';

/** The 24 hourly factors of a diurnal CSV (index = UTC hour), or every problem found. */
export type DiurnalResult = { ok: true; factors: number[] } | { ok: false; problems: Problem[] };

const HOURS = 24;

/**
 * Reads a diurnal profile: a header `hour,factor`, then one row per UTC hour 0..23 (in any order) with a
 * positive factor. Blank lines and `#` comments are skipped. Every problem is reported with its line.
 *
 * @example parseDiurnalCsv('hour,factor\n0,0.4\n...\n23,0.5\n', 'diurnal.csv') // { ok: true, factors: [0.4, ..., 0.5] }
 */
export function parseDiurnalCsv(text: string, file: string): DiurnalResult {
  const problems: Problem[] = [];
  const report = (line: number | null, path: string, expected: string, found: string): void => {
    problems.push({ file, line, column: null, path, expected, found });
  };
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      comment: '#',
    }) as unknown as typeof rows;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? error.lines : null;
    report(line, '', 'a CSV file with columns hour,factor', `a CSV error (${error.message})`);
    return { ok: false, problems };
  }
  const [header, ...body] = rows;
  if (header === undefined) {
    report(null, '', 'a CSV file with a header hour,factor and 24 rows', 'an empty file');
    return { ok: false, problems };
  }
  if (header.record.map((cell) => cell.toLowerCase()).join(',') !== 'hour,factor') {
    report(header.info.lines, '', 'a header row hour,factor', JSON.stringify(header.record.join(',')));
  }
  const factors: (number | undefined)[] = new Array(HOURS).fill(undefined);
  const lineOfHour = new Map<number, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    if (record.length !== 2) {
      report(
        line,
        '',
        'a row with 2 columns (hour,factor)',
        `${record.length} column${record.length === 1 ? '' : 's'}`,
      );
      continue;
    }
    const [hourText = '', factorText = ''] = record;
    const hour = /^\d+$/.test(hourText) ? Number(hourText) : Number.NaN;
    const factor = factorText === '' ? Number.NaN : Number(factorText);
    const hourOk = Number.isInteger(hour) && hour >= 0 && hour < HOURS;
    if (!hourOk) report(line, 'hour', 'a whole hour in [0, 23] (UTC)', JSON.stringify(hourText));
    if (!(Number.isFinite(factor) && factor > 0))
      report(line, 'factor', 'a positive number', JSON.stringify(factorText));
    if (!hourOk) continue;
    const firstLine = lineOfHour.get(hour);
    if (firstLine !== undefined)
      report(line, 'hour', `an hour not listed before (line ${firstLine} has it)`, String(hour));
    else {
      lineOfHour.set(hour, line);
      factors[hour] = factor;
    }
  }
  const missing = factors.flatMap((_, hour) => (lineOfHour.has(hour) ? [] : [hour]));
  if (missing.length > 0)
    report(
      null,
      'hour',
      'a row for every hour 0 to 23',
      `no row for hour${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`,
    );
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, factors: factors.map((factor) => factor ?? 0) };
}
