import type { RandomStream } from '../random/index.js';
import { meanWithStandardError, type Probability, probability, quantiles } from '../stats/index.js';
import { drawEffects } from './drawEffects.js';
import type { EffectSamples } from './effectSamples.js';
import { directLaunchTimeline, type ExposureTimeline } from './exposure.js';
import type { FinanceInputs } from './financeInputs.js';
import { horizonCosts } from './horizonCosts.js';
import { revenueImpactUsd } from './revenueImpact.js';
import { type TimelineIntegrals, timelineIntegrals } from './timelineIntegrals.js';

/** The timelines a Monte Carlo combines: the plan as scheduled, and what many rehearsals did. */
export interface RolloutTimelines {
  /** The plan completing on schedule: the reference for value lost to rollbacks and delays. */
  planned: ExposureTimeline;
  /** One timeline per rehearsal run (at least one); draw i uses run i mod length. */
  runs: readonly ExposureTimeline[];
}

export interface SimulateFinanceOptions {
  /** Bootstrap samples of the effects; without them the effects are normal(mean, sd). */
  effectSamples?: EffectSamples | null;
  /** Learners on the platform (only churn-and-completion revenue that is added to the value needs it). */
  learners?: number | null;
}

/** A distribution of a money amount over the draws, USD. */
export interface ValueDistribution {
  meanUsd: number;
  /** Sample standard deviation, USD. */
  sdUsd: number;
  /** sd / √draws: the Monte Carlo standard error of the mean, USD. */
  standardErrorUsd: number;
  p10Usd: number;
  p50Usd: number;
  p90Usd: number;
}

export interface FinanceSimulation {
  draws: number;
  /** How many distinct rehearsal timelines were combined. */
  timelines: number;
  effectSource: 'normal' | 'bootstrap';
  /** Revenue impact over the horizon (after rollbacks and delays), USD. */
  value: ValueDistribution;
  /** value − costs, USD. */
  netValue: ValueDistribution;
  /** (value − costs) / costs at the mean and percentiles; null without costs. */
  roi: { mean: number; p10: number; p50: number; p90: number } | null;
  /** The chance that the net value is below 0, with a Wilson 95% interval over the draws. */
  pLoss: Probability;
  /** The same effects with the plan completing on schedule, USD. */
  plannedValue: ValueDistribution;
  /** The same effects launched directly at 100% on day 0, USD. */
  directLaunchValue: ValueDistribution;
  /** value − direct-launch value per draw, USD: what the gradual plan (and its rollbacks) gives up or saves. */
  planMinusDirect: ValueDistribution;
  /** Value lost against the plan completing on schedule, USD per draw (averaged over all draws). */
  lost: {
    /** Lost in draws whose rollout rolled back or halted: the expected cost of rollbacks. */
    toRollbacksUsd: number;
    /** Lost in draws whose rollout completed late (a manual approval, a longer phase). */
    toDelaysUsd: number;
    /** Share of draws whose rollout rolled back or halted. */
    rollbackShare: number;
    /** The average loss given a rollback or halt (what one rollback, false or not, costs); null when none. */
    perRollbackUsd: number | null;
  };
}

/**
 * Monte Carlo of the projection: each draw takes one draw of the effects (normal, or a bootstrap
 * replicate) and the next rehearsal timeline, and values the rollout as it went, as planned and as a
 * direct launch, with the same effects. Effects and timelines are independent: the rehearsals'
 * rollbacks come from technical gates and are not conditioned on the drawn revenue effect.
 *
 * @param draws number of draws, ≥ 1; the mean's standard error is reported with it.
 */
