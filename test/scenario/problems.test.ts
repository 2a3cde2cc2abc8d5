import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { formatPath, formatProblem, type Problem, sortProblems } from '../../src/scenario/problems.js';
import { closestName } from '../../src/scenario/suggest.js';

const problem = (overrides: Partial<Problem>): Problem => ({
  file: 'sprint2.yaml',
  line: 42,
  column: 7,
  path: 'phases[1].gates.errorRate.below',
  expected: 'a number in [0, 1]',
  found: '"0.5%"',
  ...overrides,
});

describe('formatProblem', () => {
  it.each([
    [
      problem({}),
      'sprint2.yaml:42:7 phases[1].gates.errorRate.below: expected a number in [0, 1], found "0.5%"',
    ],
    [
      problem({ column: null }),
      'sprint2.yaml:42 phases[1].gates.errorRate.below: expected a number in [0, 1], found "0.5%"',
    ],
    [
      problem({
        line: null,
        column: null,
        path: '',
        expected: 'a UTF-8 text file',
        found: 'binary data (a NUL byte)',
      }),
      'sprint2.yaml: expected a UTF-8 text file, found binary data (a NUL byte)',
    ],
    [
      problem({ path: '', expected: 'valid YAML', found: 'a syntax error (x)' }),
      'sprint2.yaml:42:7: expected valid YAML, found a syntax error (x)',
    ],
  ])('%#: one line', (input, line) => {
    expect(formatProblem(input)).toBe(line);
  });
});

describe('formatPath', () => {
  it.each([
    [['phases', 1, 'gates', 'errorRate', 'below'], 'phases[1].gates.errorRate.below'],
    [['population', 'segments', 0], 'population.segments[0]'],
    [[], ''],
    [['analyzers', 'candidate', 'segments', 'k12-mobile'], 'analyzers.candidate.segments.k12-mobile'],
  ])('%j → %s', (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});

describe('sortProblems', () => {
  it('orders by file position and drops repeats', () => {
    const a = problem({ line: 3, path: 'b' });
    const b = problem({ line: 1, path: 'a' });
    const c = problem({ line: null, column: null, path: '' });
    expect(sortProblems([a, b, a, c])).toEqual([c, b, a]);
  });
});

describe('InputError', () => {
  it('carries every problem and says them one per line', () => {
    const error = new InputError([problem({}), problem({ line: 50, path: 'seed' })]);
    expect(error.problems).toHaveLength(2);
    expect(error.message.split('\n')).toEqual(error.problems.map(formatProblem));
  });
});

describe('closestName', () => {
  it.each([
    ['trafic', ['name', 'traffic', 'duration'], 'traffic'],
    ['p99Latency', ['p50LatencyMs', 'p99LatencyMs'], 'p99LatencyMs'],
    ['Traffic', ['traffic'], 'traffic'],
    ['phsaes', ['phases', 'faults'], 'phases'],
    ['colour', ['name', 'traffic'], null],
    ['b', ['a'], null],
  ])('%s → %s', (name, candidates, suggestion) => {
    expect(closestName(name, candidates)).toBe(suggestion);
  });
});
