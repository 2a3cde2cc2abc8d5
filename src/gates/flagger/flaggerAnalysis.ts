import { parseGoDurationMs } from '../goDuration.js';

/** `thresholdRange`: the accepted values of a metric, each bound inclusive; either may be left out. */
export interface ThresholdRange {
  min?: number;
  max?: number;
}

/**
 * One metric check of a Canary's analysis. `request-success-rate` (percent, 0–100) and
 * `request-duration` (P99, milliseconds) are Flagger's builtin checks; any other name needs a
 * `templateRef` (a MetricTemplate) or an inline `query`, whose value is compared in its own unit.
 */
export interface FlaggerMetric {
  name: string;
  /** The query window, a Go duration (default `1m`); it does not change how often checks run. */
  interval?: string;
  thresholdRange?: ThresholdRange;
  /** Deprecated single bound: a minimum for request-success-rate, a maximum for every other metric. */
  threshold?: number;
  templateRef?: { name: string; namespace?: string };
  query?: string;
}

/** The webhook types that change a canary's decisions (event, pre/post-rollout side effects aside). */
export type FlaggerWebhookType =
  | 'pre-rollout'
  | 'rollout'
  | 'confirm-rollout'
  | 'confirm-traffic-increase'
  | 'confirm-promotion'
  | 'post-rollout'
  | 'rollback'
  | 'event';

export interface FlaggerWebhook {
  name: string;
  /** Default `rollout`. */
  type?: FlaggerWebhookType;
}

/** A Canary's `spec.analysis`, with Flagger's field names; weights are percentages of traffic (0–100). */
export interface FlaggerAnalysis {
  /** Time between checks, a Go duration (default 60s, at least 10s). */
  interval?: string;
  /** Failed checks that roll the canary back (default 1). */
  threshold?: number;
  maxWeight?: number;
  stepWeight?: number;
  stepWeights?: number[];
  /** Weight moved back to the primary per interval while promoting; 0 moves it all at once. */
  stepWeightPromotion?: number;
  /** Checks to run for A/B testing (with `match`) and Blue/Green (without). */
  iterations?: number;
  /** Whether A/B match conditions (HTTP headers or cookies) are set; their content does not matter here. */
  match?: boolean;
  metrics?: FlaggerMetric[];
  webhooks?: FlaggerWebhook[];
}

/** Flagger's `AnalysisInterval` default, in ms. */
export const DEFAULT_INTERVAL_MS = 60_000;

/** The shortest interval Flagger schedules, in ms: shorter ones are raised to it. */
export const MIN_INTERVAL_MS = 10_000;

/** Total traffic weight (`totalWeight`), percent. */
export const TOTAL_WEIGHT = 100;

/**
 * The time between checks in ms, as `GetAnalysisInterval` computes it: 60 s when unset or not a Go
 * duration, and never below 10 s.
 *
 * @example analysisIntervalMs({ interval: '5s' }) // 10000
 */
export function analysisIntervalMs(analysis: FlaggerAnalysis): number {
  if (!analysis.interval) return DEFAULT_INTERVAL_MS;
  const parsed = parseGoDurationMs(analysis.interval, 'interval');
  if (!('ms' in parsed)) return DEFAULT_INTERVAL_MS;
  return Math.max(parsed.ms, MIN_INTERVAL_MS);
}

/** Failed checks that trigger a rollback (`GetAnalysisThreshold`): `threshold` when above 0, else 1. */
export function analysisThreshold(analysis: FlaggerAnalysis): number {
  return analysis.threshold !== undefined && analysis.threshold > 0 ? analysis.threshold : 1;
}

/**
 * The weight at which the canary is promoted (`maxWeight` in scheduler.go): the last of `stepWeights`
 * (at most 100) when given, else `maxWeight` when above 0, else 100.
 */
export function maxWeightOf(analysis: FlaggerAnalysis): number {
  const steps = analysis.stepWeights ?? [];
  if (steps.length > 0) return Math.min(TOTAL_WEIGHT, steps.at(-1)!);
  return analysis.maxWeight !== undefined && analysis.maxWeight > 0 ? analysis.maxWeight : TOTAL_WEIGHT;
}

/**
 * How much weight the next step adds (`nextStepWeight`): `stepWeight` when it is set or there are no
 * `stepWeights`; with `stepWeights`, the first step from 0, then the difference to the step after the
 * current weight, never past 100 (1 at 100, so that the canary moves on to promotion).
 *
 * @example nextStepWeight({ stepWeights: [1, 10, 50] }, 10) // 40
 */
export function nextStepWeight(analysis: FlaggerAnalysis, canaryWeight: number): number {
  const steps = analysis.stepWeights ?? [];
  const stepWeight = analysis.stepWeight ?? 0;
  if (stepWeight > 0 || steps.length === 0) return stepWeight;
  const maxStep = TOTAL_WEIGHT - canaryWeight;
  if (maxStep === 0) return 1;
  if (canaryWeight === 0) return Math.min(maxStep, steps[0]!);
  for (let i = 0; i < steps.length - 1; i++) {
    if (steps[i] === canaryWeight) return Math.min(maxStep, steps[i + 1]! - canaryWeight);
  }
  return maxStep;
}
