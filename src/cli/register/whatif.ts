import type { Command } from 'commander';
import { FAULT_SPEC_EXAMPLE } from '../../whatif/faultSpec.js';
import type { WhatifFlags } from '../commands/whatif.js';
import { DEFAULT_SCENARIO } from '../flags.js';

/** Runs when `--runs` is not given: a detection probability to within about ±4 points (95%). */
export const DEFAULT_WHATIF_RUNS = 500;
/** Where the package keeps its fault library (`--faults seed-risks` finds `seed-risks.yaml` there). */
export const FAULT_LIBRARY = 'scenarios/faults';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

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
    .option('--fidelity <mode>', 'aggregate (sampled counts) or request (every request)', 'aggregate')
    .option('--json', 'print a machine-readable summary on stdout instead of the list')
    .option('--quiet', 'print nothing but warnings and errors')
    .addHelpText(
      'after',
      "\nWith neither --faults nor --fault, the scenario's own faults are rehearsed.\nExit codes: 0 done, 2 bad input, 1 internal error.",
    )
    .action(async (scenario: string | undefined, flags: WhatifFlags) => {
      const { whatifCommand } = await import('../commands/whatif.js');
      await whatifCommand(scenario, flags, { stdout: process.stdout, stderr: process.stderr });
    });
}
