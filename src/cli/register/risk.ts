import type { Command } from 'commander';
import { formatCount } from '../../gates/format.js';
import type { RiskFlags } from '../commands/risk.js';
import { EXIT_FAIL_ON, FAIL_ON_THRESHOLD_HELP } from '../failOn/failOnTerm.js';
import { collect, DEFAULT_SCENARIO } from '../flags.js';

/** Runs of a study when `--runs` is not given. */
export const DEFAULT_RUNS = 10_000;

/** `rehearse risk [scenario]`: a Monte Carlo over many rehearsals; writes risk.json, risk.md and risk.html. */
export function registerRisk(program: Command): void {
  program
    .command('risk')
    .description('rehearse a rollout many times on all cores; write risk.json, risk.md and risk.html')
    .argument('[scenario]', `scenario file (YAML or JSON); default ${DEFAULT_SCENARIO}`)
    .option('--runs <n>', `rehearsals (default ${formatCount(DEFAULT_RUNS)})`)
    .option(
      '--workers <n>',
      'threads: the main one and n − 1 workers (default: the number of cores; 1 runs on the main thread)',
    )
    .option(
      '--seed <n>',
      "master seed, a non-negative integer (overrides the scenario's); run i uses runSeed(seed, i)",
    )
    .option('--fidelity <mode>', 'aggregate (sampled counts) or request (every request)', 'aggregate')
    .option('--no-approve', 'do not approve manual phases: the rollout halts at the first one')
    .option(
      '--shard <i/n>',
      'rehearse only slice i of n of the runs and write a partial file for `rehearse merge`',
    )
    .option('--out <dir>', 'output folder (default reports/<scenario file name>/)')
    .option('--no-report', 'write risk.json only, without rendering risk.md and risk.html')
    .option('--json', 'print a machine-readable summary on stdout instead of the table')
    .option('--quiet', 'print nothing but errors')
    .option(
      '--fail-on <threshold>',
      `exit with code ${EXIT_FAIL_ON} when a probability crosses a threshold, e.g. 'false-rollback>5%', 'complete<90%@ci'; names: complete, rollback, false-rollback, true-rollback, halt; repeatable`,
      collect,
    )
    .addHelpText(
      'after',
      `${FAIL_ON_THRESHOLD_HELP}\nExit codes: 0 done, ${EXIT_FAIL_ON} a --fail-on threshold was crossed, 2 bad input, 1 internal error.\n`,
    )
    .action(async (scenario: string | undefined, flags: RiskFlags) => {
      const { riskCommand } = await import('../commands/risk.js');
      const code = await riskCommand(scenario, flags, { stdout: process.stdout, stderr: process.stderr });
      if (code !== 0) process.exitCode = code;
    });
}
