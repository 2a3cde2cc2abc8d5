import { basename, extname, join } from 'node:path';
import { exportScenarioManifests } from '../../io/exportScenarioManifests.js';
import type { Problem } from '../../scenario/problems.js';
import type { CommonFlagValues } from '../commonFlags.js';
import { inFolder, outFlag, printFlags, throwIfProblems } from '../flags.js';
import type { TextSink } from '../reportError.js';
import { writeOutputs } from '../writeOutputs.js';
import { controllerArgument } from './import.js';

/** The flags as commander hands them over. */
export type ExportFlags = Pick<CommonFlagValues, 'out' | 'json' | 'quiet'>;

/** Where the command prints, and the folder relative paths start from (tests). */
export interface ExportContext {
  stdout: TextSink;
  stderr: TextSink;
  cwd?: string;
}

/**
 * `rehearse export argo|flagger <scenario>` as a function: writes the scenario's plan as the controller's
 * manifests into `--out` (atomically), prints each thing the controller cannot express as a warning on
 * stderr, and what it wrote on stdout. Bad input throws `InputError` (exit 2) before anything is written.
 */
export async function exportCommand(
  controller: string,
  scenario: string,
  flags: ExportFlags,
  context: ExportContext,
): Promise<void> {
  const problems: Problem[] = [];
  const kind = controllerArgument(controller, problems);
  const out = outFlag(flags.out, problems);
  throwIfProblems(problems);
  const exported = await exportScenarioManifests(kind, {
    path: inFolder(context.cwd, scenario),
    file: scenario,
  });
  const outDir = out ?? join('reports', basename(scenario, extname(scenario)), kind);
  const written = await writeOutputs(context.cwd, outDir, exported.files);
  for (const warning of exported.warnings) context.stderr.write(`warning: ${warning}\n`);
  const print = printFlags(flags);
  if (print.json) {
    const summary = {
      controller: kind,
      scenario,
      files: written,
      manifests: exported.summary,
      fromManifests: exported.fromManifests,
      warnings: exported.warnings,
    };
    context.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  if (print.quiet) return;
  const lost = exported.warnings.length;
  context.stdout.write(
    `wrote ${written.join(', ')}: ${exported.summary}${lost > 0 ? `; ${lost} thing${lost === 1 ? '' : 's'} not expressed (warnings above)` : ''}\n`,
  );
  context.stdout.write(
    `next: rehearse import ${kind} ${written.join(' ')} --model-from ${scenario}   (a scenario that rehearses these manifests)\n`,
  );
}
