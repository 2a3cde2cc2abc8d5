/**
 * One metric of an Argo Rollouts AnalysisTemplate (or AnalysisRun), with the controller's field names.
 * Durations are Go duration strings as written in the manifest (`5m`); counts and limits are numbers of
 * measurements. A field left out takes the controller's default (see the getters below).
 */
export interface ArgoMetric {
  name: string;
  /** Time between measurements; without it and without `count` the metric measures once. */
  interval?: string;
  /** Wait before the first measurement, from the run's start. */
  initialDelay?: string;
  /** Measurements to take; 0 or absent means one when there is no interval, else no end. */
  count?: number;
  /** Failed measurements tolerated: the metric fails at `failureLimit + 1`; -1 turns the limit off. */
  failureLimit?: number;
  /** Inconclusive measurements tolerated: the metric is Inconclusive at `inconclusiveLimit + 1`. */
  inconclusiveLimit?: number;
  /** Errors in a row tolerated: the metric is Error at `consecutiveErrorLimit + 1` (default 4). */
  consecutiveErrorLimit?: number;
  /** Successes in a row that complete the metric as Successful; 0 (the default) turns it off. */
  consecutiveSuccessLimit?: number;
  successCondition?: string;
  failureCondition?: string;
}

/** `DefaultConsecutiveErrorLimit` in the controller (analysis/analysis.go, utils/defaults). */
export const DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;

/** `DefaultErrorRetryInterval`: how soon a metric measures again after an Error, in ms. */
export const ERROR_RETRY_INTERVAL_MS = 10_000;

/**
 * The number of measurements after which the metric is complete (`Metric.EffectiveCount()`): `count` when
 * it is above 0; else 1 when there is no interval; else null, a metric that runs until the run ends.
 *
 * @example effectiveCount({ name: 'm' }) // 1
 * @example effectiveCount({ name: 'm', interval: '5m' }) // null
 */
export function effectiveCount(metric: ArgoMetric): number | null {
  if (metric.count === undefined || metric.count === 0) return metric.interval ? null : 1;
  return metric.count;
}

/** `failureLimit`, default 0; -1 (any negative) means failures alone never fail the metric. */
export function failureLimitOf(metric: ArgoMetric): number {
  return metric.failureLimit ?? 0;
}

/** `inconclusiveLimit`, default 0. */
export function inconclusiveLimitOf(metric: ArgoMetric): number {
  return metric.inconclusiveLimit ?? 0;
}

/** `consecutiveErrorLimit`, default {@link DEFAULT_CONSECUTIVE_ERROR_LIMIT}. */
export function consecutiveErrorLimitOf(metric: ArgoMetric): number {
  return metric.consecutiveErrorLimit ?? DEFAULT_CONSECUTIVE_ERROR_LIMIT;
}

/** `consecutiveSuccessLimit`, default 0 (off). */
export function consecutiveSuccessLimitOf(metric: ArgoMetric): number {
  return metric.consecutiveSuccessLimit ?? 0;
}
