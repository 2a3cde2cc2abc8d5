import type { Command } from 'commander';
import { DEFAULT_SCENARIO } from './flags.js';

/** The values commander hands over for the flags several commands share, as typed (flags.ts checks them). */
export interface CommonFlagValues {
  seed?: string;
  out?: string;
  fidelity?: string;
  /** `--no-approve` sets it false. */
  approve?: boolean;
  workers?: string;
  /** `--no-report` sets it false. */
  report?: boolean;
  json?: boolean;
  quiet?: boolean;
}

/** One shared flag as commander declares it: its syntax, its one help text, its default. */
interface CommonFlag {
  syntax: string;
  help: string;
  defaultValue?: string;
}

/**
 * Every flag that more than one command takes, by the name commander gives its value: each is declared
 * from here, so a flag reads and behaves the same in every command's help.
 */
export const COMMON_FLAGS = {
  seed: { syntax: '--seed <n>', help: "master seed, a non-negative integer (overrides the scenario's)" },
  out: { syntax: '--out <dir>', help: 'output folder' },
  fidelity: {
    syntax: '--fidelity <mode>',
    help: 'aggregate (sampled counts) or request (every request)',
    defaultValue: 'aggregate',
  },
  approve: {
    syntax: '--no-approve',
    help: 'do not approve manual phases: the rollout halts at the first one',
  },
  workers: {
    syntax: '--workers <n>',
    help: 'threads: the main one and n − 1 workers (default: the number of cores; 1 runs on the main thread)',
  },
  report: {
    syntax: '--no-report',
    help: "write the results data only (the JSON file, and a run's checkpoints.csv), without the Markdown and HTML report",
  },
  json: { syntax: '--json', help: 'print machine-readable JSON on stdout instead of the text' },
  quiet: { syntax: '--quiet', help: 'print nothing but warnings and errors' },
} as const satisfies Record<keyof CommonFlagValues, CommonFlag>;

/** Where `--out` writes when it is not given, for the commands that write into a scenario's folder. */
const SCENARIO_OUT = 'reports/<scenario file name>/';

/** The `[scenario]` argument of the commands that rehearse a scenario file. */
export const SCENARIO_ARGUMENT = {
  syntax: '[scenario]',
  help: `scenario file (YAML or JSON); default ${DEFAULT_SCENARIO}`,
} as const;

/**
 * Declares the shared flags `names` on `command`, in that order; `--out` says where it writes by default
 * (`outDefault`, else the scenario's folder under reports/).
 *
 * @example withCommonFlags(program.command('merge'), ['out', 'json', 'quiet'])
 */
export function withCommonFlags(
  command: Command,
  names: ReadonlyArray<keyof CommonFlagValues>,
  outDefault = SCENARIO_OUT,
): Command {
  for (const name of names) {
    const flag: CommonFlag = COMMON_FLAGS[name];
    const help = name === 'out' ? `${flag.help} (default ${outDefault})` : flag.help;
    if (flag.defaultValue === undefined) command.option(flag.syntax, help);
    else command.option(flag.syntax, help, flag.defaultValue);
  }
  return command;
}
