import type { Command } from 'commander';
import type { CalibrateFlags } from '../commands/calibrate.js';
import { withCommonFlags } from '../commonFlags.js';

/** `rehearse calibrate <file.csv>`: the analyzer model fitted to a request log or to checkpoint observations. */
export function registerCalibrate(program: Command): void {
  const command = program
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
    .option(
      '--cohort <name>',
      'the cohort to fit when there is a cohort column (baseline: printed as analyzers.baseline); all: every row',
      'candidate',
    )
    .option('--seed <n>', 'seed of the latency de-rounding and the goodness-of-fit subsample', '0');
  withCommonFlags(command, ['json']).action(async (file: string, flags: CalibrateFlags) => {
    const { calibrateCommand } = await import('../commands/calibrate.js');
    await calibrateCommand(file, flags, { stdout: process.stdout });
  });
}
