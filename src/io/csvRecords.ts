import { createReadStream } from 'node:fs';
import { CsvError, parse } from 'csv-parse';
import { InputError } from '../errors.js';
import type { Problem } from '../scenario/problems.js';
import { describeReadError } from './describeReadError.js';

/** One CSV record with the line it ends on (1-based; the header is line 1 in a file without blank lines). */
export interface CsvRecord {
  line: number;
  cells: string[];
  /** Bytes of the file read so far (read ahead of the record, by up to one chunk), for progress. */
  bytesRead: number;
}

/** A problem about the file as a whole (or a line of it, when known). */
export function fileProblem(file: string, line: number | null, expected: string, found: string): Problem {
  return { file, line, column: null, path: '', expected, found };
}

function unreadable(file: string, error: unknown): InputError {
  if (error instanceof CsvError) {
    const line = typeof error.lines === 'number' ? error.lines : null;
    return new InputError([fileProblem(file, line, 'well-formed CSV', error.message)]);
  }
  return new InputError([fileProblem(file, null, 'a readable CSV file', describeReadError(error))]);
}

/**
 * The records of a CSV file, streamed through csv-parse so that only the current record is held: files
 * of millions of rows are read in bounded memory. Rows may have any number of cells (the caller checks
 * them against its header); blank lines are skipped; a UTF-8 BOM is dropped.
 *
 * @throws InputError when the file cannot be read or its quoting is broken (naming the line).
 */
export async function* csvRecords(path: string, file: string = path): AsyncGenerator<CsvRecord> {
  const source = createReadStream(path);
  const parser = source.pipe(
    parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true }),
  );
  // `pipe` does not forward the source's errors (a missing file): hand them to the parser being iterated.
  source.on('error', (error) => parser.destroy(error));
  try {
    for await (const { info, record } of parser as AsyncIterable<{
      info: { lines: number };
      record: string[];
    }>) {
      yield { line: info.lines, cells: record, bytesRead: source.bytesRead };
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw unreadable(file, error);
  } finally {
    source.destroy();
    parser.destroy();
  }
}
