import type { ExposureTimeline } from './exposure.js';
import type { FinanceEffects, FinanceInputs } from './financeInputs.js';
import { type TimelineIntegrals, timelineIntegrals } from './timelineIntegrals.js';
import { MONTHS_PER_YEAR } from './timeValue.js';

/** What the churn and completion changes mean for learners, and what they are worth. */
export interface ChurnAndCompletion {
  /** Learners kept from churning in a year at full exposure; null without a learner count. */
  learnersRetainedPerYear: number | null;
  /** Learners kept from churning over the horizon under the timeline (undiscounted); null without a learner count. */
  learnersRetained: number | null;
  /** Extra course completions in a year at full exposure; null without a learner count. */
  completionsGainedPerYear: number | null;
  /** Extra course completions over the horizon under the timeline (undiscounted); null without a learner count. */
  completionsGained: number | null;
  /** Revenue the retained learners bring until the horizon, USD, discounted. */
  churnRevenueUsd: number;
  /** Extra completions × `revenuePerCompletionUsd`, USD, discounted; null when completions are not valued. */
  completionRevenueUsd: number | null;
}

/**
 * Translates the churn change and the completion uplift into learners and revenue.
 *
 * Churn: at exposure s(t), N · c · 12 · (−δ) · s(t) learners a year are kept (c the baseline churn per
 * month, δ the relative churn change); each then pays the average R / N a year until the horizon H, so
 * the revenue is R · 12c · (−δ) · ∫ s(t) ∫ₜᴴ e^(−ρu) du dt (first order: retained learners are not
 * churned a second time within the horizon). Full exposure for a year, ρ = 0: R · 12c · (−δ) / 2.
 *
 * Completion: N · k · 12 · g · s(t) extra completions a year (k completions per learner-month, g the
 * relative uplift), valued at `revenuePerCompletionUsd` each when the scenario states it.
 */
export function churnAndCompletion(
  business: FinanceInputs,
  timeline: ExposureTimeline,
  effects: FinanceEffects,
  learners: number | null,
  integrals: TimelineIntegrals = timelineIntegrals(business, timeline),
): ChurnAndCompletion {
  const retainedShareYear = retainedShareOfYear(business, effects);
  const completionShareYear = completionShareOfYear(business, effects);
  const undiscountedExposureYears = integrals.undiscountedExposureYears;
  return {
    learnersRetainedPerYear: learners === null ? null : learners * retainedShareYear,
    learnersRetained: learners === null ? null : learners * retainedShareYear * undiscountedExposureYears,
    completionsGainedPerYear: learners === null ? null : learners * completionShareYear,
    completionsGained: learners === null ? null : learners * completionShareYear * undiscountedExposureYears,
    churnRevenueUsd: churnRevenueUsd(business, effects, integrals),
    completionRevenueUsd: completionRevenueUsd(business, effects, learners, integrals),
  };
}

/** Learners kept from churning per learner-year at full exposure. */
function retainedShareOfYear(business: FinanceInputs, effects: FinanceEffects): number {
  return business.baselineChurnPerMonth * MONTHS_PER_YEAR * -effects.churnChange;
}

/** Extra completions per learner-year at full exposure. */
function completionShareOfYear(business: FinanceInputs, effects: FinanceEffects): number {
  return business.baselineCompletionsPerLearnerMonth * MONTHS_PER_YEAR * effects.completionUplift;
}

/** The retained learners' revenue over the horizon, USD (see {@link churnAndCompletion}). */
export function churnRevenueUsd(
  business: FinanceInputs,
  effects: FinanceEffects,
  integrals: TimelineIntegrals,
): number {
  return (
    business.baselineAnnualRevenueUsd *
    retainedShareOfYear(business, effects) *
    integrals.retainedExposureYears2
  );
}

/** The extra completions' revenue over the horizon, USD; null without a price per completion or a learner count. */
export function completionRevenueUsd(
  business: FinanceInputs,
  effects: FinanceEffects,
  learners: number | null,
  integrals: TimelineIntegrals,
): number | null {
  const revenuePerCompletionUsd = business.revenuePerCompletionUsd ?? null;
  if (revenuePerCompletionUsd === null || learners === null) return null;
  return (
    learners * completionShareOfYear(business, effects) * revenuePerCompletionUsd * integrals.exposureYears
  );
}
