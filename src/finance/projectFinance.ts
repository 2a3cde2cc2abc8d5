import { normalQuantile } from '../random/index.js';
import {
  directLaunchTimeline,
  type ExposureSegment,
  type ExposureTimeline,
  exposureYears,
  type TimelineEnding,
} from './exposure.js';
import type { FinanceEffects, FinanceInputs } from './financeInputs.js';
import { type HorizonCosts, horizonCosts, roi } from './horizonCosts.js';
import { type RevenueImpact, revenueImpact } from './revenueImpact.js';
import { MS_PER_DAY, MS_PER_YEAR } from './timeValue.js';
import { valueSdUsd } from './valueSdUsd.js';

/** Two-sided 95% normal quantile, 1.95996. */
const Z_95 = normalQuantile(0.975);

export interface ProjectFinanceOptions {
  /** Learners on the platform, to count learners retained and completions gained; omitted → null counts. */
  learners?: number | null;
}

/** What a rollout is worth over the horizon, given its exposure timeline and point values of the effects. */
export interface FinanceProjection {
  horizonDays: number;
  discountRatePerYear: number;
  effects: FinanceEffects;
  exposure: {
    ending: TimelineEnding;
    segments: ExposureSegment[];
    /** ∫ share dt over the horizon, days (undiscounted): 365 for a year at full exposure. */
    fullExposureDays: number;
  };
  /** Baseline annual revenue × main uplift: a year at full exposure, undiscounted ("+5.8% of $50M is $2.9M a year"). */
  fullExposureAnnualUsd: number;
  /** Baseline annual revenue × (uplift mean ± 1.96 sd), USD: the 95% interval of a year at full exposure. */
  fullExposureAnnualCi95Usd: [number, number];
  revenue: RevenueImpact;
  /** Costs over the horizon, USD: one-off at the start plus monthly costs accrued continuously (discounted). */
  costs: HorizonCosts;
  /** revenue.totalUsd, USD. */
  valueUsd: number;
  /** Standard deviation of the value from the effects' sds (independent normal effects), USD. */
  valueSdUsd: number;
  /** value ± 1.96 × valueSdUsd, USD. */
  valueCi95Usd: [number, number];
  /** value − costs, USD. */
  netValueUsd: number;
  /** (value − costs) / costs; null when there are no costs. */
  roi: number | null;
  /** What a day of delay costs: a day of the main effect at full exposure, undiscounted, USD. */
  delayCostPerDayUsd: number;
  /** A direct 100% launch on day 0 with the same effects and costs, for comparison. */
  directLaunch: { valueUsd: number; netValueUsd: number; roi: number | null };
  /** value − the direct launch's value, USD (negative: what the gradual rollout gives up for safety). */
  planMinusDirectUsd: number;
}

/**
 * Projects the revenue impact and ROI of a rollout over the horizon (pure; closed forms, see
 * docs/finance.md). With R the baseline annual revenue, u the uplift, s(t) the exposure share and ρ the
 * continuous discount rate, the value is R · u · ∫₀ᴴ s(t) e^(−ρt) dt (t in years) plus, for each
 * follow-on, R · uₖ · ∫ s(t) e^(−ρt) dt from its start (the full rollout + `startsAfterMs`) to H.
 *
 * @example
 * // +5.8% of $50M at full exposure for 365 days, no discounting: $2.9M
 * projectFinance(business, directLaunchTimeline(365 * MS_PER_DAY), meanEffects(business)).valueUsd // 2_900_000
 */
export function projectFinance(
  business: FinanceInputs,
  timeline: ExposureTimeline,
  effects: FinanceEffects,
  options: ProjectFinanceOptions = {},
): FinanceProjection {
  const learners = options.learners ?? null;
  const revenue = revenueImpact(business, timeline, effects, learners);
  const sdUsd = valueSdUsd(business, timeline, learners);
  const annualUsd = business.baselineAnnualRevenueUsd;
  const upliftSd = business.revenueUplift.sd;
  const costs = horizonCosts(business, timeline.horizonMs);
  const direct = revenueImpact(business, directLaunchTimeline(timeline.horizonMs), effects, learners);
  return {
    horizonDays: timeline.horizonMs / MS_PER_DAY,
    discountRatePerYear: business.discountRatePerYear,
    effects,
    exposure: {
      ending: timeline.ending,
      segments: timeline.segments,
      fullExposureDays: (exposureYears(timeline, 0) * MS_PER_YEAR) / MS_PER_DAY,
    },
    fullExposureAnnualUsd: annualUsd * effects.revenueUplift,
    fullExposureAnnualCi95Usd: [
      annualUsd * (effects.revenueUplift - Z_95 * upliftSd),
      annualUsd * (effects.revenueUplift + Z_95 * upliftSd),
    ],
    revenue,
    costs,
    valueUsd: revenue.totalUsd,
    valueSdUsd: sdUsd,
    valueCi95Usd: [revenue.totalUsd - Z_95 * sdUsd, revenue.totalUsd + Z_95 * sdUsd],
    netValueUsd: revenue.totalUsd - costs.totalUsd,
    roi: roi(revenue.totalUsd, costs.totalUsd),
    delayCostPerDayUsd: (annualUsd * effects.revenueUplift * MS_PER_DAY) / MS_PER_YEAR,
    directLaunch: {
      valueUsd: direct.totalUsd,
      netValueUsd: direct.totalUsd - costs.totalUsd,
      roi: roi(direct.totalUsd, costs.totalUsd),
    },
    planMinusDirectUsd: revenue.totalUsd - direct.totalUsd,
  };
}
