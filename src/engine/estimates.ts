import { HOURS_PER_MONTH, type RevenueModel } from '../model/index.js';
import type { EngineWindow } from './engineWindow.js';

const MONTH_MS = HOURS_PER_MONTH * 3_600_000;

/**
 * The candidate's effect on total revenue over a window, as a fraction:
 * `traffic · ((Rev_c / LH_c) / (Rev_b / LH_b) − 1)`. When the window holds no baseline learner-hours
 * (a trailing guard window, or a 100% phase) the forecast baseline revenue per learner-hour stands in.
 * Null when the candidate has no learner-hours or the baseline rate is 0 (no value, not a pass).
 *
 * @example revenueImpact(window, 0.01, model) // 0.00058 for a +5.8% candidate on a 1% canary
 */
export function revenueImpact(
  window: EngineWindow,
  traffic: number,
  revenue: RevenueModel | null,
): number | null {
  const stats = window.stats;
  if (revenue === null || !(stats.candidateLearnerHours > 0)) return null;
  const baselinePerLearnerHour =
    stats.baselineLearnerHours > 0
      ? stats.baselineRevenueUsd / stats.baselineLearnerHours
      : revenue.purchasesPerLearnerHour * revenue.meanPurchaseUsd;
  if (!(baselinePerLearnerHour > 0)) return null;
  const candidatePerLearnerHour = stats.candidateRevenueUsd / stats.candidateLearnerHours;
  return traffic * (candidatePerLearnerHour / baselinePerLearnerHour - 1);
}

/**
 * Events per learner per month (730 h) over a window: `events / (learners · observedMs / month)`;
 * null when the window has no learner-time.
 *
 * @example perLearnerMonth(12, 5000, 7_200_000) // 0.876 churned per learner-month
 */
export function perLearnerMonth(events: number, learners: number, observedMs: number): number | null {
  const learnerMonths = (learners * observedMs) / MONTH_MS;
  return learnerMonths > 0 ? events / learnerMonths : null;
}

/** What the estimates need to know about the cohort behind a window. */
export interface EstimateContext {
  traffic: number;
  learners: number;
  revenue: RevenueModel | null;
  needsRevenueImpact: boolean;
  needsChurn: boolean;
  needsCompletions: boolean;
}

/**
 * Sets the window's provided estimates (revenueImpact, churnRate, completionRate) from its sums, in
 * place, for the metrics that some gate or guard uses; the others stay null.
 */
export function setEstimates(window: EngineWindow, context: EstimateContext): void {
  const stats = window.stats;
  stats.revenueImpact = context.needsRevenueImpact
    ? revenueImpact(window, context.traffic, context.revenue)
    : null;
  stats.churnRate = context.needsChurn
    ? perLearnerMonth(window.churnEvents, context.learners, stats.observedMs)
    : null;
  stats.completionRate = context.needsCompletions
    ? perLearnerMonth(window.completions, context.learners, stats.observedMs)
    : null;
}
