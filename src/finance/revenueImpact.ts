import { type ChurnAndCompletion, churnAndCompletion } from './churnAndCompletion.js';
import { type ExposureTimeline, exposureYears } from './exposure.js';
import type { FinanceEffects, FinanceInputs } from './financeInputs.js';

/** The value of one follow-on effect under the timeline. */
export interface FollowOnValue {
  name: string;
  /** When it started, ms from the rollout start (full rollout + `startsAfterMs`); null when the rollout never reached full. */
  startsAtMs: number | null;
  /** The uplift used (its mean, or a draw). */
  revenueUplift: number;
  valueUsd: number;
}

/** Revenue impact over the horizon, USD, discounted when a discount rate is set. */
export interface RevenueImpact {
  /** From the main measured revenue uplift. */
  mainUsd: number;
  followOn: FollowOnValue[];
  /** Churn and completion: learner outcomes and their revenue, a decomposition of `mainUsd` by default. */
  churnAndCompletion: ChurnAndCompletion & {
    /** Whether their revenue is added to the value (only when the measured uplift excludes them). */
    addedToValue: boolean;
    /** (churn + completion revenue) / main revenue: how much of the measured uplift they explain; null when main is 0. */
    shareOfMainExplained: number | null;
  };
  /** main + follow-on (+ churn and completion when added): the projected value. */
  totalUsd: number;
}

/** The revenue impact alone (no costs, no direct-launch comparison): the inner loop of the Monte Carlo. */
export function revenueImpact(
  business: FinanceInputs,
  timeline: ExposureTimeline,
  effects: FinanceEffects,
  learners: number | null = null,
): RevenueImpact {
  const rate = business.discountRatePerYear;
  const annualUsd = business.baselineAnnualRevenueUsd;
  const mainUsd = annualUsd * effects.revenueUplift * exposureYears(timeline, rate);
  const followOn = business.followOn.map((effect, index): FollowOnValue => {
    const uplift = effects.followOn[index] ?? effect.revenueUplift.mean;
    const startsAtMs =
      timeline.fullRolloutAtMs === null ? null : timeline.fullRolloutAtMs + effect.startsAfterMs;
    return {
      name: effect.name,
      startsAtMs,
      revenueUplift: uplift,
      valueUsd: startsAtMs === null ? 0 : annualUsd * uplift * exposureYears(timeline, rate, startsAtMs),
    };
  });
  const outcomes = churnAndCompletion(business, timeline, effects, learners);
  const addedToValue = business.revenueIncludesChurnAndCompletion === false;
  const decompositionUsd = outcomes.churnRevenueUsd + (outcomes.completionRevenueUsd ?? 0);
  const totalUsd =
    mainUsd +
    followOn.reduce((sum, effect) => sum + effect.valueUsd, 0) +
    (addedToValue ? decompositionUsd : 0);
  return {
    mainUsd,
    followOn,
    churnAndCompletion: {
      ...outcomes,
      addedToValue,
      shareOfMainExplained: mainUsd === 0 ? null : decompositionUsd / mainUsd,
    },
    totalUsd,
  };
}
