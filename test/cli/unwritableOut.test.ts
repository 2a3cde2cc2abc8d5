import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayCommand } from '../../src/cli/commands/replay.js';
import { riskCommand } from '../../src/cli/commands/risk.js';
import { reportError } from '../../src/cli/reportError.js';
import { textSink } from '../support/textSink.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rehearse-out-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('an output folder that cannot be written', () => {
  // Every command writes through the same helper; risk and replay stand for those besides `run`
  // (test/cli/run.test.ts), which reported it as an unexpected error (exit 1) before.
  const commands: Array<[string, (out: string) => Promise<number>]> = [
    [
      'risk',
      (out) =>
        riskCommand(
          undefined,
          { runs: '20', workers: '1', out, quiet: true },
          { stdout: textSink(), stderr: textSink() },
        ),
    ],
    [
      'replay',
      (out) =>
        replayCommand(
          'scenarios/observed/sprint2-canary.csv',
          { out, quiet: true },
          { stdout: textSink(), stderr: textSink(), color: false },
        ),
    ],
  ];
  it.each(commands)('is an --out problem for %s: exit 2, one message', async (name, command) => {
    const file = join(dir, `${name}-a-file`);
    await writeFile(file, 'x');
    const out = join(file, 'out');
    const error = await command(out).catch((caught: unknown) => caught);
    const stderr = textSink();
    expect(reportError(error, stderr)).toBe(2);
    expect(stderr.text).toMatch(
      new RegExp(`^error: --out: expected a folder this user can write, found "${out}" \\(E[A-Z]+\\)\\n`),
    );
  });
});
