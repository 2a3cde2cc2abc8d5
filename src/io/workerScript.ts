import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InternalError } from '../errors.js';
import { packageInfo } from './packageRoot.js';

/**
 * The bundled worker script `file` of `src/io/`. Workers run plain JavaScript, so the script is always
 * the built one in `<package root>/dist/workers/` (each worker one file with what it imports, bundled by
 * `npm run build`: a worker thread starts by reading one file, not a hundred modules), whether the caller
 * runs from `dist/` (the CLI) or from `src/` (vitest).
 *
 * @throws InternalError when the package has not been built.
 * @example workerScript('whatifWorker.js') // file:///…/dist/workers/whatifWorker.js
 */
export function workerScript(file: string): URL {
  const path = join(packageInfo().root, 'dist', 'workers', file);
  if (!existsSync(path)) {
    throw new InternalError(
      `the worker script ${path} is missing: run \`npm run build\` (or use --workers 1)`,
    );
  }
  return pathToFileURL(path);
}
