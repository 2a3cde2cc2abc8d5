import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import {
  EFFECT_SAMPLE_COLUMNS,
  type EffectSampleColumn,
  type EffectSamples,
} from '../finance/effectSamples.js';
import type { Problem } from '../scenario/problems.js';
import { fileProblem } from './csvRecords.js';
import { describeReadError } from './describeReadError.js';

const EXPECTED_HEADER = `a header row naming columns among ${EFFECT_SAMPLE_COLUMNS.join(', ')}, with revenueUplift`;

/** Reads a CSV of bootstrap effect samples (see {@link parseEffectSamples}); `InputError` on any problem. */
export async function readEffectSamples(path: string): Promise<EffectSamples> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const found = describeReadError(error);
    throw new InputError([fileProblem(path, null, 'a readable CSV file', found)]);
  }
  return parseEffectSamples(text, path);
}

/**
 * Parses bootstrap samples of the A/B test's effects: a header naming `revenueUplift` and optionally
 * `completionUplift` and `churnChange`, then one row per bootstrap replicate of fractions ≥ −1. Blank
 * lines and `#` comments are skipped. Collects every problem (file, line, column name) and throws one
 * `InputError` with all of them.
 *
 * @example parseEffectSamples('revenueUplift\n0.051\n0.064\n', 'boot.csv').revenueUplift // [0.051, 0.064]
 */
export function parseEffectSamples(text: string, file: string): EffectSamples {
  const problem = (line: number | null, path: string, expected: string, found: string): Problem => ({
    file,
    line,
    column: null,
    path,
    expected,
    found,
  });
  let rows: Array<{ record: string[]; info: { lines: number } }>;
  try {
    rows = parse(text, { info: true, skip_empty_lines: true, trim: true, bom: true, comment: '#' }) as never;
  } catch (error) {
    const lines = (error as { lines?: unknown }).lines;
    throw new InputError([
      problem(typeof lines === 'number' ? lines : null, '', 'well-formed CSV', (error as Error).message),
    ]);
  }
  const [header, ...body] = rows;
  if (header === undefined) throw new InputError([problem(null, '', EXPECTED_HEADER, 'an empty file')]);
  const problems: Problem[] = [];
  const columns = header.record.map((name) => {
    if ((EFFECT_SAMPLE_COLUMNS as readonly string[]).includes(name)) return name as EffectSampleColumn;
    problems.push(problem(header.info.lines, name, EXPECTED_HEADER, `a column "${name}"`));
    return null;
  });
  if (!columns.includes('revenueUplift')) {
    problems.push(problem(header.info.lines, 'revenueUplift', EXPECTED_HEADER, 'no revenueUplift column'));
  }
  if (body.length === 0) problems.push(problem(null, '', 'at least one row of samples', 'only a header'));
  const values: Record<EffectSampleColumn, number[]> = {
    revenueUplift: [],
    completionUplift: [],
    churnChange: [],
  };
  for (const { record, info } of body) {
    columns.forEach((column, index) => {
      if (column === null) return;
      const cell = record[index] ?? '';
      const value = cell === '' ? Number.NaN : Number(cell);
      if (Number.isFinite(value) && value >= -1) values[column].push(value);
      else
        problems.push(
          problem(
            info.lines,
            column,
            'a fraction ≥ -1 (0.058 is +5.8%)',
            cell === '' ? 'nothing' : `"${cell}"`,
          ),
        );
    });
  }
  if (problems.length > 0) throw new InputError(problems);
  return {
    file,
    revenueUplift: values.revenueUplift,
    completionUplift: columns.includes('completionUplift') ? values.completionUplift : null,
    churnChange: columns.includes('churnChange') ? values.churnChange : null,
  };
}
