import { readFile } from 'node:fs/promises';
import type { ManifestText } from '../controller/manifestDocuments.js';
import { InputError } from '../errors.js';
import { decodeText } from '../scenario/decodeText.js';
import type { Problem } from '../scenario/problems.js';
import { describeReadError } from './describeReadError.js';

/** A file to read: where it is (`path`) and how the user named it (`file`, quoted in problems). */
export interface NamedFile {
  path: string;
  file: string;
}

/**
 * Reads controller manifest files as texts, each named as the user named it, for
 * `parseControllerManifests` and the import.
 *
 * @throws InputError with every problem of every file: missing, unreadable, binary.
 */
export async function readManifestFiles(files: readonly NamedFile[]): Promise<ManifestText[]> {
  const problems: Problem[] = [];
  const texts: ManifestText[] = [];
  for (const { path, file } of files) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (error) {
      const found = describeReadError(error, `no file at ${file}`);
      problems.push({
        file,
        line: null,
        column: null,
        path: '',
        expected: 'a readable manifest file (YAML)',
        found,
      });
      continue;
    }
    const decoded = decodeText(bytes, file);
    if (decoded.ok) texts.push({ file, text: decoded.text });
    else problems.push(...decoded.problems);
  }
  if (problems.length > 0) throw new InputError(problems);
  return texts;
}
