import type { Command } from 'commander';
import { FAULT_SPEC_EXAMPLE } from '../../whatif/faultSpec.js';
import type { WhatifFlags } from '../commands/whatif.js';
import { EXIT_FAIL_ON, FAIL_ON_THRESHOLD_HELP } from '../failOn/failOnTerm.js';
import { collect, DEFAULT_SCENARIO } from '../flags.js';

/** Runs when `--runs` is not given: a detection probability to within about ±4 points (95%). */
export const DEFAULT_WHATIF_RUNS = 500;
/** Where the package keeps its fault library (`--faults seed-risks` finds `seed-risks.yaml` there). */
export const FAULT_LIBRARY = 'scenarios/faults';

/** `rehearse whatif [scenario]`: the plan with and without each fault, side by side. */
export function registerWhatif(program: Command): void {
  program
    .command('whatif')
    .description(
      'rehearse the plan with and without each fault; write whatif.json, whatif.md and whatif.html',
    )
    .argument('[scenario]', `scenario file (YAML or JSON); default ${DEFAULT_SCENARIO}`)
    .option(
      '--faults <file>',
      `a fault file (repeatable); a bare name is looked up in the package's ${FAULT_LIBRARY}/`,
      collect,
    )
    .option('--fault <spec>', `one fault (repeatable), e.g. ${FAULT_SPEC_EXAMPLE}`, collect)
    .option('--runs <n>', `seeded runs per fault (default ${DEFAULT_WHATIF_RUNS})`)
    .option(
      '--workers <n>',
      'threads: the main one and n − 1 workers (default: the number of cores; 1 runs on the main thread)',
    )
    .option('--seed <n>', "master seed, a non-negative integer (overrides the scenario's)")
    .option('--out <dir>', 'output folder (default reports/<scenario file name>/)')
    .option('--no-report', 'write whatif.json only, without rendering whatif.md and whatif.html')
    .option('--fidelity <mode>', 'aggregate (sampled counts) or request (every request)', 'aggregate')
    .option('--json', 'print a machine-readable summary on stdout instead of the list')
    .option('--quiet', 'print nothing but warnings and errors')
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
