import { describe, expect, it } from 'vitest';
import { argo } from '../../../src/gates/index.js';

type Value = argo.MeasurementValue;

describe('evaluateMeasurement: the outcome table of EvaluateResult', () => {
  // utils/evaluate/evaluate_test.go: TestEvaluateResultWithSuccess, …WithFailure, …Inconclusive,
  // …NoSuccessConditionAndNotFailing, …NoFailureConditionAndNotSuccessful,
  // …NoFailureConditionAndNoSuccessCondition, …WithErrorOnSuccessCondition, …WithErrorOnFailureCondition
  it.each<[string, string | undefined, string | undefined, argo.AnalysisPhase]>([
    ['TestEvaluateResultWithSuccess', 'true', 'false', 'Successful'],
    ['TestEvaluateResultWithFailure', 'true', 'true', 'Failed'],
    ['TestEvaluateResultInconclusive', 'false', 'false', 'Inconclusive'],
    ['TestEvaluateResultNoSuccessConditionAndNotFailing', undefined, 'false', 'Successful'],
    ['TestEvaluateResultNoFailureConditionAndNotSuccessful', 'false', undefined, 'Failed'],
    ['TestEvaluateResultNoFailureConditionAndNoSuccessCondition', undefined, undefined, 'Successful'],
    ['only a failure condition, which holds', undefined, 'true', 'Failed'],
    ['only a success condition, which holds', 'true', undefined, 'Successful'],
    ['TestEvaluateResultWithErrorOnSuccessCondition (runtime error)', 'result[3] == 1', 'true', 'Error'],
    ['TestEvaluateResultWithErrorOnFailureCondition (runtime error)', 'true', 'result[3] == 1', 'Error'],
  ])('%s', (_name, successCondition, failureCondition, phase) => {
    expect(argo.evaluateMeasurement({ successCondition, failureCondition }, [1]).phase).toBe(phase);
  });

  // docs/features/analysis.md, "Handling Metric Results": NaN, infinity, empty arrays, default()
  it.each<[string, string | undefined, string | undefined, Value, argo.AnalysisPhase]>([
    ['NaN made successful', 'isNaN(result) || result >= 0.95', undefined, Number.NaN, 'Successful'],
    ['NaN inconclusive with both conditions', 'result >= 0.95', 'result < 0.95', Number.NaN, 'Inconclusive'],
    ['NaN fails a lone success condition', 'result >= 0.95', undefined, Number.NaN, 'Failed'],
    ['+Inf passes result >= 0.95', 'result >= 0.95', undefined, Number.POSITIVE_INFINITY, 'Successful'],
    ['+Inf fails isInf(result)', undefined, 'isInf(result)', Number.POSITIVE_INFINITY, 'Failed'],
    ['empty vector made successful', 'len(result) == 0 || result[0] >= 0.95', undefined, [], 'Successful'],
    ['empty vector made failed', 'len(result) > 0 && result[0] >= 0.95', undefined, [], 'Failed'],
    ['empty vector indexed: an error, not a pass', 'result[0] >= 0.95', undefined, [], 'Error'],
    ['nil compared: an error (Datadog without data)', 'result < 0.05', undefined, null, 'Error'],
    ['nil with default()', 'default(result, 0) < 0.05', undefined, null, 'Successful'],
    ['a value with default() keeps the value', 'default(result, 0) < 0.05', undefined, 0.2, 'Failed'],
    ['vector value passes', 'result[0] >= 0.95', undefined, [0.97], 'Successful'],
    ['vector value fails', 'result[0] >= 0.95', undefined, [0.9412], 'Failed'],
    ['web provider string', "result == 'true'", undefined, 'true', 'Successful'],
    ['a non-boolean condition errors at run time', 'result', undefined, 0.5, 'Error'],
  ])('%s', (_name, successCondition, failureCondition, value, phase) => {
    expect(argo.evaluateMeasurement({ successCondition, failureCondition }, value).phase).toBe(phase);
  });

  it('quotes the condition and the value in its reason', () => {
    const result = argo.evaluateMeasurement({ successCondition: 'result[0] >= 0.95' }, [0.93]);
    expect(result).toEqual({
      phase: 'Failed',
      reason: 'successCondition `result[0] >= 0.95` false for [0.93]: Failed',
    });
    const error = argo.evaluateMeasurement({ successCondition: 'result[0] >= 0.95' }, []);
    expect(error.reason).toBe(
      'successCondition `result[0] >= 0.95` on []: index out of range: 0 (array length is 0)',
    );
  });

  it('a condition outside the subset is an Error naming the problem', () => {
    const result = argo.evaluateMeasurement({ successCondition: 'result.ok == true' }, 1);
    expect(result).toEqual({
      phase: 'Error',
      reason:
        'metric.successCondition: expected an expression of the supported subset, found `.` at position 7',
    });
  });

  it('compileMeasurement returns every parse problem, each with its path', () => {
    const compiled = argo.compileMeasurement(
      { successCondition: 'result >', failureCondition: 'x' },
      'spec.metrics[1]',
    );
    expect(compiled.judge).toBeNull();
    expect(compiled.problems.map((p) => p.path)).toEqual([
      'spec.metrics[1].successCondition',
      'spec.metrics[1].failureCondition',
    ]);
  });
});

describe('evaluateCondition: expr semantics', () => {
  const run = (text: string, value: Value) => {
    const parsed = argo.parseCondition(text, 'c');
    if (!parsed.ok) throw new Error(parsed.problem.found);
    return argo.evaluateCondition(parsed.node, value);
  };

  it.each<[string, Value, boolean]>([
    // TestEvaluateConditionWithSuccess / …WithFailure / TestEvaluateFloat64
    ['result == true', true, true],
    ['result == false', true, false],
    ['result > 1', 5, true],
    ['result == 1', '1', false],
    ['result[-1] == 3', [1, 2, 3], true],
    ['result == 0.3', 0.1 + 0.2, false],
    ['1 / 0 > 1000', 0, true],
    ['7 % 3 == 1', 0, true],
    ["result + 'b' == 'ab'", 'a', true],
    ['-result < 0', 2, true],
    ['result != result', Number.NaN, true],
  ])('%s with result %j → %s', (text, value, expected) => {
    expect(run(text, value)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, Value, string]>([
    ['result < 0.05', null, 'invalid operation: < (mismatched types <nil> and float64)'],
    ['result[2] > 0', [1], 'index out of range: 2 (array length is 1)'],
    ['len(result) > 0', 3, 'invalid argument for len (type float64)'],
    ['result && true', 1, 'invalid operation: && on float64'],
    ['1.5 % 1 == 0', 0, 'invalid operation: % (mismatched types float64 and float64)'],
    ['5 % 0 == 0', 0, 'integer divide by zero'],
    ['isNaN(result)', [1], 'isNaN expects float64, found []interface {}'],
  ])('%s with result %j errors: %s', (text, value, error) => {
    expect(run(text, value)).toEqual({ ok: false, error });
  });

  it('|| and && short-circuit, so the right side is not evaluated', () => {
    expect(run('len(result) == 0 || result[0] > 1', [])).toEqual({ ok: true, value: true });
    expect(run('len(result) > 0 && result[0] > 1', [])).toEqual({ ok: true, value: false });
  });
});
