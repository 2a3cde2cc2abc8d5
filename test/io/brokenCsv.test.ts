import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { replayObservationsFile } from '../../src/io/readObservations.js';
import { formatProblem, type Problem } from '../../src/scenario/problems.js';
import { GOOD_CANARY, HEADER, replayPlan, writeCsv } from '../replay/fixtures.js';
import { tempDir } from '../support/tempDir.js';

async function problemsOf(path: string): Promise<Problem[]> {
  try {
    await replayObservationsFile(path, replayPlan(), { lenient: false, file: 'obs.csv' });
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  throw new Error('expected an InputError');
}

/** A bad row in place of the canary's second checkpoint (line 3). */
function withRow(row: string): string[] {
  return [GOOD_CANARY[0]!, GOOD_CANARY[1]!, row, ...GOOD_CANARY.slice(3)];
}

describe('broken observed-metrics CSV: one clear problem naming file, line and column', () => {
  it.each([
    [
      'non-numeric cell',
      withRow('canary,1h,lots,2,42,0.9997,0.004'),
      'obs.csv:3 requests: expected a count (a whole number ≥ 0), found "lots"',
    ],
    [
      'negative count',
      withRow('canary,1h,2000,-2,42,0.9997,0.004'),
      'obs.csv:3 errors: expected a count ≥ 0, found -2',
    ],
    [
      'fractional count',
      withRow('canary,1h,2000.5,2,42,0.9997,0.004'),
      'obs.csv:3 requests: expected a whole number, found 2000.5',
    ],
    [
      'errors above requests',
      withRow('canary,1h,20,21,42,0.9997,0.004'),
      "obs.csv:3 errors: expected at most the row's requests (20), found 21",
    ],
    [
      'unknown phase',
      withRow('canery,1h,2000,2,42,0.9997,0.004'),
      'obs.csv:3 phase: expected one of the scenario\'s phases (canary, ramp), found "canery" (did you mean canary?)',
    ],
    [
      'short row',
      withRow('canary,1h,2000,2,42'),
      'obs.csv:3 availability: expected 7 cells as in the header, found 5, missing availability, revenue_impact',
    ],
    [
      'long row',
      withRow('canary,1h,2000,2,42,0.9997,0.004,x'),
      'obs.csv:3: expected 7 cells as in the header, found 8',
    ],
    [
      'availability as a bare percentage',
      withRow('canary,1h,2000,2,42,99.97,0.004'),
      'obs.csv:3 availability: expected a fraction in [0, 1] or a percentage like 99.97% (or an empty cell: not recorded), found 99.97',
    ],
    [
      'negative latency',
      withRow('canary,1h,2000,2,-42,0.9997,0.004'),
      'obs.csv:3 p99_latency_ms: expected a latency in ms ≥ 0 (or an empty cell: not recorded), found "-42"',
    ],
    [
      'unreadable at',
      withRow('canary,soon,2000,2,42,0.9997,0.004'),
      'obs.csv:3 at: expected an offset like 30s, 15m, 1.5h, 1h30m, 13d, or an ISO-8601 time with zone like 2025-10-31T12:30:00Z, found "soon"',
    ],
    [
      'empty phase',
      withRow(',1h,2000,2,42,0.9997,0.004'),
      'obs.csv:3 phase: expected a name, found an empty cell',
    ],
    [
      'duplicate checkpoint rows',
      withRow('canary,30m,1000,1,40,0.9997,0.004'),
      'obs.csv:3 at: expected one row per phase, at and segment, found a second row for canary at 30m (the first is on line 2)',
    ],
    [
      'duplicate checkpoint row after later ones',
      [...GOOD_CANARY, 'canary,1h,2000,2,42,0.9997,0.004'],
      'obs.csv:6 at: expected one row per phase, at and segment, found a second row for canary at 1h (the first is on line 3)',
    ],
    [
      'rows out of time order',
      [
        HEADER,
        'canary,30m,1000,1,40,0.9997,0.004',
        'canary,45m,1500,1,40,0.9997,0.004',
        'canary,40m,1200,1,40,0.9997,0.004',
      ],
      'obs.csv:4 at: expected rows of a phase in time order (this one comes after 45m), found 40m',
    ],
    [
      'offsets and times mixed in a phase',
      withRow('canary,2025-10-31T13:00:00Z,2000,2,42,0.9997,0.004'),
      'obs.csv:3 at: expected an offset like 30m, as in the phase’s first row, found "2025-10-31T13:00:00Z"',
    ],
    [
      'a total row beside segment rows',
      [
        'phase,at,segment,requests,errors,p99_latency_ms,availability,revenue_impact',
        'canary,30m,k12-web,500,0,40,0.9997,0.004',
        'canary,30m,,1000,1,40,0.9997,0.004',
      ],
      'obs.csv:3 segment: expected a total row or per-segment rows, found both for canary at 30m (lines 2 and 3)',
    ],
  ])('%s', async (_kind, lines, message) => {
    const problems = await problemsOf(writeCsv(lines));
    expect(problems.map(formatProblem)).toEqual([message]);
  });

  it.each([
    [
      'missing column',
      [GOOD_CANARY[0]!.replace(',revenue_impact', ''), 'canary,30m,1000,1,40,0.9997'],
      'obs.csv:1 revenue_impact: expected a column named revenue_impact, found a header of phase, at, requests, errors, p99_latency_ms, availability',
    ],
    [
      'repeated column',
      [`${HEADER},errors`, 'canary,30m,1000,1,40,0.9997,0.004,1'],
      'obs.csv:1 errors: expected each column once, found it twice',
    ],
    [
      'empty file',
      [],
      'obs.csv: expected a header row (phase, at, requests, errors, p99_latency_ms, availability, revenue_impact), found an empty file',
    ],
    ['header only', [HEADER], 'obs.csv:2: expected at least one data row, found only the header'],
    [
      'broken quoting',
      [HEADER, 'canary,"30m,1000,1,40,0.9997,0.004'],
      'obs.csv:2: expected well-formed CSV, found Quote Not Closed: the parsing is finished with an opening quote at line 2',
    ],
  ])('%s (the whole file)', async (_kind, lines, message) => {
    const problems = await problemsOf(writeCsv(lines));
    expect(problems.map(formatProblem)).toEqual([message]);
  });

  it('names a missing file', async () => {
    const problems = await problemsOf(join(tempDir(), 'nowhere.csv'));
    expect(problems.map(formatProblem)).toEqual([
      'obs.csv: expected a readable CSV file, found no such file',
    ]);
  });

  it('collects every problem of every row, in line order', async () => {
    const lines = [
      HEADER,
      'canary,30m,1000,1001,40,0.9997,0.004',
      'canary,1h,x,2,42,0.9997,y',
      'rampp,1h,10,0,42,0.9997,0.004',
    ];
    const problems = await problemsOf(writeCsv(lines));
    expect(problems.map((problem) => [problem.line, problem.path])).toEqual([
      [2, 'errors'],
      [3, 'requests'],
      [3, 'revenue_impact'],
      [4, 'phase'],
    ]);
  });
});

describe('--lenient', () => {
  it('skips each bad row with a warning naming its line, and counts it', async () => {
    const lines = [...withRow('canary,1h,lots,2,42,0.9997,0.004'), 'canery,3h,1,0,1,1,0'];
    const { replay, rehearsal } = await replayObservationsFile(writeCsv(lines), replayPlan(), {
      lenient: true,
      file: 'obs.csv',
    });
    expect(replay.skippedRows).toBe(2);
    expect(replay.rows).toBe(5);
    expect(
      replay.warnings.filter((warning) => warning.kind === 'skipped-row').map((warning) => warning.message),
    ).toEqual([
      'line 3 skipped: obs.csv:3 requests: expected a count (a whole number ≥ 0), found "lots"',
      'line 6 skipped: obs.csv:6 phase: expected one of the scenario\'s phases (canary, ramp), found "canery" (did you mean canary?)',
    ]);
    const canary = rehearsal.phases[0]!;
    expect(canary.checkpoints.map((checkpoint) => [checkpoint.label, checkpoint.verdict])).toEqual([
      ['30m', 'pass'],
      ['1h', 'inconclusive'],
      ['1h30m', 'pass'],
      ['2h', 'pass'],
    ]);
    expect(canary.decision?.action).toBe('halt');
  });

  it('still fails when no row is usable', async () => {
    const path = writeCsv([HEADER, 'canery,1h,1,0,1,1,0']);
    await expect(
      replayObservationsFile(path, replayPlan(), { lenient: true, file: 'obs.csv' }),
    ).rejects.toThrow('obs.csv: expected at least one usable row, found 1 rows, all skipped');
  });
});
