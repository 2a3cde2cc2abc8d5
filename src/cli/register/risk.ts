import type { Command } from 'commander';
import { formatCount } from '../../gates/format.js';
import type { Problem } from '../../scenario/problems.js';
import type { RiskFlags } from '../commands/risk.js';
import { SCENARIO_ARGUMENT, withCommonFlags } from '../commonFlags.js';
import { EXIT_FAIL_ON, FAIL_ON_THRESHOLD_HELP } from '../failOn/failOnTerm.js';
import { collect, workersFlag } from '../flags.js';

/** Runs of a study when `--runs` is not given. */
export const DEFAULT_RUNS = 10_000;

/** `rehearse risk [scenario]`: a Monte Carlo over many rehearsals; writes risk.json, risk.md and risk.html. */
export function registerRisk(program: Command): void {
  const command = program
    .command('risk')
    .description('rehearse a rollout many times on all cores; write risk.json, risk.md and risk.html')
    .argument(SCENARIO_ARGUMENT.syntax, SCENARIO_ARGUMENT.help)
    .option('--runs <n>', `rehearsals (default ${formatCount(DEFAULT_RUNS)})`)
    .option(
      '--shard <i/n>',
      'rehearse only slice i of n of the runs and write a partial file for `rehearse merge`',
    )
    .option(
      '--cache <dir>',
      "keep the plan's exact analysis in this folder and reuse it while the plan and the tool are unchanged",
    );
  withCommonFlags(command, ['workers', 'seed', 'fidelity', 'approve', 'out', 'report', 'json', 'quiet'])
    .option(
      '--fail-on <threshold>',
      `exit with code ${EXIT_FAIL_ON} when a probability crosses a threshold, e.g. 'false-rollback>5%', 'complete<90%@ci'; names: complete, rollback, false-rollback, true-rollback, halt; repeatable`,
      collect,
    )
    .addHelpText(
      'after',
      `\nRun i of the study is rehearsed at seed runSeed(seed, i), as \`rehearse run --seed\` would.\n${FAIL_ON_THRESHOLD_HELP}\nExit codes: 0 done, ${EXIT_FAIL_ON} a --fail-on threshold was crossed, 2 bad input, 1 internal error.\n`,
    )
    .action(async (scenario: string | undefined, flags: RiskFlags) => {
      // The worker threads start while the command's own modules load (riskCommand checks the flags).
      const problems: Problem[] = [];
      const workers = workersFlag(flags.workers, problems);
      if (problems.length === 0) {
        const { prestartRiskWorkers } = await import('../../io/riskPool.js');
        prestartRiskWorkers(workers);
      }
      const { riskCommand } = await import('../commands/risk.js');
      const code = await riskCommand(scenario, flags, { stdout: process.stdout, stderr: process.stderr });
      if (code !== 0) process.exitCode = code;
    });
}
