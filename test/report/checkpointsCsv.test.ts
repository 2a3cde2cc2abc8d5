import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Rehearsal } from '../../src/engine/rehearsal.js';
import {
  buildCheckpointsCsv,
  buildResults,
  CHECKPOINT_CSV_COLUMNS,
  escapeCsvCell,
} from '../../src/report/index.js';
import { META, makePlan, makeRehearsal } from './fixtures.js';

describe('escapeCsvCell', () => {
  it.each<[string | number | null, string | number | null]>([
    ['=cmd()', "'=cmd()"],
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1', "'+1"],
    ['-1+2', "'-1+2"],
    ['@x', "'@x"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['canary', 'canary'],
    ['a=b', 'a=b'],
    ['', ''],
    [-0.004, -0.004],
    [250, 250],
    [null, null],
  ])('%j → %j', (cell, expected) => {
    expect(escapeCsvCell(cell)).toBe(expected);
  });
});

describe('checkpoints.csv', () => {
  const rows = (rehearsal: Rehearsal = makeRehearsal()) =>
    parse(buildCheckpointsCsv(buildResults(makePlan(), rehearsal, META)), { columns: true }) as Record<
      string,
      string
    >[];

  it('has one row per phase × checkpoint × gate, in rehearsal order', () => {
    const all = rows();
    expect(Object.keys(all[0] ?? {})).toEqual([...CHECKPOINT_CSV_COLUMNS]);
    // canary: 5 checkpoints × 4 gates; ramp: 3 checkpoints reached before the trip × 3 gates
    expect(all).toHaveLength(5 * 4 + 3 * 3);
    expect(all[0]).toEqual({
      phase: 'canary',
      checkpoint: '15m',
      at: '2025-10-31T12:15:00.000Z',
      offset: '15m',
      metric: 'errorRate',
      op: 'below',
      threshold: '0.01',
      observed: '0',
      verdict: 'pass',
      reason: 'errorRate 0 vs 0.01 (canary, 15m)',
      requests: '48',
    });
    expect(all.at(-1)).toMatchObject({
      phase: 'ramp',
      checkpoint: '60m',
      offset: '1h',
      metric: 'availability',
    });
  });

  it('escapes text cells that a spreadsheet would run, and keeps negative numbers as numbers', () => {
    const rehearsal = makeRehearsal();
    const canary = rehearsal.phases[0]!;
    const checkpoint = canary.checkpoints[0]!;
    const hostile: Rehearsal = {
      ...rehearsal,
      phases: [
        {
          ...canary,
          checkpoints: [
            {
              ...checkpoint,
              label: '=cmd()',
              gates: [
                { ...checkpoint.gates[0]!, reason: '+1 sum' },
                { ...checkpoint.gates[3]!, reason: '@x', observed: -0.004 },
              ],
            },
          ],
        },
        ...rehearsal.phases.slice(1),
      ],
    };
    const text = buildCheckpointsCsv(buildResults(makePlan(), hostile, META));
    const [first, second] = parse(text, { columns: true }) as Record<string, string>[];
    expect(first).toMatchObject({ checkpoint: "'=cmd()", reason: "'+1 sum" });
    expect(second).toMatchObject({
      checkpoint: "'=cmd()",
      reason: "'@x",
      observed: '-0.004',
      threshold: '0.03',
    });
    expect(text.split('\n')[2]).toContain(',-0.004,');
  });

  it('leaves observed empty when the window gave no value', () => {
    const rehearsal = makeRehearsal();
    const canary = rehearsal.phases[0]!;
    const checkpoint = canary.checkpoints[0]!;
    const empty: Rehearsal = {
      ...rehearsal,
      phases: [
        {
          ...canary,
          checkpoints: [
            { ...checkpoint, gates: [{ ...checkpoint.gates[0]!, observed: null, verdict: 'inconclusive' }] },
          ],
        },
        ...rehearsal.phases.slice(1),
      ],
    };
    expect(rows(empty)[0]).toMatchObject({ observed: '', verdict: 'inconclusive' });
  });
});
