import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** The folders {@link tempDir} made for the test file that imported this module (vitest isolates each file). */
const made: string[] = [];

afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh temporary folder for a test's files, removed with everything in it once the test file's
 * tests are done. Usable in tests, hooks and the helpers they call.
 */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rehearse-test-'));
  made.push(dir);
  return dir;
}
