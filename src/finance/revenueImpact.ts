import {
  type ChurnAndCompletion,
  churnAndCompletion,
  churnRevenueUsd,
  completionRevenueUsd,
} from './churnAndCompletion.js';
import type { ExposureTimeline } from './exposure.js';
import type { FinanceEffects, FinanceInputs } from './financeInputs.js';
import { type TimelineIntegrals, timelineIntegrals } from './timelineIntegrals.js';

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

/**
 * The revenue impact alone (no costs, no direct-launch comparison): the inner loop of the Monte Carlo.
 *
 * @param integrals the timeline's integrals, when the caller has them already (a Monte Carlo computes
 *   them once per distinct timeline); the same values as computed here, so the same result bit for bit
 */
export function revenueImpact(
  business: FinanceInputs,
  timeline: ExposureTimeline,
  effects: FinanceEffects,
  learners: number | null = null,
  integrals: TimelineIntegrals = timelineIntegrals(business, timeline),
): RevenueImpact {
  const annualUsd = business.baselineAnnualRevenueUsd;
  const mainUsd = annualUsd * effects.revenueUplift * integrals.exposureYears;
  const followOn = business.followOn.map((effect, index): FollowOnValue => {
    const uplift = effects.followOn[index] ?? effect.revenueUplift.mean;
    const { startsAtMs, exposureYears } = integrals.followOn[index]!;
    return {
      name: effect.name,
      startsAtMs,
      revenueUplift: uplift,
      valueUsd: followOnValueUsd(annualUsd, uplift, startsAtMs, exposureYears),
    };
  });
  const outcomes = churnAndCompletion(business, timeline, effects, learners, integrals);
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

function followOnValueUsd(
  annualUsd: number,
  uplift: number,
  startsAtMs: number | null,
  exposureYears: number,
): number {
  return startsAtMs === null ? 0 : annualUsd * uplift * exposureYears;
}

/**
 * `revenueImpact(business, timeline, effects, learners, integrals).totalUsd` without building the rest:
 * the same terms, added in the same order, so the very same number (the Monte Carlo values each draw
 * three times and reads only this).
 */
export function revenueImpactUsd(
  business: FinanceInputs,
  effects: FinanceEffects,
  learners: number | null,
  integrals: TimelineIntegrals,
): number {
  const annualUsd = business.baselineAnnualRevenueUsd;
  const mainUsd = annualUsd * effects.revenueUplift * integrals.exposureYears;
  let followOnUsd = 0;
  business.followOn.forEach((effect, index) => {
    const uplift = effects.followOn[index] ?? effect.revenueUplift.mean;
    const { startsAtMs, exposureYears } = integrals.followOn[index]!;
    followOnUsd += followOnValueUsd(annualUsd, uplift, startsAtMs, exposureYears);
  });
  const addedToValue = business.revenueIncludesChurnAndCompletion === false;
  const decompositionUsd = addedToValue
    ? churnRevenueUsd(business, effects, integrals) +
      (completionRevenueUsd(business, effects, learners, integrals) ?? 0)
    : 0;
  return mainUsd + followOnUsd + decompositionUsd;
}
