import type { Command } from 'commander';
import type { RunFlags } from '../commands/run.js';
import { SCENARIO_ARGUMENT, withCommonFlags } from '../commonFlags.js';
import { EXIT_FAIL_ON } from '../failOn/failOnTerm.js';
import { collect } from '../flags.js';

/** `rehearse run [scenario]`: one rehearsal; writes results.json, checkpoints.csv, summary.md and summary.html. */
export function registerRun(program: Command): void {
  const command = program
    .command('run')
    .description('rehearse a rollout once; write results.json, checkpoints.csv, summary.md and summary.html')
    .argument(SCENARIO_ARGUMENT.syntax, SCENARIO_ARGUMENT.help);
  withCommonFlags(command, ['seed', 'out', 'fidelity', 'approve', 'report', 'json', 'quiet'])
    .option(
      '--fail-on <outcome>',
      `exit with code ${EXIT_FAIL_ON} when the outcome is: rollback, halt or any (not completed); repeatable`,
      collect,
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
