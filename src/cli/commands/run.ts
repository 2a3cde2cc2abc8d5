import { basename, extname, join } from 'node:path';
import type { Fidelity } from '../../engine/rehearsal.js';
import { rehearseScenario } from '../../io/rehearseScenario.js';
import {
  buildRunJsonSummary,
  COLOR_STYLE,
  formatOutcomeLine,
  formatOutcomeTable,
  PLAIN_STYLE,
} from '../../report/index.js';
import type { Problem } from '../../scenario/problems.js';
import type { CommonFlagValues } from '../commonFlags.js';
import {
  type FailOnTerm,
  outcomeFailures,
  parseFailOn,
  RUN_FAIL_ON,
  reportFailures,
} from '../failOn/index.js';
import { fidelityFlag, outFlag, printFlags, resolveScenario, seedFlag, throwIfProblems } from '../flags.js';
import type { TextSink } from '../reportError.js';
import { writeOutputs } from '../writeOutputs.js';

export { DEFAULT_SCENARIO } from '../flags.js';

/** The flags as commander hands them over: strings, not yet validated. */
export interface RunFlags
  extends Pick<CommonFlagValues, 'seed' | 'out' | 'fidelity' | 'approve' | 'report' | 'json' | 'quiet'> {
  /** `--fail-on`, repeatable: one value, or every value given. */
  failOn?: string | string[];
}

/** Validated flags. */
interface RunOptions {
  seed: number | undefined;
  out: string | undefined;
  fidelity: Fidelity;
  approve: boolean;
  report: boolean;
  json: boolean;
  quiet: boolean;
  failOn: FailOnTerm[];
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
  const failOn = parseFailOn(flags.failOn, RUN_FAIL_ON, problems);
  const out = outFlag(flags.out, problems);
  throwIfProblems(problems);
  return {
    seed,
    out,
    fidelity,
    approve: flags.approve ?? true,
    report: flags.report ?? true,
    ...printFlags(flags),
    failOn,
  };
}

/**
 * `rehearse run [scenario]` as a function, for the CLI and for tests: validates the flags, rehearses,
 * writes the files atomically, prints the summary, and returns the exit code (0, or 3 when the outcome
 * matched `--fail-on`, with the reason on stderr). Bad input throws `InputError` before anything is written.
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
    report: options.report,
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
  return reportFailures(outcomeFailures(options.failOn, results), context.stderr);
}
