/**
 * Flagger's canary analysis decisions, reproduced from its scheduler: the interval and threshold
 * defaults, weight progression (stepWeight/maxWeight, stepWeights, A/B and Blue/Green iterations),
 * builtin and MetricTemplate metric checks, webhook gates, and the check-by-check state machine that
 * promotes or rolls back. Pure; see docs/controllers.md.
 */
export { advanceCanary, type CanaryStep } from './advanceCanary.js';
export { type CanaryPhase, type CanaryState, initialCanaryState } from './canaryState.js';
export { type CanaryTick, webhookOutcome } from './canaryTick.js';
export { checkMetric, type MetricCheck } from './checkMetric.js';
export { type CanaryAction, type CanaryCheck, type CanaryDecision, decide } from './decide.js';
export {
  analysisIntervalMs,
  analysisThreshold,
  DEFAULT_INTERVAL_MS,
  type FlaggerAnalysis,
  type FlaggerMetric,
  type FlaggerWebhook,
  type FlaggerWebhookType,
  MIN_INTERVAL_MS,
  maxWeightOf,
  nextStepWeight,
  type ThresholdRange,
  TOTAL_WEIGHT,
} from './flaggerAnalysis.js';
export { validateAnalysis } from './validateAnalysis.js';
