import { randomUUID } from 'node:crypto';
import { accessSync, constants, createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';

/** Names a system's Chromium goes by on PATH (Debian's `chromium` first). */
const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

/** Where to look for a Chromium, in order. */
export interface ChromiumSources {
  /** An executable named by the user; when set, it is the only one tried. */
  chromiumPath: string | undefined;
  /** Folders searched for {@link SYSTEM_NAMES}, as in PATH. */
  searchPath: string;
  /** The installed `@sparticuz/chromium` package, whose `bin/chromium.br` is a brotli-compressed Chromium. */
  packageDir: string;
  /** Where that Chromium is unpacked, in a folder per package version. */
  cacheDir: string;
}

/** The sources of this process: CHROMIUM_PATH, PATH, and the development dependency in node_modules. */
export function defaultChromiumSources(): ChromiumSources {
  const root = join(import.meta.dirname, '../..');
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  return {
    chromiumPath: process.env.CHROMIUM_PATH || undefined,
    searchPath: process.env.PATH ?? '',
    packageDir: join(dirname(entry), '../..'),
    cacheDir: join(root, 'node_modules', '.cache', 'rollout-rehearsal'),
  };
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decompresses the brotli file `source` to `target`, atomically: into a file of its own beside `target`,
 * renamed into place when complete. Callers racing on the same `target` (test files in parallel) each
 * write their own copy and the last rename wins, so none ever sees a half-written file, and a run that
 * stops half-way leaves no `target` behind.
 */
export async function unpackBrotli(source: string, target: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}-${randomUUID()}.partial`;
  try {
    await pipeline(
      createReadStream(source),
      createBrotliDecompress(),
      createWriteStream(partial, { mode: 0o755 }),
    );
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/**
 * The Chromium executable for the browser tests: CHROMIUM_PATH when set (an error when nothing runnable is
 * there), else the system's on PATH, else the real Chromium that the `@sparticuz/chromium` development
 * dependency ships, unpacked on first use into `cacheDir` (node_modules/.cache by default), so `npm ci`
 * alone gives the tests a browser.
 */
export async function findChromium(sources: ChromiumSources = defaultChromiumSources()): Promise<string> {
  if (sources.chromiumPath !== undefined) {
    if (!isExecutable(sources.chromiumPath)) {
      throw new Error(`CHROMIUM_PATH is ${sources.chromiumPath}, which is not an executable file`);
    }
    return sources.chromiumPath;
  }
  const folders = sources.searchPath.split(delimiter).filter((folder) => folder !== '');
  for (const name of SYSTEM_NAMES) {
    const found = folders.map((folder) => join(folder, name)).find(isExecutable);
    if (found !== undefined) return found;
  }
  const { version } = JSON.parse(readFileSync(join(sources.packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const target = join(sources.cacheDir, `chromium-${version}`, 'chromium');
  if (!isExecutable(target)) await unpackBrotli(join(sources.packageDir, 'bin', 'chromium.br'), target);
  return target;
}
