import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutputFile } from '../report/outputFile.js';

/**
 * Writes every file to a temporary name in `dir`, then renames them all into place, so a crash or
 * a bad input discovered late never leaves half a report behind. Returns the final paths.
 *
 * @example await writeFilesAtomically('reports/x', [{ name: 'results.json', content: '{}' }])
 */
export async function writeFilesAtomically(dir: string, files: readonly OutputFile[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const suffix = `.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const staged: Array<{ tmp: string; final: string }> = [];
  try {
    for (const file of files) {
      const final = join(dir, file.name);
      const tmp = final + suffix;
      await writeFile(tmp, file.content);
      staged.push({ tmp, final });
    }
  } catch (error) {
    await Promise.all(staged.map(({ tmp }) => rm(tmp, { force: true })));
    throw error;
  }
  for (const { tmp, final } of staged) await rename(tmp, final);
  return staged.map(({ final }) => final);
}
