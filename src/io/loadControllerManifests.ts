import { readFile } from 'node:fs/promises';
import {
  type ControllerManifestsResult,
  type ControllerOptions,
  parseControllerManifests,
} from '../controller/index.js';
import { decodeText } from '../scenario/decodeText.js';
import type { Problem } from '../scenario/problems.js';
import { describeReadError } from './describeReadError.js';

/** A manifest file as read: its path, its bytes (for the scenario's sha256) and its text. */
export interface ManifestFile {
  path: string;
  bytes: Uint8Array;
}

/**
 * Reads Argo Rollouts or Flagger manifest files (multi-document YAML) and parses them with
 * `parseControllerManifests` (src/controller): the controller's plan and its derived phases, or every
 * problem, each with file, line and field path. `problemAt(index, found)` locates an unreadable file at
 * the field that named it (a scenario's `controller.manifests[i]`); by default the problem names the
 * file alone. Also returns the bytes read, in order, so a caller can hash them.
 *
 * @example await loadControllerManifests(['rollout.yaml', 'analysis.yaml'], { kind: 'argo' })
 */
export async function loadControllerManifests(
  paths: readonly string[],
  options: ControllerOptions,
  problemAt: (index: number, found: string) => Problem = (index, found) => ({
    file: paths[index]!,
    line: null,
    column: null,
    path: '',
    expected: 'a readable manifest file (YAML)',
    found,
  }),
): Promise<{ result: ControllerManifestsResult; files: ManifestFile[] }> {
  const problems: Problem[] = [];
  const files: ManifestFile[] = [];
  const texts: { file: string; text: string }[] = [];
  for (const [index, path] of paths.entries()) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (error) {
      problems.push(problemAt(index, describeReadError(error, `no file at ${path}`)));
      continue;
    }
    files.push({ path, bytes });
    const decoded = decodeText(bytes, path);
    if (!decoded.ok) problems.push(...decoded.problems);
    else texts.push({ file: path, text: decoded.text });
  }
  if (problems.length > 0) return { result: { ok: false, problems }, files };
  return { result: parseControllerManifests(texts, options), files };
}
