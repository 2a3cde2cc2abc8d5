/**
 * Argo Rollouts' analysis decisions, reproduced from its controller: the success/failure condition
 * language (a documented subset of expr), how a measurement is judged, how a metric's measurements
 * decide its phase (limits, counts, termination), how metrics decide an AnalysisRun, and what the
 * Rollout does with the run's phase. Pure; see docs/controllers.md.
 */
export {
  ANALYSIS_PHASES,
  type AnalysisPhase,
  isCompleted,
  isWorse,
  type MeasurementPhase,
} from './analysisPhase.js';
export {
  type ArgoMetric,
  consecutiveErrorLimitOf,
  consecutiveSuccessLimitOf,
  DEFAULT_CONSECUTIVE_ERROR_LIMIT,
  ERROR_RETRY_INTERVAL_MS,
  effectiveCount,
  failureLimitOf,
  inconclusiveLimitOf,
} from './argoMetric.js';
export { compileMeasurement, type MeasurementJudge, type MeasurementResult } from './compileMeasurement.js';
export { CONDITION_FUNCTIONS, type ConditionNode } from './conditionSyntax.js';
export { dryRunMetrics } from './dryRunMetrics.js';
export { type ConditionOutcome, evaluateCondition, type MeasurementValue } from './evaluateCondition.js';
export { evaluateMeasurement } from './evaluateMeasurement.js';
export { type MetricAssessment, metricPhase } from './metricPhase.js';
export { addMeasurement, emptyTally, type MetricTally } from './metricTally.js';
export { nextMeasurementAtMs, type TimedMeasurement } from './nextMeasurementAt.js';
export { parseCondition } from './parseCondition.js';
export { type RolloutAction, rolloutAction } from './rolloutAction.js';
export { type RunAssessment, type RunMetric, runPhase } from './runPhase.js';
export { validateMetric } from './validateMetric.js';
