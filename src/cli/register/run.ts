import type { Command } from 'commander';
import type { RunFlags } from '../commands/run.js';
import { SCENARIO_ARGUMENT, withCommonFlags } from '../commonFlags.js';

/** Exit code when the rehearsal's outcome matched `--fail-on` (0, 1 and 2 keep their meaning). */
export const EXIT_FAIL_ON = 3;

/** `rehearse run [scenario]`: one rehearsal; writes results.json, checkpoints.csv, summary.md and summary.html. */
export function registerRun(program: Command): void {
  const command = program
    .command('run')
    .description('rehearse a rollout once; write results.json, checkpoints.csv, summary.md and summary.html')
    .argument(SCENARIO_ARGUMENT.syntax, SCENARIO_ARGUMENT.help);
  withCommonFlags(command, ['seed', 'out', 'fidelity', 'approve', 'json', 'quiet'])
    .option(
      '--fail-on <outcome>',
      `exit with code ${EXIT_FAIL_ON} when the outcome is: rollback, halt or any (not completed)`,
    )
    .addHelpText(
      'after',
      `\nExit codes: 0 done (whatever the outcome), ${EXIT_FAIL_ON} the outcome matched --fail-on, 2 bad input, 1 internal error.\n`,
    )
    .action(async (scenario: string | undefined, flags: RunFlags) => {
      const { runCommand } = await import('../commands/run.js');
      const code = await runCommand(scenario, flags, {
        stdout: process.stdout,
        stderr: process.stderr,
        color: process.stdout.isTTY === true && !process.env.NO_COLOR,
      });
      if (code !== 0) process.exitCode = code;
    });
}
