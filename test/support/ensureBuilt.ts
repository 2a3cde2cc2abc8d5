import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '../..');
const lock = join(root, 'dist', '.risk-test-build.lock');
const STALE_LOCK_MS = 180_000;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * Whether some file under src/ is newer than its compiled twin in dist/src/ (or has none), or than the
 * bundles in dist/cli/ and dist/workers/.
 */
function stale(): boolean {
  const bundles = ['cli/rehearse.js', 'workers/riskWorker.js', 'workers/whatifWorker.js'].map((file) =>
    join(root, 'dist', file),
  );
  const bundledMs = Math.min(...bundles.map((bundle) => (existsSync(bundle) ? statSync(bundle).mtimeMs : 0)));
  return sources(join(root, 'src')).some((source) => {
    const built = join(root, 'dist', relative(root, source)).replace(/\.ts$/, '.js');
    const sourceMs = statSync(source).mtimeMs;
    return !existsSync(built) || statSync(built).mtimeMs < sourceMs || bundledMs < sourceMs;
  });
}

function tryLock(): boolean {
  try {
    mkdirSync(join(root, 'dist'), { recursive: true });
    mkdirSync(lock);
    return true;
  } catch {
    if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > STALE_LOCK_MS)
      rmSync(lock, { recursive: true, force: true });
    return false;
  }
}

/**
 * Worker threads run the compiled JavaScript in dist/ (src/io/tallyInWorkers.ts), and bin/rehearse.js the
 * CLI bundled from it, so a test that starts workers or the CLI must not run stale code: this builds the
 * package as `npm run build` does (tsc, the precompiled templates, the bundle) when any source is newer
 * than its output. Test files running in parallel share one build through a lock folder. Type errors
 * elsewhere do not stop tsc from emitting, nor the steps after it from running.
 */
export async function ensureBuilt(): Promise<void> {
  if (!stale()) return;
  if (!tryLock()) {
    while (existsSync(lock)) await new Promise((resolve) => setTimeout(resolve, 250));
    return;
  }
  try {
    // The steps of `npm run build`, each run whatever the one before exited with.
    const steps = [
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')],
      [join(root, 'scripts', 'precompileTemplates.js')],
      [join(root, 'node_modules', 'rolldown', 'bin', 'cli.mjs'), '-c', join(root, 'rolldown.config.js')],
    ];
    for (const step of steps) spawnSync(process.execPath, step, { cwd: root, stdio: 'ignore' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
