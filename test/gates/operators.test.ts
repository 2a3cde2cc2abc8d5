import { describe, expect, it } from 'vitest';
import { conditionHolds, isOperator, OPERATORS, type Operator } from '../../src/gates/index.js';

describe('conditionHolds', () => {
  it.each<[Operator, number, number, boolean, string]>([
    ['below', 0.004, 0.005, true, 'under the threshold'],
    ['below', 0.006, 0.005, false, 'over the threshold'],
    ['below', 0.005, 0.005, false, 'equal to the threshold: strict'],
    ['above', 0.9995, 0.999, true, 'over the threshold'],
    ['above', 0.998, 0.999, false, 'under the threshold'],
    ['above', 0.999, 0.999, false, 'equal to the threshold: strict'],
    ['max', 180, 200, true, 'under the threshold'],
    ['max', 201, 200, false, 'over the threshold'],
    ['max', 200, 200, true, 'equal to the threshold: inclusive'],
    ['min', 0.9, 0.8, true, 'over the threshold'],
    ['min', 0.7, 0.8, false, 'under the threshold'],
    ['min', 0.8, 0.8, true, 'equal to the threshold: inclusive'],
    ['within', 0.02, 0.03, true, 'positive, inside'],
    ['within', -0.02, 0.03, true, 'negative, inside'],
    ['within', 0.031, 0.03, false, 'positive, outside'],
    ['within', -0.031, 0.03, false, 'negative, outside'],
    ['within', 0.03, 0.03, true, 'at +threshold: inclusive'],
    ['within', -0.03, 0.03, true, 'at -threshold: inclusive'],
    ['within', 0, 0, true, 'zero within zero'],
  ])('%s: %d vs %d → %s (%s)', (op, observed, threshold, expected) => {
    expect(conditionHolds(op, observed, threshold)).toBe(expected);
  });
});

describe('OPERATORS', () => {
  it('lists the scenario operator names', () => {
    expect(OPERATORS).toEqual(['below', 'above', 'max', 'min', 'within']);
  });

  it.each([
    ['below', true],
    ['within', true],
    ['lt', false],
    ['Below', false],
  ])('isOperator(%s) = %s', (name, expected) => {
    expect(isOperator(name)).toBe(expected);
  });
});
