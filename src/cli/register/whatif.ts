import type { Command } from 'commander';
import { FAULT_SPEC_EXAMPLE } from '../../whatif/faultSpec.js';
import type { WhatifFlags } from '../commands/whatif.js';
import { SCENARIO_ARGUMENT, withCommonFlags } from '../commonFlags.js';
import { EXIT_FAIL_ON, FAIL_ON_THRESHOLD_HELP } from '../failOn/failOnTerm.js';
import { collect } from '../flags.js';

/** Runs when `--runs` is not given: a detection probability to within about ±4 points (95%). */
export const DEFAULT_WHATIF_RUNS = 500;
/** Where the package keeps its fault library (`--faults seed-risks` finds `seed-risks.yaml` there). */
export const FAULT_LIBRARY = 'scenarios/faults';

/** `rehearse whatif [scenario]`: the plan with and without each fault, side by side. */
export function registerWhatif(program: Command): void {
  const command = program
    .command('whatif')
    .description(
      'rehearse the plan with and without each fault; write whatif.json, whatif.md and whatif.html',
    )
    .argument(SCENARIO_ARGUMENT.syntax, SCENARIO_ARGUMENT.help)
    .option(
      '--faults <file>',
      `a fault file (repeatable); a bare name is looked up in the package's ${FAULT_LIBRARY}/`,
      collect,
    )
    .option('--fault <spec>', `one fault (repeatable), e.g. ${FAULT_SPEC_EXAMPLE}`, collect)
    .option('--runs <n>', `seeded runs per fault (default ${DEFAULT_WHATIF_RUNS})`);
  withCommonFlags(command, ['workers', 'seed', 'out', 'report', 'fidelity', 'json', 'quiet'])
    .option(
      '--fail-on <condition>',
      `exit with code ${EXIT_FAIL_ON} on undetected (a fault missed in a run in which it began), claim (a contingency claim that does not hold in every such run), or a threshold on each fault's detected, undetected or claim share, e.g. 'detected<95%'; repeatable`,
      collect,
    )
    .addHelpText(
      'after',
      `\nWith neither --faults nor --fault, the scenario's own faults are rehearsed. Every share is among the runs in which the fault began.\n${FAIL_ON_THRESHOLD_HELP}\nExit codes: 0 done, ${EXIT_FAIL_ON} a --fail-on condition matched, 2 bad input, 1 internal error.\n`,
    )
    .action(async (scenario: string | undefined, flags: WhatifFlags) => {
      const { whatifCommand } = await import('../commands/whatif.js');
      const code = await whatifCommand(scenario, flags, { stdout: process.stdout, stderr: process.stderr });
      if (code !== 0) process.exitCode = code;
    });
}
