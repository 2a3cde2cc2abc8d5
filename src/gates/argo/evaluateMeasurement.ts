import type { ArgoMetric } from './argoMetric.js';
import { compileMeasurement, type MeasurementResult } from './compileMeasurement.js';
import type { MeasurementValue } from './evaluateCondition.js';

/**
 * One measurement judged against a metric's conditions: 'Successful' | 'Failed' | 'Inconclusive' |
 * 'Error', with the reason (rules in {@link compileMeasurement}). A condition outside the supported
 * subset makes the measurement an Error whose reason is the parse problem; validate the metric first
 * (`validateMetric`) to report it as bad input instead. To judge many values, compile once.
 *
 * @example evaluateMeasurement({ name: 'sr', successCondition: 'result >= 0.95', failureCondition: 'result < 0.95' }, NaN).phase // 'Inconclusive'
 */
export function evaluateMeasurement(
  metric: Pick<ArgoMetric, 'successCondition' | 'failureCondition'>,
  value: MeasurementValue,
): MeasurementResult {
  const compiled = compileMeasurement(metric, 'metric');
  if (compiled.judge !== null) return compiled.judge(value);
  const problem = compiled.problems[0]!;
  return { phase: 'Error', reason: `${problem.path}: expected ${problem.expected}, found ${problem.found}` };
}
