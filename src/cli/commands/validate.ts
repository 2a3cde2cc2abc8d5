import { InputError } from '../../errors.js';
import { readLocatedScenario } from '../../io/readScenario.js';
import type { ControllerManifests, MetricSource } from '../../scenario/controllerPlan.js';
import { formatDuration } from '../../scenario/duration.js';
import type { Plan } from '../../scenario/plan.js';
import { type ReachWarning, reachWarnings } from '../../scenario/reachableRequests.js';
import type { Locate } from '../../scenario/sourceMap.js';
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
  let locate: Locate;
  try {
    ({ plan, locate } = await readLocatedScenario(file));
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
    warnings: reachWarnings(plan).map((warning) => `${file}${where(warning, locate)} ${warning.message}`),
  };
  if (!flags.quiet) for (const warning of summary.warnings) context.stderr.write(`warning: ${warning}\n`);
  const controller = plan.controller === undefined ? null : controllerSummary(plan.controller);
  if (flags.json)
    context.stdout.write(
      `${JSON.stringify(controller === null ? summary : { ...summary, controller }, null, 2)}\n`,
    );
  else if (!flags.quiet) {
    context.stdout.write(
      `ok: ${file}: "${plan.name}", ${plan.phases.length} phases (${summary.phases.join(' → ')}), ` +
        `${plan.segments.length} segments, ${plan.guards.length} guards, ${plan.faults.length} faults\n`,
    );
    if (controller !== null) context.stdout.write(formatControllerSummary(controller));
  }
}

/**
 * `:line:column` of the `minRequests` a warning is about, where the scenario sets it (the condition's own,
 * else the guards' default), as problems are located; `:` alone when the file sets it nowhere it can point
 * at (a controller's plan).
 */
function where(warning: ReachWarning, locate: Locate): string {
  for (const source of warning.sources) {
    const position = locate(source, 'value', true);
    if (position !== null) return `:${position.line}:${position.column}`;
  }
  return ':';
}

/** What `validate` says of a controller's plan: the phases it derived, each metric's model, the warnings. */
function controllerSummary(manifests: ControllerManifests) {
  const plan = manifests.plan;
  const name = plan.kind === 'argo' ? plan.rollout : plan.canary;
  const sourceText = (source: MetricSource) =>
    source.kind === 'provider' ? `success probability ${source.successProbability}` : source.description;
  const metrics =
    plan.kind === 'argo'
      ? [
          ...(plan.background?.analysis.metrics ?? []),
          ...plan.phaseSteps
            .flat()
            .flatMap((step) => (step.kind === 'analysis' ? step.analysis.metrics : [])),
        ].map((m) => ({
          name: m.metric.name,
          model: sourceText(m.source),
          dryRun: m.dryRun,
        }))
      : plan.metrics.map((m) => ({ name: m.name, model: sourceText(m.source), dryRun: false }));
  return {
    kind: plan.kind,
    name,
    phases: manifests.phases.map((phase) => ({
      name: phase.name,
      traffic: phase.traffic,
      duration: formatDuration(phase.durationMs),
      steps: phase.description,
    })),
    metrics,
    warnings: [...manifests.warnings],
  };
}

function formatControllerSummary(summary: ReturnType<typeof controllerSummary>): string {
  const kind = summary.kind === 'argo' ? 'Argo Rollout' : 'Flagger Canary';
  const lines = [`phases derived from the ${kind} ${summary.name}:`];
  for (const phase of summary.phases) lines.push(`  ${phase.name}: ${phase.duration} (${phase.steps})`);
  lines.push('metrics:');
  for (const metric of summary.metrics)
    lines.push(`  ${metric.name}: ${metric.model}${metric.dryRun ? ' (dry run)' : ''}`);
  if (summary.warnings.length > 0) {
    lines.push('warnings:');
    for (const warning of summary.warnings) lines.push(`  ${warning}`);
  }
  return `${lines.join('\n')}\n`;
}
