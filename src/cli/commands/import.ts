import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { importManifestFiles } from '../../io/importManifestFiles.js';
import {
  CONTROLLER_KINDS,
  type ControllerKind,
  type ImportedMetric,
} from '../../manifests/importedManifests.js';
import { whyUnread } from '../../manifests/importScenarioText.js';
import type { Problem } from '../../scenario/problems.js';
import type { CommonFlagValues } from '../commonFlags.js';
import { flagProblem, inFolder, outFlag, printFlags, quoted, throwIfProblems } from '../flags.js';
import type { TextSink } from '../reportError.js';
import { writeOutputs } from '../writeOutputs.js';

/** The flags as commander hands them over. */
export interface ImportFlags extends Pick<CommonFlagValues, 'json' | 'quiet'> {
  out?: string;
  force?: boolean;
  modelFrom?: string;
}

/** Where the command prints, and the folder relative paths start from (tests). */
export interface ImportContext {
  stdout: TextSink;
  stderr: TextSink;
  cwd?: string;
}

/** `controller`: argo or flagger. */
export function controllerArgument(text: string, problems: Problem[]): ControllerKind {
  if (!(CONTROLLER_KINDS as readonly string[]).includes(text)) {
    problems.push(flagProblem('<controller>', CONTROLLER_KINDS.join(' or '), quoted(text)));
  }
  return text as ControllerKind;
}

/**
 * `rehearse import argo|flagger <files...>` as a function: checks the manifests, writes a scenario that
 * refers to them (atomically; an existing file only with `--force`), prints what it wrote, and warns on
 * stderr about each query the user must map by hand. Bad input throws `InputError` with every problem
 * (exit 2) before anything is written.
 */
export async function importCommand(
  controller: string,
  files: readonly string[],
  flags: ImportFlags,
  context: ImportContext,
): Promise<void> {
  const problems: Problem[] = [];
  const kind = controllerArgument(controller, problems);
  const out = outFlag(flags.out, problems, 'a scenario file to write');
  const modelFrom = flags.modelFrom;
  throwIfProblems(problems);
  const folder = dirname(out ?? files[0]!);
  const imported = await importManifestFiles({
    kind,
    manifests: files.map((file) => ({ path: inFolder(context.cwd, file), file })),
    scenarioFolder: inFolder(context.cwd, folder),
    ...(modelFrom === undefined
      ? {}
      : { modelFrom: { path: inFolder(context.cwd, modelFrom), file: modelFrom } }),
  });
  const scenario = out ?? join(folder, `${imported.manifests.name}.scenario.yaml`);
  if (!flags.force && existsSync(inFolder(context.cwd, scenario))) {
    const expected = 'a scenario file that does not exist yet (--force replaces it)';
    throwIfProblems([flagProblem('--out', expected, `${quoted(scenario)}, which exists`)]);
  }
  await writeOutputs(context.cwd, dirname(scenario), [{ name: basename(scenario), content: imported.text }]);
  const print = printFlags(flags);
  for (const warning of imported.warnings) context.stderr.write(`warning: ${warning}\n`);
  for (const metric of imported.toFill) context.stderr.write(`warning: ${fillInLine(metric, scenario)}\n`);
  if (print.json) {
    context.stdout.write(`${JSON.stringify(importSummary(scenario, imported), null, 2)}\n`);
    return;
  }
  if (print.quiet) return;
  const queries = imported.manifests.metrics.filter(
    (metric) => metric.source !== 'job' && metric.source !== 'web',
  );
  const fill = imported.toFill.length;
  context.stdout.write(
    `wrote ${scenario}: ${imported.manifests.summary}; ${queries.length - fill} of ${queries.length} metric${queries.length === 1 ? '' : 's'} read by their query\n`,
  );
  context.stdout.write(
    fill > 0
      ? `next: fill in controller.metrics in ${scenario} (${fill} metric${fill === 1 ? '' : 's'}), then rehearse validate ${scenario}\n`
      : `next: edit the model sections of ${scenario}, then rehearse run ${scenario}\n`,
  );
}

/** The warning for a metric to map by hand: where its query is, why it is not read, what to fill in. */
function fillInLine(metric: ImportedMetric, scenario: string): string {
  const where = `${metric.file}${metric.line === null ? '' : `:${metric.line}`}`;
  return `${where} ${metric.unrecognised?.path ?? metric.path}: metric "${metric.name}": ${whyUnread(metric)}; fill in controller.metrics.${JSON.stringify(metric.name)} in ${scenario} with the modelled metric it measures`;
}

function importSummary(scenario: string, imported: Awaited<ReturnType<typeof importManifestFiles>>) {
  const fill = new Set(imported.toFill);
  return {
    file: scenario,
    controller: imported.manifests.kind,
    name: imported.manifests.name,
    summary: imported.manifests.summary,
    manifests: [...new Set(imported.manifests.documents.map((document) => document.file))],
    metrics: imported.manifests.metrics.map((metric) => ({
      name: metric.name,
      source: metric.source,
      provider: metric.provider,
      file: metric.file,
      line: metric.line,
      metric: metric.mapping?.metric ?? null,
      description: metric.mapping?.description ?? (metric.unrecognised ? whyUnread(metric) : null),
      fillIn: fill.has(metric),
    })),
    warnings: imported.warnings,
  };
}
