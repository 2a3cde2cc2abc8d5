import { describe, expect, it } from 'vitest';
import { parseDiurnalCsv } from '../../src/scenario/parseDiurnalCsv.js';

const rows = (factor: (hour: number) => string = (hour) => String(hour + 1)) =>
  Array.from({ length: 24 }, (_, hour) => `${hour},${factor(hour)}`);
const csv = (...lines: string[]) => `${lines.join('\n')}\n`;

describe('parseDiurnalCsv', () => {
  it('reads 24 hourly factors in hour order, skipping blank lines and comments', () => {
    const [first = '', ...rest] = rows();
    const text = csv('# traffic by UTC hour', 'hour,factor', ...rest.reverse(), '', first);
    expect(parseDiurnalCsv(text, 'd.csv')).toEqual({
      ok: true,
      factors: Array.from({ length: 24 }, (_, hour) => hour + 1),
    });
  });

  it.each([
    [
      'a missing header',
      csv(...rows()),
      { line: 1, path: '', expected: 'a header row hour,factor', found: '"0,1"' },
    ],
    [
      'a factor that is not a positive number',
      csv('hour,factor', ...rows((hour) => (hour === 5 ? 'x' : '1'))),
      { line: 7, path: 'factor', expected: 'a positive number', found: '"x"' },
    ],
    [
      'a zero factor',
      csv('hour,factor', ...rows((hour) => (hour === 0 ? '0' : '1'))),
      { line: 2, path: 'factor', expected: 'a positive number', found: '"0"' },
    ],
    [
      'an hour out of range',
      csv('hour,factor', ...rows().slice(0, 23), '24,1'),
      { line: 25, path: 'hour', expected: 'a whole hour in [0, 23] (UTC)', found: '"24"' },
    ],
    [
      'a repeated hour',
      csv('hour,factor', ...rows(), '3,1'),
      { line: 26, path: 'hour', expected: 'an hour not listed before (line 5 has it)', found: '3' },
    ],
    [
      'missing hours',
      csv('hour,factor', ...rows().slice(0, 22)),
      {
        line: null,
        path: 'hour',
        expected: 'a row for every hour 0 to 23',
        found: 'no row for hours 22, 23',
      },
    ],
    [
      'a row with three columns',
      csv('hour,factor', ...rows(), '1,2,3'),
      { line: 26, path: '', expected: 'a row with 2 columns (hour,factor)', found: '3 columns' },
    ],
    [
      'an empty file',
      '',
      {
        line: null,
        path: '',
        expected: 'a CSV file with a header hour,factor and 24 rows',
        found: 'an empty file',
      },
    ],
  ])('reports %s with its line', (_title, text, problem) => {
    const result = parseDiurnalCsv(text, 'd.csv');
    expect(result.ok ? [] : result.problems).toContainEqual({ file: 'd.csv', column: null, ...problem });
  });

  it('reports a CSV syntax error with its line', () => {
    const result = parseDiurnalCsv(csv('hour,factor', '0,"1', '1,1'), 'd.csv');
    expect(result.ok ? [] : result.problems.map((problem) => [problem.line, problem.expected])).toEqual([
      [3, 'a CSV file with columns hour,factor'],
    ]);
  });
});
