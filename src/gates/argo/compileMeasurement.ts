import type { SpecProblem } from '../specProblem.js';
import type { MeasurementPhase } from './analysisPhase.js';
import type { ArgoMetric } from './argoMetric.js';
import type { ConditionNode } from './conditionSyntax.js';
import { evaluateCondition, type MeasurementValue } from './evaluateCondition.js';
import { parseCondition } from './parseCondition.js';

/** A measurement's phase and why, quoting the condition and the value. */
export interface MeasurementResult {
  phase: Exclude<MeasurementPhase, 'Running'>;
  reason: string;
}

/** A metric's conditions parsed once, ready to judge many measurements. */
export type MeasurementJudge = (value: MeasurementValue) => MeasurementResult;

function show(value: MeasurementValue): string {
  if (value === null) return 'nil';
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function compile(
  text: string | undefined,
  path: string,
  problems: SpecProblem[],
): { text: string; node: ConditionNode } | null {
  if (!text) return null;
  const parsed = parseCondition(text, path);
  if (!parsed.ok) {
    problems.push(parsed.problem);
    return null;
  }
  return { text, node: parsed.node };
}

/**
 * Parses a metric's `successCondition` and `failureCondition` and returns the function that judges a
 * measurement's value the way Argo's `EvaluateResult` does (utils/evaluate/evaluate.go):
 *
 * - neither condition: Successful;
 * - only a success condition: Failed when it is false;
 * - only a failure condition: Successful when it is false;
 * - both: Failed when the failure condition holds (whatever the success condition says), Successful when
 *   only the success condition holds, Inconclusive when neither does;
 * - a condition that errors at run time (`result[0]` of an empty vector, `nil < 0.05`): Error.
 *
 * A condition outside the supported subset is returned as a problem instead (`path` prefixes it).
 *
 * @example compileMeasurement({ name: 'sr', successCondition: 'result[0] >= 0.95' }, 'metrics[0]').judge?.([0.9]).phase // 'Failed'
 */
export function compileMeasurement(
  metric: Pick<ArgoMetric, 'successCondition' | 'failureCondition'>,
  path: string,
): { judge: MeasurementJudge; problems: [] } | { judge: null; problems: SpecProblem[] } {
  const problems: SpecProblem[] = [];
  const success = compile(metric.successCondition, `${path}.successCondition`, problems);
  const failure = compile(metric.failureCondition, `${path}.failureCondition`, problems);
  if (problems.length > 0) return { judge: null, problems };
  const judge: MeasurementJudge = (value) => {
    if (success === null && failure === null)
      return { phase: 'Successful', reason: 'no conditions: Successful' };
    let successHolds = false;
    let failureHolds = false;
    for (const [condition, name] of [
      [success, 'successCondition'],
      [failure, 'failureCondition'],
    ] as const) {
      if (condition === null) continue;
      const outcome = evaluateCondition(condition.node, value);
      if (!outcome.ok) {
        return {
          phase: 'Error',
          reason: `${name} \`${condition.text}\` on ${show(value)}: ${outcome.error}`,
        };
      }
      if (name === 'successCondition') successHolds = outcome.value;
      else failureHolds = outcome.value;
    }
    if (failure === null) failureHolds = !successHolds;
    if (success === null) successHolds = !failureHolds;
    const said = [
      success && `successCondition \`${success.text}\` ${successHolds ? 'true' : 'false'}`,
      failure && `failureCondition \`${failure.text}\` ${failureHolds ? 'true' : 'false'}`,
    ]
      .filter(Boolean)
      .join(', ');
    const phase = failureHolds ? 'Failed' : successHolds ? 'Successful' : 'Inconclusive';
    return { phase, reason: `${said} for ${show(value)}: ${phase}` };
  };
  return { judge, problems: [] };
}
