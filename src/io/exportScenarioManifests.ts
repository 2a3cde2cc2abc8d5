import { basename, dirname, join } from 'node:path';
import { readManifestDocuments } from '../controller/manifestDocuments.js';
import { InputError } from '../errors.js';
import { exportArgo } from '../manifests/exportArgo.js';
import { exportFlagger } from '../manifests/exportFlagger.js';
import type { ControllerKind } from '../manifests/importedManifests.js';
import { manifestText } from '../manifests/manifestText.js';
import type { OutputFile } from '../report/outputFile.js';
import { describeValue } from '../scenario/issuesToProblems.js';
import { locatedProblem } from '../scenario/locatedProblem.js';
import { parseDocument } from '../scenario/parseDocument.js';
import { parseScenario } from '../scenario/parseScenario.js';
import { formatProblem } from '../scenario/problems.js';
import type { Locate } from '../scenario/sourceMap.js';
import type { NamedFile } from './readManifestFiles.js';
import { readManifestFiles, readNamedText } from './readManifestFiles.js';
import { readScenario } from './readScenario.js';

/** The manifests an export writes, what it could not express, and a one-line summary. */
export interface ExportedScenarioManifests {
  files: OutputFile[];
  /** One line each, `file:line path: …`. */
  warnings: string[];
  /** `Rollout guestbook, AnalysisTemplate success-rate`. */
  summary: string;
  /** True when the scenario was a controller scenario, whose manifests were written back. */
  fromManifests: boolean;
}

/** The kinds of each controller's plan: the documents written back (a Service beside them is not). */
const CONTROLLER_KINDS_OF: Readonly<Record<ControllerKind, readonly string[]>> = {
  argo: ['Rollout', 'AnalysisTemplate', 'ClusterAnalysisTemplate'],
  flagger: ['Canary', 'MetricTemplate'],
};

const KIND_FILES: Readonly<Record<ControllerKind, string>> = { argo: 'rollout.yaml', flagger: 'canary.yaml' };

/**
 * The manifests of a scenario for `kind`: a controller scenario's own manifests, checked and normalised
 * (comments dropped, one layout), one file per manifest file; or a native scenario's phases, gates and
 * guards written as a Rollout and AnalysisTemplates (argo) or a Canary and MetricTemplates (flagger) in
 * one file, with a warning located in the scenario for each thing the controller cannot express.
 * Writes nothing.
 *
 * @throws InputError for a scenario or manifests with problems, or a controller scenario of the other kind.
 */
export async function exportScenarioManifests(
  kind: ControllerKind,
  scenario: NamedFile,
): Promise<ExportedScenarioManifests> {
  const text = await readText(scenario);
  const document = parseDocument(text, scenario.file, 'a scenario');
  if (!document.ok) throw new InputError(document.problems);
  const controller = (document.value as { controller?: unknown } | null)?.controller;
  if (controller !== undefined) return writeBack(kind, scenario, controller, document.locate);
  const parsed = parseScenario(text, scenario.file);
  if (!parsed.ok) throw new InputError(parsed.problems);
  const exported = kind === 'argo' ? exportArgo(parsed.scenario) : exportFlagger(parsed.scenario);
  const warnings = exported.warnings.map(({ path, expected, found }) =>
    formatProblem(locatedProblem(scenario.file, parsed.locate(path), path, expected, found)),
  );
  const header = [
    `The plan of ${scenario.file} ("${parsed.scenario.name}"), written by \`rehearse export ${kind}\`.`,
    kind === 'argo'
      ? "Only the strategy is the plan's: add the Rollout's selector and pod template, and point the"
      : "Only the analysis is the plan's: point targetRef at your Deployment, and point the",
    'queries at your Prometheus series. docs/controllers.md says how each field was derived.',
  ];
  return {
    files: [{ name: KIND_FILES[kind], content: manifestText(exported.documents, header) }],
    warnings,
    summary: describe(exported.documents),
    fromManifests: false,
  };
}

/** A controller scenario's manifests, read, checked and written back normalised. */
async function writeBack(
  kind: ControllerKind,
  scenario: NamedFile,
  controller: unknown,
  locate: Locate,
): Promise<ExportedScenarioManifests> {
  const fields = (typeof controller === 'object' && controller !== null ? controller : {}) as {
    kind?: unknown;
    manifests?: unknown;
  };
  const problem = (path: string[], expected: string, found: string) =>
    locatedProblem(scenario.file, locate(path), path, expected, found);
  if (fields.kind !== kind) {
    throw new InputError([
      problem(
        ['controller', 'kind'],
        `${kind}, as \`rehearse export ${kind}\` writes (a plan is exported to its own controller)`,
        describeValue(fields.kind),
      ),
    ]);
  }
  const list = fields.manifests;
  if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === 'string')) {
    throw new InputError([
      problem(
        ['controller', 'manifests'],
        'a list of manifest files, relative to the scenario',
        describeValue(list),
      ),
    ]);
  }
  const folder = dirname(scenario.path);
  const named = (list as string[]).map((file) => ({
    path: join(folder, file),
    file: join(dirname(scenario.file), file),
  }));
  // The scenario as every command reads it: its model, its manifests, with the scenario loader's checks.
  const plan = await readScenario(scenario.path);
  const read = readManifestDocuments(await readManifestFiles(named));
  if (!read.ok) throw new InputError(read.problems);
  const kinds = CONTROLLER_KINDS_OF[kind];
  const documents = read.documents.filter((document) => kinds.includes(document.kind));
  const files = named.map(({ file }) => file);
  const outputs: OutputFile[] = [];
  const taken = new Set<string>();
  for (const [index, file] of files.entries()) {
    const own = documents.filter((document) => document.file === file);
    if (own.length === 0) continue;
    let name = basename(file);
    for (let i = 2; taken.has(name); i++) name = `${i}-${basename(file)}`;
    taken.add(name);
    const header = [
      // Named as the scenario lists it, so that exporting an exported plan again writes the same bytes.
      `${(list as string[])[index]}, as ${basename(scenario.file)} rehearses it, written back by \`rehearse export ${kind}\`: comments dropped.`,
    ];
    outputs.push({
      name,
      content: manifestText(
        own.map((document) => document.value),
        header,
      ),
    });
  }
  return {
    files: outputs,
    warnings: [...(plan.controller?.warnings ?? [])],
    summary: describe(documents.map((document) => document.value)),
    fromManifests: true,
  };
}

/** `Rollout web, AnalysisTemplate web-canary`: each document's kind and name. */
function describe(documents: readonly unknown[]): string {
  return documents
    .map((document) => {
      const { kind, metadata } = document as { kind: string; metadata: { name: string } };
      return `${kind} ${metadata.name}`;
    })
    .join(', ');
}

async function readText(scenario: NamedFile): Promise<string> {
  const read = await readNamedText(scenario, 'a readable scenario file');
  if (!read.ok) throw new InputError(read.problems);
  return read.text;
}
