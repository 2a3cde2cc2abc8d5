/**
 * The part of a Plan's `business` section the projection reads (a compiled `BusinessPlan` satisfies
 * it), so that finance depends on plain numbers rather than on the scenario module.
 */

/** An effect measured in an A/B test: a relative change with its standard error. */
export interface MeasuredEffect {
  /** Relative change, e.g. 0.058 for +5.8%. */
  mean: number;
  /** Standard deviation of the estimate (its standard error), same unit as `mean`. */
  sd: number;
}

/** A later improvement built on the candidate (the seed report's "Sprint 3: +8–10% additional"). */
export interface FollowOnEffect {
  name: string;
  /** Additional revenue uplift relative to the baseline revenue, on top of the main effect. */
  revenueUplift: MeasuredEffect;
  /** When it starts, ms after the full rollout (the plan's last phase) began; it applies to exposed learners from then on. */
  startsAfterMs: number;
}

export interface FinanceInputs {
  /** Baseline revenue of the whole platform, USD per year (365 days). */
  baselineAnnualRevenueUsd: number;
  revenueUplift: MeasuredEffect;
  /** Relative change in completions per learner (0.07 = +7%); null or absent when not measured. */
  completionUplift?: MeasuredEffect | null;
  /** Relative change in monthly churn (−0.03 = churn 3% lower); null or absent when not measured. */
  churnChange?: MeasuredEffect | null;
  /** Fraction of learners who leave per month (730 h) without the candidate. */
  baselineChurnPerMonth: number;
  /** Course completions per learner per month without the candidate. */
  baselineCompletionsPerLearnerMonth: number;
  /** How far the projection looks, days from the rollout start (default 365). */
  horizonDays: number;
  costs: {
    /** Paid once at the rollout start, USD. */
    oneOffUsd: number;
    /** Paid continuously over the horizon, USD per month (365/12 days). */
    monthlyUsd: number;
  };
  /** Continuous discount rate per year (0.1 ≈ 10.5% a year effective); 0 for no discounting. */
  discountRatePerYear: number;
  followOn: readonly FollowOnEffect[];
  /**
   * Whether the measured revenue uplift already contains the revenue effect of the churn and
   * completion changes (true by default: an A/B test measures revenue directly). When false, their
   * revenue is added on top. See docs/decisions.md.
   */
  revenueIncludesChurnAndCompletion?: boolean;
  /** Revenue one extra course completion brings, USD; without it completions are not valued. */
  revenuePerCompletionUsd?: number | null;
}

/** Point values of the effects for one projection: their means, or one Monte Carlo draw. */
export interface FinanceEffects {
  revenueUplift: number;
  /** 0 when not measured. */
  completionUplift: number;
  /** 0 when not measured. */
  churnChange: number;
  /** One uplift per `followOn` entry, in the same order. */
  followOn: number[];
}

/** The effects at their measured means. */
export function meanEffects(business: FinanceInputs): FinanceEffects {
  return {
    revenueUplift: business.revenueUplift.mean,
    completionUplift: business.completionUplift?.mean ?? 0,
    churnChange: business.churnChange?.mean ?? 0,
    followOn: business.followOn.map((effect) => effect.revenueUplift.mean),
  };
}
