import { type Calibration, ObservationCalibration, RequestLogCalibration } from '../calibrate/index.js';
import { InputError } from '../errors.js';
import { deriveStream } from '../random/index.js';
import { MAX_LISTED } from '../replay/index.js';
import { type Problem, sortProblems } from '../scenario/problems.js';
import { csvRecords, fileProblem } from './csvRecords.js';
import { REQUIRED_COLUMNS } from './parseObservationRow.js';
import { readObservations } from './readObservations.js';
import {
  DEFAULT_REQUEST_LOG_COLUMNS,
  type NamedColumns,
  type RequestLogColumns,
  readRequestLog,
} from './readRequestLog.js';

/** How to read the file to calibrate from. */
export interface CalibrateOptions {
  /** Column names of a request log (defaults: what `rehearse traffic` writes). */
  columns?: Partial<RequestLogColumns>;
  /** The cohort to fit when the log has a cohort column: default `candidate`; `all` uses every row. */
  cohort?: string;
  /** Seed of the latency spreading and of the goodness-of-fit subsample (results are reproducible). */
  seed?: number;
  /** The file as the user named it, for messages (default: `path`). */
  file?: string;
}

/** Checkpoint observations have these columns; anything else is read as a request log. */
async function isObservations(path: string, file: string): Promise<boolean> {
  for await (const { cells } of csvRecords(path, file)) {
    const names = new Set(cells.map((cell) => cell.trim().toLowerCase()));
    return REQUIRED_COLUMNS.every((column) => names.has(column));
  }
  return false;
}

class Problems {
  readonly listed: Problem[] = [];
  count = 0;

  add(problems: readonly Problem[]): void {
    this.count += problems.length;
    for (const problem of problems) if (this.listed.length < MAX_LISTED) this.listed.push(problem);
  }

  throwIfAny(file: string): void {
    if (this.count === 0) return;
    const all = sortProblems(this.listed);
    if (this.count > MAX_LISTED)
      all.push(
        fileProblem(file, null, `at most ${MAX_LISTED} problems listed`, `${this.count - MAX_LISTED} more`),
      );
    throw new InputError(all);
  }
}

async function calibrateObservations(path: string, file: string): Promise<Calibration> {
  const fit = new ObservationCalibration();
  const problems = new Problems();
  for await (const item of readObservations(path, file)) {
    if (item.kind === 'row') fit.add(item.row);
    else if (item.kind === 'rejected') problems.add(item.problems);
  }
  problems.throwIfAny(file);
  return fit.finish({ file });
}

async function calibrateRequestLog(
  path: string,
  file: string,
  options: CalibrateOptions,
): Promise<Calibration> {
  const columns = { ...DEFAULT_REQUEST_LOG_COLUMNS, ...options.columns };
  const named: NamedColumns = Object.fromEntries(
    Object.keys(options.columns ?? {}).map((key) => [key, true]),
  );
  const fit = new RequestLogCalibration(deriveStream(options.seed ?? 0, 'calibrate'));
  const problems = new Problems();
  let cohort: string | null = null;
  let rows = 0;
  for await (const item of readRequestLog(path, columns, named, file)) {
    if (item.kind === 'header') {
      const wanted = options.cohort ?? 'candidate';
      cohort = item.hasCohort && wanted !== 'all' ? wanted : null;
      continue;
    }
    rows++;
    if (item.kind === 'rejected') problems.add(item.problems);
    else if (cohort === null || item.cohort === cohort) fit.add(item.request);
  }
  problems.throwIfAny(file);
  const calibration = fit.finish({ file, rows, cohort });
  if (calibration.used === 0) {
    throw new InputError([
      fileProblem(file, null, `requests of cohort ${cohort ?? 'any'}`, `none in ${rows} rows`),
    ]);
  }
  return calibration;
}

/**
 * Fits the analyzer model to a CSV file: checkpoint observations (detected by their header, see
 * docs/replay.md) or a request log, streamed in bounded memory.
 *
 * @throws InputError with every problem of the file (at most {@link MAX_LISTED} listed).
 */
export async function calibrateFile(path: string, options: CalibrateOptions = {}): Promise<Calibration> {
  const file = options.file ?? path;
  return (await isObservations(path, file))
    ? calibrateObservations(path, file)
    : calibrateRequestLog(path, file, options);
}
