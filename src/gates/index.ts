/**
 * The gate logic of a progressive rollout, pure and IO-free, shared by the rehearsal engine, replay and a
 * production controller (`import { evaluateGate } from 'rollout-rehearsal/gates'`): metric definitions
 * over windows of raw sums, gate and guard evaluation with reasons, and phase decisions.
 * See docs/gates.md. The namespaces `argo` and `flagger` hold Argo Rollouts' and Flagger's own analysis
 * rules, and `promql` maps Prometheus queries onto the modelled metrics (docs/controllers.md).
 */
export * as argo from './argo/index.js';
export { computeMetric, LATENCY_QUANTILE } from './computeMetric.js';
export type { Condition, EvaluationContext } from './condition.js';
export {
  type CheckpointGates,
  checkpointVerdict,
  type DecidingGate,
  type Decision,
  decideCheckpoint,
  decideGuardTrip,
  decidePhase,
  decidingGate,
  decidingGateMetric,
  type PhaseRules,
} from './decidePhase.js';
export {
  evaluateGate,
  evaluateGateValue,
  evaluateGateVerdict,
  type GateResult,
  gateVerdict,
} from './evaluateGate.js';
export { evaluateGuard, evaluateGuardValue, type GuardResult, guardTrips } from './evaluateGuard.js';
export * as flagger from './flagger/index.js';
export {
  formatCount,
  formatMs,
  formatPercent,
  formatPercentagePoints,
  formatSignedPercent,
} from './format.js';
export { nextGuardStreak, requiredStreak, streakReason, streakTrips } from './guardStreak.js';
export { type BucketRange, histogramQuantile } from './histogramQuantile.js';
export { defaultLatencyBucketsMs, firstBucketAbove } from './latencyBuckets.js';
export {
  formatMetricValue,
  formatThreshold,
  isMetricName,
  METRIC_NAMES,
  METRICS,
  type MetricInfo,
  type MetricName,
  type MetricUnit,
} from './metrics.js';
export {
  conditionHolds,
  isOperator,
  NEGATED_OPERATOR_SYMBOLS,
  OPERATOR_SYMBOLS,
  OPERATORS,
  type Operator,
} from './operators.js';
export * as promql from './promql/index.js';
export { VERDICTS, type Verdict, worst } from './verdict.js';
export {
  addInto,
  emptyWindowStats,
  resetWindowStats,
  type SegmentCounts,
  type WindowStats,
} from './windowStats.js';
