import { type ExposureTimeline, exposureYears, retainedExposureYears2 } from './exposure.js';
import type { FinanceEffects, FinanceInputs } from './financeInputs.js';
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
): ChurnAndCompletion {
  const churnPerYear = business.baselineChurnPerMonth * MONTHS_PER_YEAR;
  const completionsPerLearnerYear = business.baselineCompletionsPerLearnerMonth * MONTHS_PER_YEAR;
  const retainedShareYear = churnPerYear * -effects.churnChange;
  const completionShareYear = completionsPerLearnerYear * effects.completionUplift;
  const undiscountedExposureYears = exposureYears(timeline, 0);
  const churnRevenueUsd =
    business.baselineAnnualRevenueUsd *
    retainedShareYear *
    retainedExposureYears2(timeline, business.discountRatePerYear);
  const revenuePerCompletionUsd = business.revenuePerCompletionUsd ?? null;
  const completionRevenueUsd =
    revenuePerCompletionUsd === null || learners === null
      ? null
      : learners *
        completionShareYear *
        revenuePerCompletionUsd *
        exposureYears(timeline, business.discountRatePerYear);
  return {
    learnersRetainedPerYear: learners === null ? null : learners * retainedShareYear,
    learnersRetained: learners === null ? null : learners * retainedShareYear * undiscountedExposureYears,
    completionsGainedPerYear: learners === null ? null : learners * completionShareYear,
    completionsGained: learners === null ? null : learners * completionShareYear * undiscountedExposureYears,
    churnRevenueUsd,
    completionRevenueUsd,
  };
}
