import { InputError } from '../../errors.js';
import { readScenario } from '../../io/readScenario.js';
import type { Plan } from '../../scenario/plan.js';
import { reachWarnings } from '../../scenario/reachableRequests.js';
import type { CommonFlagValues } from '../commonFlags.js';
import type { TextSink } from '../reportError.js';

/** The flags as commander hands them over. */
export type ValidateFlags = Pick<CommonFlagValues, 'json' | 'quiet'>;

/**
 * `rehearse validate <scenario>` as a function: reads and checks the scenario and prints a one-line
 * summary, or a JSON one with `--json`. Bad input throws `InputError` with every problem (exit 2); with
 * `--json` the problems are printed on stdout first, `{ valid: false, file, problems }`, each with its
 * `file`, `line`, `column`, `path`, `expected` and `found`. A valid scenario can still have a `minRequests`
 * that some phase's window cannot be expected to reach: each is a warning on stderr (and in the JSON's
 * `warnings`), and the exit code stays 0.
 */
export async function validateCommand(
  file: string,
  flags: ValidateFlags,
  context: { stdout: TextSink; stderr: TextSink },
) {
  let plan: Plan;
  try {
    plan = await readScenario(file);
  } catch (error) {
    if (flags.json && error instanceof InputError) {
      const problems = error.problems.map(({ file, line, column, path, expected, found }) => ({
        file,
        line,
        column,
        path,
        expected,
        found,
      }));
      context.stdout.write(`${JSON.stringify({ valid: false, file, problems }, null, 2)}\n`);
    }
    throw error;
  }
  const summary = {
    valid: true,
    file,
    name: plan.name,
    sha256: plan.scenarioSha256,
    phases: plan.phases.map((phase) => phase.name),
    segments: plan.segments.length,
    guards: plan.guards.length,
    faults: plan.faults.length,
    warnings: reachWarnings(plan).map((warning) => `${file}: ${warning.message}`),
  };
  if (!flags.quiet) for (const warning of summary.warnings) context.stderr.write(`warning: ${warning}\n`);
  if (flags.json) context.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else if (!flags.quiet)
    context.stdout.write(
      `ok: ${file}: "${plan.name}", ${plan.phases.length} phases (${summary.phases.join(' → ')}), ` +
        `${plan.segments.length} segments, ${plan.guards.length} guards, ${plan.faults.length} faults\n`,
    );
}
