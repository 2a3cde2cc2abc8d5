import type { Command } from 'commander';
import type { RunFlags } from '../commands/run.js';
import { EXIT_FAIL_ON } from '../failOn/failOnTerm.js';
import { collect, DEFAULT_SCENARIO } from '../flags.js';

/** `rehearse run [scenario]`: one rehearsal; writes results.json, checkpoints.csv, summary.md and summary.html. */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description('rehearse a rollout once; write results.json, checkpoints.csv, summary.md and summary.html')
    .argument('[scenario]', `scenario file (YAML or JSON); default ${DEFAULT_SCENARIO}`)
    .option('--seed <n>', "master seed, a non-negative integer (overrides the scenario's)")
    .option('--out <dir>', 'output folder (default reports/<scenario file name>/)')
    .option('--fidelity <mode>', 'aggregate (sampled counts) or request (every request)', 'aggregate')
    .option('--no-approve', 'do not approve manual phases: the rollout halts at the first one')
    .option(
      '--no-report',
      'write results.json and checkpoints.csv only, without rendering summary.md and summary.html',
    )
    .option('--json', 'print a machine-readable summary on stdout instead of the table')
    .option('--quiet', 'print nothing but warnings and errors')
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
