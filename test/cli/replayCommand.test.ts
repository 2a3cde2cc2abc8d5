import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayCommand } from '../../src/cli/commands/replay.js';
import { reportError } from '../../src/cli/reportError.js';
import { HEADER, writeCsv } from '../replay/fixtures.js';
import { tempDir } from '../support/tempDir.js';
import { textSink } from '../support/textSink.js';

describe('rehearse replay', () => {
  it('writes the same files as rehearse run, with the replay section in results.json', async () => {
    const out = join(tempDir(), 'out');
    const stdout = textSink();
    const stderr = textSink();
    const code = await replayCommand(
      'scenarios/observed/sprint2-canary.csv',
      { out },
      { stdout, stderr, color: false },
    );
    expect(code).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.phases[0].decision.action).toBe('advance');
    expect(results.replay).toMatchObject({
      rows: 5,
      skippedRows: 0,
      points: 5,
      warningCounts: { 'stated-rate-mismatch': 5, 'small-sample-pass': 4 },
    });
    for (const file of ['checkpoints.csv', 'summary.md', 'summary.html'])
      expect(existsSync(join(out, file))).toBe(true);
    expect(stdout.text).toContain('canary     1.00%       380       0  46 ms  advance at 2h');
    expect(stderr.text).toContain(
      'warning: line 6 (canary at 2h): error_rate states 0.079%, but errors/requests = 0/380 = 0.00%',
    );
  });

  it('writes nothing on bad input, and the CLI reports every problem with exit code 2', async () => {
    const out = join(tempDir(), 'out');
    const csv = writeCsv([HEADER, 'canary,15m,10,11,40,0.9997,0.004', 'canary,30m,x,0,40,0.9997,0.004']);
    const error = await replayCommand(
      csv,
      { out, scenario: 'scenarios/sprint2-rollout.yaml' },
      { stdout: textSink(), stderr: textSink(), color: false },
    ).catch((caught: unknown) => caught);
    const stderr = textSink();
    expect(reportError(error, stderr)).toBe(2);
    expect(stderr.text.split('\n')).toEqual([
      `error: ${csv}:2 errors: expected at most the row's requests (10), found 11`,
      `error: ${csv}:3 requests: expected a count (a whole number ≥ 0), found "x"`,
      '2 problems; nothing was written.',
      '',
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('--phase-start sets when a phase started; bad ones are each a problem, exit 2, nothing written', async () => {
    const out = join(tempDir(), 'out');
    await replayCommand(
      'scenarios/observed/sprint2-canary.csv',
      { out, quiet: true, phaseStart: ['canary=2025-10-31T12:05:00+01:00'] },
      { stdout: textSink(), stderr: textSink(), color: false },
    );
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    // The sample's rows are offsets (15m … 2h) since the start given: 11:05 UTC.
    expect(results.phases[0].startedAt).toBe('2025-10-31T11:05:00.000Z');
    expect(results.phases[0].checkpoints.at(-1).at).toBe('2025-10-31T13:05:00.000Z');

    const bad = join(tempDir(), 'bad');
    const flags = [
      'canry=2025-10-31T12:00:00Z',
      'ramp=yesterday',
      'rollout',
      'ramp=2025-11-01T09:00:00',
      'ramp=2025-11-01T09:00:00Z',
      'ramp=2025-11-01T10:00:00Z',
    ];
    const error = await replayCommand(
      'scenarios/observed/sprint2-canary.csv',
      { out: bad, phaseStart: flags },
      { stdout: textSink(), stderr: textSink(), color: false },
    ).catch((caught: unknown) => caught);
    const stderr = textSink();
    expect(reportError(error, stderr)).toBe(2);
    const format = 'expected <phase>=<ISO-8601 time with zone>, like canary=2025-10-31T12:00:00Z';
    expect(stderr.text.split('\n')).toEqual([
      `error: --phase-start: expected one of the scenario's phases (canary, ramp, rollout), found "canry" (did you mean canary?)`,
      `error: --phase-start: ${format}, found "ramp=yesterday"`,
      `error: --phase-start: ${format}, found "rollout"`,
      `error: --phase-start: ${format}, found "ramp=2025-11-01T09:00:00"`,
      'error: --phase-start: expected one start per phase, found ramp given twice',
      '5 problems; nothing was written.',
      '',
    ]);
    expect(existsSync(bad)).toBe(false);
  });

  it('with --lenient, skips the bad rows and counts them in results.json', async () => {
    const out = join(tempDir(), 'out');
    const csv = writeCsv([HEADER, 'canary,15m,48,0,39,0.9997,0.0037', 'canary,30m,x,0,40,0.9997,0.004']);
    await replayCommand(
      csv,
      { out, lenient: true, quiet: true },
      { stdout: textSink(), stderr: textSink(), color: false },
    );
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.replay.skippedRows).toBe(1);
    expect(
      results.replay.warnings.find((warning: { kind: string }) => warning.kind === 'skipped-row').line,
    ).toBe(3);
  });
});
