import { describe, expect, it } from 'vitest';
import { argo } from '../../../src/gates/index.js';

describe('parseCondition: the supported subset of expr', () => {
  it.each([
    'result >= 0.95',
    'result[0] >= 0.95',
    'result[0] < 0.01 && result[0] >= 0',
    'result[0] > 1 and result[0] < 2 or not (result[0] == 3)',
    'isNaN(result) || result >= 0.95',
    'isInf(result)',
    'len(result) == 0 || result[0] >= 0.95',
    'len(result) > 0 && result[0] >= 0.95',
    'default(result, 0) < 0.05',
    'isNil(result)',
    "result == 'true'",
    '(result[0] * 100 - 5) / 2 <= 40 % 7',
    'result[-1] != 1e3',
    '!(result[0] < .5)',
    'true',
  ])('%s parses', (text) => {
    expect(argo.parseCondition(text, 'successCondition').ok).toBe(true);
  });

  it.each<[string, string, string, number]>([
    ['result.value > 1', 'an expression of the supported subset', '`.` at position 7', 7],
    ['result = 1', 'an expression of the supported subset', '`=` at position 8', 8],
    ['result >= ', 'a value', 'the end at position 11', 11],
    ['result >= 0.95)', 'an operator or the end', '`)` at position 15', 15],
    [
      'asInt(result) == 1',
      'one of result, true, false, nil, len, isNaN, isInf, isNil, default',
      '`asInt` at position 1',
      1,
    ],
    ['2 in result', 'an operator or the end', '`in` at position 3', 3],
    ['result[0 > 1', '`]`', 'the end at position 13', 13],
    ['len(result, 1) > 0', 'len() with 1 argument', '2 arguments (closing at position 14) at position 1', 1],
    ["result == 'open", 'an expression of the supported subset', 'an unterminated string at position 11', 11],
    ['', 'an expression', 'the end at position 1', 1],
    ['result[0] * 100', 'a condition that is true or false', 'an expression that is never true or false', 1],
  ])('%j is a problem: expected %s, found %s', (text, expected, found, position) => {
    const parsed = argo.parseCondition(text, 'spec.metrics[0].successCondition');
    expect(parsed).toEqual({
      ok: false,
      problem: { path: 'spec.metrics[0].successCondition', expected, found, position },
    });
  });

  it('binds like expr: comparisons above && above ||, * above +, unary above comparisons', () => {
    const parsed = argo.parseCondition('!false == true || 1 + 2 * 3 == 7 && false', 'c');
    if (!parsed.ok) throw new Error('did not parse');
    expect(parsed.node).toMatchObject({
      kind: 'binary',
      op: '||',
      left: { op: '==', left: { kind: 'unary', op: '!' } },
      right: { op: '&&', left: { op: '==', left: { op: '+', right: { op: '*' } } } },
    });
  });
});
