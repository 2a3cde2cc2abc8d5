import type { Rehearsal } from '../engine/rehearsal.js';
import {
  exposureTimeline,
  type FinanceProjection,
  meanEffects,
  plannedTimeline,
  projectFinance,
  projectRehearsal,
  type ValueAtDay,
  valueOverTime,
} from '../finance/index.js';
import type { Plan } from '../scenario/plan.js';
import type { ResultsFinance, ResultsFinanceInputs, ResultsValueAtDay } from './results.js';

/** About 52 points over the horizon: weekly for a year. */
const FAN_POINTS = 52;

/** The days the fan chart is evaluated at: 0, every ⌈H / 52⌉ days, and the horizon H. */
function fanDays(horizonDays: number): number[] {
  const step = Math.max(1, Math.round(horizonDays / FAN_POINTS));
  const days: number[] = [];
  for (let day = 0; day < horizonDays; day += step) days.push(day);
  days.push(horizonDays);
  return days;
}

function valueAtDayOf(point: ValueAtDay): ResultsValueAtDay {
  const { day, valueUsd, p10Usd, p90Usd } = point;
  return { day, valueUsd, p10Usd, p90Usd };
}

function inputsOf(business: NonNullable<Plan['business']>): ResultsFinanceInputs {
  const effect = (value: { mean: number; sd: number } | null) =>
    value === null ? null : { mean: value.mean, sd: value.sd };
  return {
    baselineAnnualRevenueUsd: business.baselineAnnualRevenueUsd,
    revenueUplift: { mean: business.revenueUplift.mean, sd: business.revenueUplift.sd },
    completionUplift: effect(business.completionUplift),
    churnChange: effect(business.churnChange),
    followOn: business.followOn.map((followOn) => ({
      name: followOn.name,
      revenueUplift: { mean: followOn.revenueUplift.mean, sd: followOn.revenueUplift.sd },
      startsAfterMs: followOn.startsAfterMs,
    })),
    baselineChurnPerMonth: business.baselineChurnPerMonth,
    baselineCompletionsPerLearnerMonth: business.baselineCompletionsPerLearnerMonth,
    horizonDays: business.horizonDays,
    costs: { oneOffUsd: business.costs.oneOffUsd, monthlyUsd: business.costs.monthlyUsd },
    discountRatePerYear: business.discountRatePerYear,
    revenueIncludesChurnAndCompletion: business.revenueIncludesChurnAndCompletion ?? true,
    revenuePerCompletionUsd: business.revenuePerCompletionUsd ?? null,
  };
}

function learnerOutcomesOf(projection: FinanceProjection): ResultsFinance['learnerOutcomes'] {
  const outcomes = projection.revenue.churnAndCompletion;
  return {
    learnersRetainedPerYear: outcomes.learnersRetainedPerYear,
    learnersRetained: outcomes.learnersRetained,
    completionsGainedPerYear: outcomes.completionsGainedPerYear,
    completionsGained: outcomes.completionsGained,
    churnRevenueUsd: outcomes.churnRevenueUsd,
    completionRevenueUsd: outcomes.completionRevenueUsd,
    addedToValue: outcomes.addedToValue,
    shareOfMainExplained: outcomes.shareOfMainExplained,
  };
}

/**
 * `results.json`'s `finance`: the projection of this rehearsal's exposure timeline at the effects'
 * means with its intervals, the plan on schedule and a direct launch for comparison, the cumulative
 * value over the horizon (the fan chart's data) and the tornado table; null when the scenario has no
 * `business` section. Pure; keys in a fixed order by construction.
 */
export function buildFinanceResults(plan: Plan, rehearsal: Rehearsal): ResultsFinance | null {
  const business = plan.business;
  const projected = projectRehearsal(plan, rehearsal);
  if (business === null || projected === null) return null;
  const { projection, sensitivity } = projected;
  const learners = plan.population.learners;
  const rehearsed = exposureTimeline(plan, rehearsal);
  const planned = plannedTimeline(plan);
  const plannedProjection = projectFinance(business, planned, meanEffects(business), { learners });
  const days = fanDays(business.horizonDays);
  return {
    inputs: inputsOf(business),
    exposure: {
      ending: projection.exposure.ending,
      fullRolloutAtMs: rehearsed.fullRolloutAtMs,
      fullExposureDays: projection.exposure.fullExposureDays,
      segments: projection.exposure.segments.map(({ fromMs, toMs, share }) => ({ fromMs, toMs, share })),
    },
    fullExposureAnnualUsd: projection.fullExposureAnnualUsd,
    fullExposureAnnualCi95Usd: [...projection.fullExposureAnnualCi95Usd],
    valueUsd: projection.valueUsd,
    valueSdUsd: projection.valueSdUsd,
    valueCi95Usd: [...projection.valueCi95Usd],
    revenue: {
      mainUsd: projection.revenue.mainUsd,
      followOn: projection.revenue.followOn.map(({ name, startsAtMs, revenueUplift, valueUsd }) => ({
        name,
        startsAtMs,
        revenueUplift,
        valueUsd,
      })),
    },
    learnerOutcomes: learnerOutcomesOf(projection),
    costs: {
      oneOffUsd: projection.costs.oneOffUsd,
      recurringUsd: projection.costs.recurringUsd,
      totalUsd: projection.costs.totalUsd,
    },
    netValueUsd: projection.netValueUsd,
    roi: projection.roi,
    delayCostPerDayUsd: projection.delayCostPerDayUsd,
    planned: { valueUsd: plannedProjection.valueUsd, netValueUsd: plannedProjection.netValueUsd },
    directLaunch: {
      valueUsd: projection.directLaunch.valueUsd,
      netValueUsd: projection.directLaunch.netValueUsd,
      roi: projection.directLaunch.roi,
    },
    planMinusDirectUsd: projection.planMinusDirectUsd,
    valueOverTime: {
      rehearsed: valueOverTime(business, rehearsed, days, learners).map(valueAtDayOf),
      planned: valueOverTime(business, planned, days, learners).map(valueAtDayOf),
    },
    sensitivity: {
      baseNetValueUsd: sensitivity.baseNetValueUsd,
      bars: sensitivity.bars.map((bar) => ({
        input: bar.input,
        label: bar.label,
        lowInput: bar.lowInput,
        highInput: bar.highInput,
        netValueAtLowUsd: bar.netValueAtLowUsd,
        netValueAtHighUsd: bar.netValueAtHighUsd,
        swingUsd: bar.swingUsd,
      })),
    },
  };
}
