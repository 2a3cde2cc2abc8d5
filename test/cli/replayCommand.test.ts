import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayCommand } from '../../src/cli/commands/replay.js';
import { reportError } from '../../src/cli/reportError.js';
import { HEADER, writeCsv } from '../replay/fixtures.js';
import { schemaErrors } from '../support/schemaErrors.js';
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

  it('a replay of the canary alone is partial: it says what was observed and claims no completion', async () => {
    const out = join(tempDir(), 'out');
    const stdout = textSink();
    const stderr = textSink();
    await replayCommand('scenarios/observed/sprint2-canary.csv', { out }, { stdout, stderr, color: false });
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(schemaErrors('results', results)).toEqual([]);
    expect(results.outcome.status).toBe('partial');
    expect(results.replay.recordedPhases).toEqual(['canary']);
    // A metrics file counts requests, not learners: exposure is not recorded, not zero.
    expect(results.outcome.learnersExposed).toBeNull();
    expect(results.phases[0].candidate).toMatchObject({ learnersExposed: null, requests: 380 });
    // The warnings printed on stderr are the results' warnings, one line each.
    expect(results.warnings).toHaveLength(11);
    expect(stderr.text).toBe(results.warnings.map((warning: string) => `warning: ${warning}\n`).join(''));
    expect(stdout.text).toMatch(/\nramp\s+10\.00%\s+—\s+—\s+—\s+not recorded\n/);
    expect(stdout.text).toContain(
      'partial in canary at 2h: canary passed; no rows for ramp, rollout, so the replay cannot say whether the rollout completes',
    );
    const markdown = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(markdown).toContain('**Status: ◐ PARTIAL.** The recorded metrics end in **canary**');
    expect(markdown).toContain('observed canary; the rollout is not finished in the data');
    expect(markdown).toMatch(/\| canary \(1\.00%, ran 2h of 2h\) \| not recorded \| 380 · 0 \|/);
    expect(markdown).toContain('**Only canary recorded: the rollout is not finished in the data.**');
    expect(markdown).not.toMatch(/COMPLETED|Every phase passed|One run is not a probability/);
    expect(markdown).toContain('Warnings: line 2 (canary at 15m)');
    const html = readFileSync(join(out, 'summary.html'), 'utf8');
    expect(html).toContain('<span class="badge partial">PARTIAL</span>');
    expect(html).toContain('.badge.partial { background: var(--warn); }');
    expect(html).not.toContain('COMPLETED');
    expect(html).toContain('not in the recorded metrics, which count requests');
  });

  it.each([
    { failOn: ['rollback'], code: 0, reasons: [] },
    { failOn: ['halt'], code: 0, reasons: [] },
    {
      failOn: ['partial'],
      code: 3,
      reasons: [
        'fail-on: partial: partial in canary at 2h: canary passed; no rows for ramp, rollout, so the replay cannot say whether the rollout completes',
      ],
    },
    {
      failOn: ['any', 'small-sample'],
      code: 3,
      reasons: [
        'fail-on: any: partial in canary at 2h: canary passed; no rows for ramp, rollout, so the replay cannot say whether the rollout completes',
        'fail-on: small-sample: 4 error-rate gates passed only because the sample was small; first: canary, 15m: errorRate passed (0.00% vs 1.00%) only because the sample is small: 0 errors in 48 requests is consistent with an error rate up to 7.40% (95% Clopper–Pearson), above the 1.00% limit',
      ],
    },
  ])('--fail-on $failOn on the canary sample → exit $code', async ({ failOn, code, reasons }) => {
    const stderr = textSink();
    const result = await replayCommand(
      'scenarios/observed/sprint2-canary.csv',
      { out: join(tempDir(), 'out'), quiet: true, failOn },
      { stdout: textSink(), stderr, color: false },
    );
    expect(result).toBe(code);
    expect(stderr.text.split('\n').filter((line) => line.startsWith('fail-on: '))).toEqual(reasons);
  });

  it('in a log: heartbeat lines in MB read (none with --quiet); --no-report skips the summaries', async () => {
    // 20,000 rows of one phase (0.8 MB, read in 64 KB chunks), a clock that moves 1 s a row.
    const rows = [HEADER];
    for (let i = 1; i <= 20_000; i++) rows.push(`canary,${i * 30}s,${i * 10},0,40,0.9997,0.004`);
    const csv = writeCsv(rows);
    for (const quiet of [false, true]) {
      const out = join(tempDir(), 'out');
      const stderr = textSink();
      let nowMs = 0;
      await replayCommand(
        csv,
        { out, quiet, report: false },
        { stdout: textSink(), stderr, color: false, now: () => (nowMs += 1000) },
      );
      const heartbeats = stderr.text.split('\n').filter((line) => line.startsWith('replay: '));
      if (quiet) expect(heartbeats).toEqual([]);
      else expect(heartbeats[0]).toMatch(/^replay: [\d.]+\/0\.79 MB read \(\d+%\), 10s elapsed, /);
      expect(readdirSync(out).sort()).toEqual(['checkpoints.csv', 'results.json']);
    }
  });

  it('a bad --fail-on is bad input: exit 2 before anything is read or written', async () => {
    const out = join(tempDir(), 'out');
    const error = await replayCommand(
      'scenarios/observed/sprint2-canary.csv',
      { out, failOn: ['partial', 'complete<90%'] },
      { stdout: textSink(), stderr: textSink(), color: false },
    ).catch((caught: unknown) => caught);
    const stderr = textSink();
    expect(reportError(error, stderr)).toBe(2);
    expect(stderr.text).toBe(
      'error: --fail-on: expected one of rollback, halt, partial, any, small-sample, found "complete<90%"\n1 problem; nothing was written.\n',
    );
    expect(existsSync(out)).toBe(false);
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
