import { normalQuantile } from '../random/index.js';
import type { ExposureTimeline, TimelineEnding } from './exposure.js';
import { type FinanceEffects, type FinanceInputs, meanEffects } from './financeInputs.js';
import { horizonCosts } from './horizonCosts.js';
import { revenueImpact } from './revenueImpact.js';

/** Two-sided 95% normal quantile: an effect's interval is mean ± 1.96 sd. */
const Z_95 = normalQuantile(0.975);

/** The discount rates the tornado compares. */
const DISCOUNT_RATE_RANGE: readonly [number, number] = [0, 0.1];

/** Costs move by ±50%. */
const COST_FACTOR_RANGE: readonly [number, number] = [0.5, 1.5];

/** One bar of a tornado chart: the net value at either end of one input's interval, the others at base. */
export interface TornadoBar {
  /** The input's field path: `revenueUplift`, `followOn[0].revenueUplift`, `costs.monthlyUsd`, `timeline`... */
  input: string;
  /** A follow-on's name, the input otherwise. */
  label: string;
  /** The input at the low end (for `timeline`: how the rollout ended). */
  lowInput: number | TimelineEnding;
  highInput: number | TimelineEnding;
  /** Net value (value − costs) with the input at its low and high end, USD. */
  netValueAtLowUsd: number;
  netValueAtHighUsd: number;
  /** |high − low|, USD. */
  swingUsd: number;
}

export interface Sensitivity {
  /** Net value with every input at its base: effects at their means, the planned timeline, USD. */
  baseNetValueUsd: number;
  /** Largest swing first. */
  bars: TornadoBar[];
}

/** The two timelines the tornado compares: the plan completing on schedule, and rolling back at its first phase. */
export interface SensitivityTimelines {
  planned: ExposureTimeline;
  rolledBackAtFirstPhase: ExposureTimeline;
}

/**
 * How much the projected net value moves when each input moves across its interval, others held at
 * base: each effect over mean ± 1.96 sd, each non-zero cost ±50%, the discount rate 0 ↔ 10%, and the
 * timeline from a rollback at the first phase to completion on schedule. Churn and completion only
 * appear when their revenue is added to the value. Sorted by swing, largest first (ties by input).
 */
export function sensitivity(
  business: FinanceInputs,
  timelines: SensitivityTimelines,
  learners: number | null = null,
): Sensitivity {
  const base = meanEffects(business);
  const netValue = (inputs: FinanceInputs, effects: FinanceEffects, timeline = timelines.planned): number =>
    revenueImpact(inputs, timeline, effects, learners).totalUsd -
    horizonCosts(inputs, timeline.horizonMs).totalUsd;
  const bars: TornadoBar[] = [];
  const bar = (
    input: string,
    label: string,
    lowInput: number | TimelineEnding,
    highInput: number | TimelineEnding,
    netValueAtLowUsd: number,
    netValueAtHighUsd: number,
  ): void => {
    bars.push({
      input,
      label,
      lowInput,
      highInput,
      netValueAtLowUsd,
      netValueAtHighUsd,
      swingUsd: Math.abs(netValueAtHighUsd - netValueAtLowUsd),
    });
  };
  const effectBar = (
    input: string,
    label: string,
    mean: number,
    sd: number,
    at: (x: number) => FinanceEffects,
  ) => {
    const low = mean - Z_95 * sd;
    const high = mean + Z_95 * sd;
    bar(input, label, low, high, netValue(business, at(low)), netValue(business, at(high)));
  };

  effectBar(
    'revenueUplift',
    'revenueUplift',
    business.revenueUplift.mean,
    business.revenueUplift.sd,
    (x) => ({
      ...base,
      revenueUplift: x,
    }),
  );
  business.followOn.forEach((effect, index) => {
    effectBar(
      `followOn[${index}].revenueUplift`,
      effect.name,
      effect.revenueUplift.mean,
      effect.revenueUplift.sd,
      (x) => ({ ...base, followOn: base.followOn.map((value, i) => (i === index ? x : value)) }),
    );
  });
  if (business.revenueIncludesChurnAndCompletion === false) {
    if (business.churnChange)
      effectBar('churnChange', 'churnChange', business.churnChange.mean, business.churnChange.sd, (x) => ({
        ...base,
        churnChange: x,
      }));
    if (business.completionUplift)
      effectBar(
        'completionUplift',
        'completionUplift',
        business.completionUplift.mean,
        business.completionUplift.sd,
        (x) => ({ ...base, completionUplift: x }),
      );
  }
  for (const cost of ['oneOffUsd', 'monthlyUsd'] as const) {
    const baseCost = business.costs[cost];
    if (baseCost === 0) continue;
    const [lowFactor, highFactor] = COST_FACTOR_RANGE;
    const at = (factor: number) =>
      netValue({ ...business, costs: { ...business.costs, [cost]: baseCost * factor } }, base);
    bar(`costs.${cost}`, cost, baseCost * lowFactor, baseCost * highFactor, at(lowFactor), at(highFactor));
  }
  const [lowRate, highRate] = DISCOUNT_RATE_RANGE;
  bar(
    'discountRatePerYear',
    'discountRatePerYear',
    lowRate,
    highRate,
    netValue({ ...business, discountRatePerYear: lowRate }, base),
    netValue({ ...business, discountRatePerYear: highRate }, base),
  );
  bar(
    'timeline',
    'timeline',
    timelines.rolledBackAtFirstPhase.ending,
    timelines.planned.ending,
    netValue(business, base, timelines.rolledBackAtFirstPhase),
    netValue(business, base, timelines.planned),
  );
  bars.sort((a, b) => b.swingUsd - a.swingUsd || (a.input < b.input ? -1 : a.input > b.input ? 1 : 0));
  return { baseNetValueUsd: netValue(business, base), bars };
}
