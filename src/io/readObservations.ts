import { InputError } from '../errors.js';
import {
  MAX_LISTED,
  type ObservationRow,
  type Replay,
  ReplayBuilder,
  type ReplayOptions,
} from '../replay/index.js';
import type { Plan } from '../scenario/plan.js';
import { type Problem, sortProblems } from '../scenario/problems.js';
import { csvRecords, fileProblem } from './csvRecords.js';
import {
  type ObservationHeader,
  parseObservationHeader,
  parseObservationRow,
  REQUIRED_COLUMNS,
} from './parseObservationRow.js';

/** What the reader hands on, in file order: the header once, then each row or the problems of a row. */
export type ObservationItem =
  | { kind: 'header'; header: ObservationHeader }
  | { kind: 'row'; row: ObservationRow }
  | { kind: 'rejected'; line: number; problems: Problem[] };

/**
 * Streams an observed-metrics CSV (docs/replay.md) row by row, in bounded memory: nothing but the current
 * record is held. Yields the header, then each row typed or with its problems (the caller decides whether
 * a bad row is fatal or skipped with `--lenient`).
 *
 * @throws InputError when nothing can be read: no such file, broken CSV quoting, an empty file, a header
 *   without the required columns, or no data rows.
 */
export async function* readObservations(path: string, file: string = path): AsyncGenerator<ObservationItem> {
  let header: ObservationHeader | null = null;
  let dataRows = 0;
  for await (const { line, cells } of csvRecords(path, file)) {
    if (header === null) {
      const parsed = parseObservationHeader(cells, file);
      if (!parsed.ok) throw new InputError(parsed.problems);
      header = parsed.header;
      yield { kind: 'header', header };
      continue;
    }
    dataRows++;
    const parsed = parseObservationRow(cells, line, header, file);
    yield parsed.ok
      ? { kind: 'row', row: parsed.row }
      : { kind: 'rejected', line, problems: parsed.problems };
  }
  if (header === null)
    throw new InputError([
      fileProblem(file, null, `a header row (${REQUIRED_COLUMNS.join(', ')})`, 'an empty file'),
    ]);
  if (dataRows === 0)
    throw new InputError([fileProblem(file, 2, 'at least one data row', 'only the header')]);
}

/**
 * Replays an observed-metrics CSV through a plan's gates, streaming: each row goes from the reader to the
 * {@link ReplayBuilder} and is dropped. Throws {@link InputError} with every problem found (at most
 * {@link MAX_LISTED} listed) unless `lenient`, in which case bad rows are skipped and counted.
 *
 * @example const { rehearsal, replay } = await replayObservationsFile('obs.csv', plan, { lenient: false })
 */
export async function replayObservationsFile(
  path: string,
  plan: Plan,
  options: Omit<ReplayOptions, 'file'> & { file?: string },
): Promise<Replay> {
  const file = options.file ?? path;
  const builder = new ReplayBuilder(plan, { ...options, file });
  for await (const item of readObservations(path, file)) {
    if (item.kind === 'header') builder.ignoredColumns(item.header.ignored);
    else if (item.kind === 'row') builder.row(item.row);
    else builder.rejected(item.line, item.problems);
  }
  const result = builder.finish();
  if (!result.ok) throw new InputError(sortProblems(result.problems));
  return result.replay;
}
