import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, ROOT } from '../report/defaultScenario.js';
import { ensureBuilt } from '../support/ensureBuilt.js';
import { tempDir } from '../support/tempDir.js';

const CLI = join(ROOT, 'bin/rehearse.js');
const OBSERVED = 'scenarios/observed/sprint2-canary.csv';
const FAULT = 'latency-spike phase=canary at=15m duration=20m factor=10';

/**
 * Runs the built CLI with its stdout (and, when asked, its stderr) on a pipe whose reader has already
 * closed it, as `rehearse … | head -1` does once it has its line: this test process is the reader, and it
 * closes its end before the child has started, so every write the child makes meets EPIPE.
 */
function runWithClosedPipe(
  args: readonly string[],
  closeStderr: boolean,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  if (closeStderr) child.stderr.destroy();
  else child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

beforeAll(async () => {
  await ensureBuilt();
}, 300_000);

describe('a reader that closes the pipe early (`rehearse … | head -1`)', () => {
  const results = (out: string) => join(out, 'results.json');
  it.each([
    { name: 'run', args: (out: string) => ['run', '--out', out], wrote: results },
    { name: 'run --json', args: (out: string) => ['run', '--json', '--out', out], wrote: results },
    {
      name: 'risk',
      args: (out: string) => ['risk', '--runs', '40', '--workers', '1', '--out', out],
      wrote: (out: string) => join(out, 'risk.json'),
    },
    {
      name: 'whatif',
      args: (out: string) => ['whatif', '--fault', FAULT, '--runs', '10', '--workers', '1', '--out', out],
      wrote: (out: string) => join(out, 'whatif.json'),
    },
    { name: 'replay', args: (out: string) => ['replay', OBSERVED, '--out', out], wrote: results },
    { name: 'validate', args: () => ['validate', DEFAULT_SCENARIO], wrote: null },
    { name: 'validate --json', args: () => ['validate', DEFAULT_SCENARIO, '--json'], wrote: null },
    { name: 'calibrate', args: () => ['calibrate', OBSERVED], wrote: null },
    { name: 'traffic', args: () => ['traffic', '--phase', 'canary'], wrote: null },
    { name: '--help', args: () => ['--help'], wrote: null },
  ])('$name ends quietly with exit 0 and still writes its files', async ({ args, wrote }) => {
    const out = tempDir();
    const { code, stderr } = await runWithClosedPipe(args(out), false);
    expect(stderr).not.toMatch(/EPIPE|Error|at .*\.js:\d+/);
    expect(code).toBe(0);
    if (wrote !== null) expect(existsSync(wrote(out))).toBe(true);
  });

  it('replay with stderr closed too (its warnings go there) ends with exit 0', async () => {
    const out = tempDir();
    const { code } = await runWithClosedPipe(['replay', OBSERVED, '--out', out], true);
    expect(code).toBe(0);
    expect(existsSync(join(out, 'results.json'))).toBe(true);
  });

  it('bad input still exits 2 when nobody reads the message', async () => {
    const { code } = await runWithClosedPipe(['run', '--seed', 'x'], true);
    expect(code).toBe(2);
  });
});
