import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { type ManifestDocument, parseManifests } from '../manifests/parseManifests.js';
import { decodeText } from '../scenario/decodeText.js';
import type { Problem } from '../scenario/problems.js';
import { describeReadError } from './describeReadError.js';

/** A file to read: where it is (`path`) and how the user named it (`file`, quoted in problems). */
export interface NamedFile {
  path: string;
  file: string;
}

/**
 * Reads controller manifest files (multi-document YAML), every document of every file in order.
 *
 * @throws InputError with every problem of every file: missing or unreadable, binary, bad YAML.
 */
export async function readManifestFiles(files: readonly NamedFile[]): Promise<ManifestDocument[]> {
  const problems: Problem[] = [];
  const documents: ManifestDocument[] = [];
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
    if (!decoded.ok) {
      problems.push(...decoded.problems);
      continue;
    }
    const parsed = parseManifests(decoded.text, file);
    if (parsed.ok) documents.push(...parsed.documents);
    else problems.push(...parsed.problems);
  }
  if (problems.length > 0) throw new InputError(problems);
  return documents;
}
