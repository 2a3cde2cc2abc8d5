import type { Command } from 'commander';
import { formatCandidateYaml } from '../../calibrate/index.js';
import { InputError } from '../../errors.js';
import { calibrateFile } from '../../io/calibrateFile.js';
import type { RequestLogColumns } from '../../io/readRequestLog.js';
import { flagProblem, inFolder, quoted } from '../flags.js';
import type { TextSink } from '../reportError.js';

/** The flags as commander hands them over; a column flag is set only when the user gave it. */
export interface CalibrateFlags {
  latencyColumn?: string;
  statusColumn?: string;
  timestampColumn?: string;
  segmentColumn?: string;
  cohortColumn?: string;
  cohort?: string;
  seed?: string;
  json?: boolean;
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
 * prints the `analyzers.candidate` block (or the fit as JSON). Bad input throws `InputError`.
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

/** `rehearse calibrate <file.csv>`: the analyzer model fitted to a request log or to checkpoint observations. */
export function registerCalibrate(program: Command): void {
  program
    .command('calibrate')
    .description(
      'fit the analyzer model (error rate, lognormal latency, availability) to a request log or observations',
    )
    .argument(
      '<file>',
      'a request log (as `rehearse traffic` writes) or an observed-metrics CSV (told apart by header)',
    )
    .option('--latency-column <name>', 'latency column of a request log, ms (default latency_ms)')
    .option('--status-column <name>', 'HTTP status column of a request log (default status)')
    .option(
      '--timestamp-column <name>',
      'timestamp column, ISO-8601 or epoch ms (default timestamp, optional)',
    )
    .option('--segment-column <name>', 'segment column (default segment, optional)')
    .option('--cohort-column <name>', 'cohort column (default cohort, optional)')
    .option('--cohort <name>', 'the cohort to fit when there is a cohort column; all: every row', 'candidate')
    .option('--seed <n>', 'seed of the latency de-rounding and the goodness-of-fit subsample', '0')
    .option('--json', 'print the fit as JSON instead of the YAML block')
    .action(async (file: string, flags: CalibrateFlags) => {
      await calibrateCommand(file, flags, { stdout: process.stdout });
    });
}
