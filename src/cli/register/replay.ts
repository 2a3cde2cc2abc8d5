import type { Command } from 'commander';
import type { ReplayFlags } from '../commands/replay.js';
import { withCommonFlags } from '../commonFlags.js';
import { EXIT_FAIL_ON } from '../failOn/failOnTerm.js';
import { collect, DEFAULT_SCENARIO } from '../flags.js';

/** `rehearse replay <observed.csv>`: recorded metrics through the plan's own gates and guards (docs/replay.md). */
export function registerReplay(program: Command): void {
  const command = program
    .command('replay')
    .description('run recorded metrics (CSV) through the same gate and guard logic as a rehearsal')
    .argument('<observed>', 'observed metrics CSV (docs/replay.md)')
    .option('--scenario <file>', `the plan whose gates and guards apply (default ${DEFAULT_SCENARIO})`)
    .option('--lenient', 'skip bad rows with a warning (counted in results.json) instead of failing')
    .option(
      '--phase-start <phase=time>',
      "when a phase started, e.g. canary=2025-10-31T12:00:00Z (repeat per phase); default: a phase's first ISO row is its first checkpoint",
      collect,
    );
  withCommonFlags(command, ['out', 'report', 'json', 'quiet'], 'reports/<csv name>-replay/')
    .option(
      '--fail-on <condition>',
      `exit with code ${EXIT_FAIL_ON} when the outcome is rollback, halt, partial (a phase without rows) or any (not completed), or on small-sample (an error-rate gate passed only because its sample was small); repeatable`,
      collect,
    )
    .addHelpText(
      'after',
      `\nExit codes: 0 done (whatever the outcome), ${EXIT_FAIL_ON} a --fail-on condition matched (the reason on stderr), 2 bad input, 1 internal error.\n`,
    )
    .action(async (observed: string, flags: ReplayFlags) => {
      const { replayCommand } = await import('../commands/replay.js');
      const code = await replayCommand(observed, flags, {
        stdout: process.stdout,
        stderr: process.stderr,
        color: process.stdout.isTTY === true && !process.env.NO_COLOR,
      });
      if (code !== 0) process.exitCode = code;
    });
}
