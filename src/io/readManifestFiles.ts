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
  for (const named of files) {
    const read = await readNamedText(named, 'a readable manifest file (YAML)');
    if (read.ok) texts.push({ file: named.file, text: read.text });
    else problems.push(...read.problems);
  }
  if (problems.length > 0) throw new InputError(problems);
  return texts;
}

/**
 * The text of one file, decoded as UTF-8, or its problems: missing or unreadable (`expected` says what the
 * file should have been), binary, or not UTF-8.
 */
export async function readNamedText(
  { path, file }: NamedFile,
  expected: string,
): Promise<{ ok: true; text: string } | { ok: false; problems: Problem[] }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const found = describeReadError(error, `no file at ${file}`);
    return { ok: false, problems: [{ file, line: null, column: null, path: '', expected, found }] };
  }
  const decoded = decodeText(bytes, file);
  return decoded.ok ? { ok: true, text: decoded.text } : { ok: false, problems: decoded.problems };
}