export function simulateFinance(
  business: FinanceInputs,
  timelines: RolloutTimelines,
  rng: RandomStream,
  draws: number,
  options: SimulateFinanceOptions = {},
): FinanceSimulation {
  if (!(Number.isInteger(draws) && draws >= 1))
    throw new RangeError(`simulateFinance: draws must be an integer ≥ 1, got ${draws}`);
  if (timelines.runs.length === 0)
    throw new RangeError('simulateFinance: at least one run timeline is needed');
  const samples = options.effectSamples ?? null;
  const learners = options.learners ?? null;
  const direct = directLaunchTimeline(timelines.planned.horizonMs);
  const costsUsd = horizonCosts(business, timelines.planned.horizonMs).totalUsd;
  const value: number[] = new Array(draws);
  const planned: number[] = new Array(draws);
  const directValue: number[] = new Array(draws);
  let lostToRollbacksUsd = 0;
  let lostToDelaysUsd = 0;
  let rollbacks = 0;
  let losses = 0;
  // The integrals depend on the timeline alone: once per distinct timeline object, looked up by run index
  // before the loop (the draws use the first min(draws, runs) runs), not once per draw.
  const integrals = new Map<ExposureTimeline, TimelineIntegrals>();
  const integralsOf = (timeline: ExposureTimeline): TimelineIntegrals => {
    let known = integrals.get(timeline);
    if (known === undefined) {
      known = timelineIntegrals(business, timeline);
      integrals.set(timeline, known);
    }
    return known;
  };
  const plannedIntegrals = integralsOf(timelines.planned);
  const directIntegrals = integralsOf(direct);
  const runIntegrals = timelines.runs.slice(0, draws).map(integralsOf);
  for (let i = 0; i < draws; i++) {
    const effects = drawEffects(business, rng, samples);
    const run = i % timelines.runs.length;
    const timeline = timelines.runs[run]!;
    value[i] = revenueImpactUsd(business, effects, learners, runIntegrals[run]!);
    planned[i] = revenueImpactUsd(business, effects, learners, plannedIntegrals);
    directValue[i] = revenueImpactUsd(business, effects, learners, directIntegrals);
    const lostUsd = planned[i]! - value[i]!;
    if (timeline.ending === 'completed') lostToDelaysUsd += lostUsd;
    else {
      lostToRollbacksUsd += lostUsd;
      rollbacks += 1;
    }
    if (value[i]! - costsUsd < 0) losses += 1;
  }
  const valueSummary = summarize(value);
  const netValue = summarize(value.map((v) => v - costsUsd));
  return {
    draws,
    timelines: timelines.runs.length,
    effectSource: samples === null ? 'normal' : 'bootstrap',
    value: valueSummary,
    netValue,
    roi:
      costsUsd === 0
        ? null
        : {
            mean: netValue.meanUsd / costsUsd,
            p10: netValue.p10Usd / costsUsd,
            p50: netValue.p50Usd / costsUsd,
            p90: netValue.p90Usd / costsUsd,
          },
    pLoss: probability(losses, draws),
    plannedValue: summarize(planned),
    directLaunchValue: summarize(directValue),
    planMinusDirect: summarize(value.map((v, i) => v - directValue[i]!)),
    lost: {
      toRollbacksUsd: lostToRollbacksUsd / draws,
      toDelaysUsd: lostToDelaysUsd / draws,
      rollbackShare: rollbacks / draws,
      perRollbackUsd: rollbacks === 0 ? null : lostToRollbacksUsd / rollbacks,
    },
  };
}

/** Mean, sample sd, standard error and p10/p50/p90 of a money amount over the draws. */
function summarize(valuesUsd: number[]): ValueDistribution {
  const { mean, standardError } = meanWithStandardError(valuesUsd);
  const { p10, p50, p90 } = quantiles(valuesUsd, [0.1, 0.5, 0.9]);
  // With one draw there is no spread to estimate; report 0 rather than NaN, which JSON cannot carry.
  const standardErrorUsd = Number.isNaN(standardError) ? 0 : standardError;
  return {
    meanUsd: mean,
    sdUsd: standardErrorUsd * Math.sqrt(valuesUsd.length),
    standardErrorUsd,
    p10Usd: p10,
    p50Usd: p50,
    p90Usd: p90,
  };
}
