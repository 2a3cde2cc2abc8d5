import { join } from 'node:path';
import { InputError } from '../errors.js';
import { writeFilesAtomically } from '../io/writeFilesAtomically.js';
import type { OutputFile } from '../report/outputFile.js';
import { flagProblem, inFolder, quoted } from './flags.js';

/** Errors that mean the output folder cannot be written there by this user: bad input, not a bug. */
const UNWRITABLE = new Set(['EEXIST', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'EROFS']);

/**
 * Writes a command's files into `outDir` (relative to `cwd` when given) all at once, and returns their
 * paths as the user wrote the folder, for "wrote …" and `--json`. A folder that cannot be written is an
 * `--out` problem (exit 2), like any other bad input, not an unexpected error.
 *
 * @example const written = await writeOutputs(context.cwd, 'reports/x', files) // ['reports/x/results.json', …]
 */
export async function writeOutputs(
  cwd: string | undefined,
  outDir: string,
  files: readonly OutputFile[],
): Promise<string[]> {
  try {
    await writeFilesAtomically(inFolder(cwd, outDir), files);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined || !UNWRITABLE.has(code)) throw error;
    throw new InputError([
      flagProblem('--out', 'a folder this user can write', `${quoted(outDir)} (${code})`),
    ]);
  }
  return files.map((output) => join(outDir, output.name));
}
