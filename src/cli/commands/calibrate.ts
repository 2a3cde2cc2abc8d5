import { formatCandidateYaml } from '../../calibrate/index.js';
import { InputError } from '../../errors.js';
import { calibrateFile } from '../../io/calibrateFile.js';
import type { RequestLogColumns } from '../../io/readRequestLog.js';
import type { CommonFlagValues } from '../commonFlags.js';
import { flagProblem, inFolder, quoted } from '../flags.js';
import type { TextSink } from '../reportError.js';

/** The flags as commander hands them over; a column flag is set only when the user gave it. */
export interface CalibrateFlags extends Pick<CommonFlagValues, 'json'> {
  latencyColumn?: string;
  statusColumn?: string;
  timestampColumn?: string;
  segmentColumn?: string;
  cohortColumn?: string;
  cohort?: string;
  /** Not the master seed of the common flags: calibrate's own streams, 0 by default. */
  seed?: string;
}

const COLUMN_FLAGS: ReadonlyArray<[keyof CalibrateFlags, keyof RequestLogColumns]> = [
  ['latencyColumn', 'latency'],
  ['statusColumn', 'status'],
  ['timestampColumn', 'timestamp'],
  ['segmentColumn', 'segment'],
  ['cohortColumn', 'cohort'],
];

/**
 * `rehearse calibrate <file.csv>` as a function, for the CLI and for tests: fits the analyzer model and
 * prints the `analyzers.candidate` block (`analyzers.baseline` with `--cohort baseline`), or the fit as
 * JSON. Bad input throws `InputError`.
 */
export async function calibrateCommand(
  file: string,
  flags: CalibrateFlags,
  context: { stdout: TextSink; cwd?: string },
): Promise<number> {
  const seedText = flags.seed ?? '0';
  const seed = /^\d+$/.test(seedText) ? Number(seedText) : Number.NaN;
  if (!Number.isSafeInteger(seed)) {
    const expected = 'a non-negative integer (at most 2^53 - 1)';
    throw new InputError([flagProblem('--seed', expected, quoted(seedText))]);
  }
  const columns: Partial<RequestLogColumns> = {};
  for (const [flag, column] of COLUMN_FLAGS) {
    const name = flags[flag];
    if (typeof name === 'string') columns[column] = name;
  }
  const path = inFolder(context.cwd, file);
  const calibration = await calibrateFile(path, { columns, cohort: flags.cohort ?? 'candidate', seed, file });
  context.stdout.write(
    flags.json ? `${JSON.stringify(calibration, null, 2)}\n` : formatCandidateYaml(calibration),
  );
  return 0;
}
