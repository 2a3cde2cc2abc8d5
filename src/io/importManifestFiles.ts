import { relative, sep } from 'node:path';
import { InputError } from '../errors.js';
import type { ControllerKind, ImportedManifests, ImportedMetric } from '../manifests/importedManifests.js';
import { importManifests } from '../manifests/importManifests.js';
import { importScenarioText } from '../manifests/importScenarioText.js';
import { keptController } from '../manifests/keptController.js';
import { parseDocument } from '../scenario/parseDocument.js';
import { type NamedFile, readManifestFiles, readNamedText } from './readManifestFiles.js';

export interface ImportManifestOptions {
  kind: ControllerKind;
  manifests: readonly NamedFile[];
  /** The folder the scenario will be written to: the manifest paths it writes are relative to it. */
  scenarioFolder: string;
  /** A scenario whose model sections to copy (`--model-from`). */
  modelFrom?: NamedFile;
}

/** An import's scenario text, the manifests it read, the metrics to map by hand and the warnings. */
export interface ImportedManifestFiles {
  text: string;
  manifests: ImportedManifests;
  toFill: ImportedMetric[];
  warnings: string[];
}

/**
 * Reads and checks a controller's manifest files and returns the text of a scenario that rehearses them,
 * referring to them relative to `scenarioFolder`. Writes nothing.
 *
 * @throws InputError with every problem found in the manifests (and in the `--model-from` scenario).
 */
export async function importManifestFiles(options: ImportManifestOptions): Promise<ImportedManifestFiles> {
  const texts = await readManifestFiles(options.manifests);
  const files = options.manifests.map(({ file }) => file);
  const model = options.modelFrom === undefined ? undefined : await readModel(options.modelFrom);
  const modelText = model?.text;
  const kept = keptController(model?.value);
  const checked = importManifests(texts, options.kind, kept);
  if (!checked.ok) throw new InputError(checked.problems);
  const manifestPaths = options.manifests.map(({ path }) =>
    relative(options.scenarioFolder, path).split(sep).join('/'),
  );
  const { text, toFill } = importScenarioText({
    manifests: checked.manifests,
    files,
    manifestPaths,
    kept,
    ...(modelText === undefined ? {} : { modelText }),
  });
  return { text, manifests: checked.manifests, toFill, warnings: checked.manifests.warnings };
}

/** The text of the `--model-from` scenario and its data, checked to be one YAML (or JSON) mapping. */
async function readModel(scenario: NamedFile): Promise<{ text: string; value: object }> {
  const read = await readNamedText(scenario, 'a readable scenario file');
  if (!read.ok) throw new InputError(read.problems);
  const { file } = scenario;
  const parsed = parseDocument(read.text, file, 'a scenario: a mapping with name, population and analyzers');
  if (!parsed.ok) throw new InputError(parsed.problems);
  if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    throw new InputError([
      {
        file,
        line: 1,
        column: 1,
        path: '',
        expected: 'a scenario: a mapping with name, population and analyzers',
        found: 'something else',
      },
    ]);
  }
  return { text: read.text, value: parsed.value };
}
