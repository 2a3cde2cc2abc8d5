import { basename, extname, join } from 'node:path';
import type { Command } from 'commander';
import type { Fidelity, OutcomeStatus } from '../../engine/rehearsal.js';
import { rehearseScenario } from '../../io/rehearseScenario.js';
import {
  buildRunJsonSummary,
  COLOR_STYLE,
  formatOutcomeLine,
  formatOutcomeTable,
  PLAIN_STYLE,
} from '../../report/index.js';
import type { Problem } from '../../scenario/problems.js';
import {
  DEFAULT_SCENARIO,
  fidelityFlag,
  flagProblem,
  outFlag,
  printFlags,
  quoted,
  resolveScenario,
  seedFlag,
  throwIfProblems,
} from '../flags.js';
import type { TextSink } from '../reportError.js';
import { writeOutputs } from '../writeOutputs.js';

export { DEFAULT_SCENARIO } from '../flags.js';

/** Exit code when the rehearsal's outcome matched `--fail-on` (0, 1 and 2 keep their meaning). */
export const EXIT_FAIL_ON = 3;

const FAIL_ON = ['rollback', 'halt', 'any'] as const;
type FailOn = (typeof FAIL_ON)[number];

/** The flags as commander hands them over: strings, not yet validated. */
export interface RunFlags {
  seed?: string;
  out?: string;
  fidelity?: string;
  approve?: boolean;
  json?: boolean;
  quiet?: boolean;
  failOn?: string;
}

/** Validated flags. */
interface RunOptions {
  seed: number | undefined;
  out: string | undefined;
  fidelity: Fidelity;
  approve: boolean;
  json: boolean;
  quiet: boolean;
  failOn: FailOn | undefined;
}

/** Where the command prints, and the folder relative paths start from. */
export interface RunContext {
  stdout: TextSink;
  stderr: TextSink;
  /** Colour the terminal summary (stdout is a TTY and NO_COLOR is unset). */
  color: boolean;
  /** Omitted: the process' current folder, and paths are used (and quoted in errors) as the user typed them. */
  cwd?: string;
}

/** Validates every flag and reports all bad ones at once: `--seed: expected a non-negative integer, found "x"`. */
export function parseRunFlags(flags: RunFlags): RunOptions {
  const problems: Problem[] = [];
  const seed = seedFlag(flags.seed, problems);
  const fidelity = fidelityFlag(flags.fidelity, problems);
  if (flags.failOn !== undefined && !(FAIL_ON as readonly string[]).includes(flags.failOn)) {
    problems.push(flagProblem('--fail-on', `one of ${FAIL_ON.join(', ')}`, quoted(flags.failOn)));
  }
  const out = outFlag(flags.out, problems);
  throwIfProblems(problems);
  return {
    seed,
    out,
    fidelity,
    approve: flags.approve ?? true,
    ...printFlags(flags),
    failOn: flags.failOn as FailOn | undefined,
  };
}

/** Whether the outcome is one `--fail-on` names. */
function matchesFailOn(failOn: FailOn | undefined, status: OutcomeStatus): boolean {
  switch (failOn) {
    case undefined:
      return false;
    case 'rollback':
      return status === 'rolled-back';
    case 'halt':
      return status === 'halted';
    case 'any':
      return status !== 'completed';
  }
}

/**
 * `rehearse run [scenario]` as a function, for the CLI and for tests: validates the flags, rehearses,
 * writes the files atomically, prints the summary, and returns the exit code (0, or 3 when the outcome
 * matched `--fail-on`). Bad input throws `InputError` before anything is written.
 */
export async function runCommand(
  scenario: string | undefined,
  flags: RunFlags,
  context: RunContext,
): Promise<number> {
  const options = parseRunFlags(flags);
  const { path, file } = resolveScenario(scenario, context.cwd);
  const outDir = options.out ?? join('reports', basename(file, extname(file)));
  const { results, files } = await rehearseScenario({
    scenarioPath: path,
    scenarioFile: file,
    seed: options.seed,
    fidelity: options.fidelity,
    approve: options.approve,
  });
  const written = await writeOutputs(context.cwd, outDir, files);

  for (const warning of results.warnings) context.stderr.write(`warning: ${warning}\n`);
  if (options.json) {
    context.stdout.write(`${JSON.stringify(buildRunJsonSummary(results, written), null, 2)}\n`);
  } else if (!options.quiet) {
    const style = context.color ? COLOR_STYLE : PLAIN_STYLE;
    context.stdout.write(`${formatOutcomeTable(results, style)}\n${formatOutcomeLine(results, style)}\n\n`);
    context.stdout.write(`wrote ${written.join('\n      ')}\n`);
  }
  return matchesFailOn(options.failOn, results.outcome.status) ? EXIT_FAIL_ON : 0;
}

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
    .option('--json', 'print a machine-readable summary on stdout instead of the table')
    .option('--quiet', 'print nothing but warnings and errors')
    .option(
      '--fail-on <outcome>',
      `exit with code ${EXIT_FAIL_ON} when the outcome is: rollback, halt or any (not completed)`,
    )
    .addHelpText(
      'after',
      `\nExit codes: 0 done (whatever the outcome), ${EXIT_FAIL_ON} the outcome matched --fail-on, 2 bad input, 1 internal error.\n`,
    )
    .action(async (scenario: string | undefined, flags: RunFlags) => {
      const code = await runCommand(scenario, flags, {
        stdout: process.stdout,
        stderr: process.stderr,
        color: process.stdout.isTTY === true && !process.env.NO_COLOR,
      });
      if (code !== 0) process.exitCode = code;
    });
}
