import { MS_PER_DAY } from '../finance/index.js';
import { formatPercent, formatSignedPercent } from '../gates/index.js';
import { normalQuantile } from '../random/index.js';
import { formatMoney } from './format.js';
import type { Results, ResultsFinance, ResultsTornadoBar } from './results.js';

/** A 95% or p10–p90 range of money, USD. */
export interface MoneyRangeView {
  lowUsd: number;
  highUsd: number;
}

/** One row of the tornado table, its input's ends written in the input's unit. */
export interface SensitivityRowView {
  input: string;
  label: string;
  /** The input at its low and high end, formatted (`3.45%`, `rolled-back`, `$25,000`). */
  lowText: string;
  highText: string;
  netValueAtLowUsd: number;
  netValueAtHighUsd: number;
  swingUsd: number;
}

/** The business impact of a run as a report shows it: numbers in USD and fractions, ranges as objects. */
export interface FinanceView {
  /** Every input of the projection, as the scenario set it (defaults filled in). */
  inputs: ResultsFinance['inputs'];
  baselineAnnualRevenueUsd: number;
  revenueUplift: { mean: number; sd: number; ci95: { low: number; high: number } };
  /** A year at full exposure: R × u, with its 95% interval from the uplift's sd. */
  fullExposureAnnualUsd: number;
  fullExposureAnnualCi95: MoneyRangeView;
  horizonDays: number;
  discountRatePerYear: number;
  /** How the exposure ended: `completed`, `rolled-back`, `halted`. */
  ending: string;
  /** ∫ share dt over the horizon under this run's timeline: the equivalent time at full exposure, ms. */
  fullExposureMs: number;
  /** The value of the measured uplift alone (without follow-ons), USD. */
  mainValueUsd: number;
  /** The value of this run's timeline over the horizon at the effects' means, and its ranges. */
  valueUsd: number;
  valueCi95: MoneyRangeView;
  valueP10P90: MoneyRangeView;
  /** The plan completing on schedule. */
  planned: { valueUsd: number; netValueUsd: number; p10P90: MoneyRangeView };
  /** planned − this run's value: what this timeline gives up against the plan, USD. */
  forgoneUsd: number;
  delayCostPerDayUsd: number;
  directLaunchValueUsd: number;
  /** This run's value − a direct 100% launch's (negative: what gradual exposure gives up). */
  planMinusDirectUsd: number;
  followOn: Array<{
    name: string;
    mean: number;
    sd: number;
    startsAfterMs: number;
    /** Whether it started in this run's timeline (the full rollout was reached). */
    started: boolean;
    valueUsd: number;
  }>;
  /** Learners retained and completions gained, rounded to whole learners and completions. */
  learnerOutcomes: ResultsFinance['learnerOutcomes'];
  /** Whether the scenario states any cost (otherwise net value and ROI are the value and null). */
  hasCosts: boolean;
  costs: ResultsFinance['costs'];
  netValueUsd: number;
  roi: number | null;
  sensitivity: SensitivityRowView[];
}

/** Two-sided 95% normal quantile, 1.95996: the uplift's interval is mean ± 1.96 sd, as in the projection. */
const Z_95 = normalQuantile(0.975);

/** How an input's ends are written: effects and rates as percentages, costs as money, the timeline by name. */
function inputText(input: string, value: number | string): string {
  if (typeof value === 'string') return value;
  if (input.startsWith('costs.')) return formatMoney(value);
  if (input === 'discountRatePerYear') return formatPercent(value);
  return formatSignedPercent(value);
}

function sensitivityRow(bar: ResultsTornadoBar): SensitivityRowView {
  return {
    input: bar.input,
    label: bar.label,
    lowText: inputText(bar.input, bar.lowInput),
    highText: inputText(bar.input, bar.highInput),
    netValueAtLowUsd: bar.netValueAtLowUsd,
    netValueAtHighUsd: bar.netValueAtHighUsd,
    swingUsd: bar.swingUsd,
  };
}

function roundedOutcomes(outcomes: ResultsFinance['learnerOutcomes']): ResultsFinance['learnerOutcomes'] {
  const round = (value: number | null) => (value === null ? null : Math.round(value));
  return {
    ...outcomes,
    learnersRetainedPerYear: round(outcomes.learnersRetainedPerYear),
    learnersRetained: round(outcomes.learnersRetained),
    completionsGainedPerYear: round(outcomes.completionsGainedPerYear),
    completionsGained: round(outcomes.completionsGained),
  };
}

/** The last point of a value-over-time series: the spread at the horizon. */
function horizonRange(points: ResultsFinance['valueOverTime']['planned']): MoneyRangeView {
  const last = points.at(-1);
  return { lowUsd: last?.p10Usd ?? 0, highUsd: last?.p90Usd ?? 0 };
}

/** The business section of a run's view, from `results.finance`; null when the scenario had no `business`. */
export function buildFinanceView(results: Results): FinanceView | null {
  const finance = results.finance;
  if (finance === null) return null;
  const { inputs } = finance;
  const uplift = inputs.revenueUplift;
  return {
    inputs,
    baselineAnnualRevenueUsd: inputs.baselineAnnualRevenueUsd,
    revenueUplift: {
      mean: uplift.mean,
      sd: uplift.sd,
      ci95: { low: uplift.mean - Z_95 * uplift.sd, high: uplift.mean + Z_95 * uplift.sd },
    },
    fullExposureAnnualUsd: finance.fullExposureAnnualUsd,
    fullExposureAnnualCi95: {
      lowUsd: finance.fullExposureAnnualCi95Usd[0],
      highUsd: finance.fullExposureAnnualCi95Usd[1],
    },
    horizonDays: inputs.horizonDays,
    discountRatePerYear: inputs.discountRatePerYear,
    ending: finance.exposure.ending,
    fullExposureMs: Math.round(finance.exposure.fullExposureDays * MS_PER_DAY),
    mainValueUsd: finance.revenue.mainUsd,
    valueUsd: finance.valueUsd,
    valueCi95: { lowUsd: finance.valueCi95Usd[0], highUsd: finance.valueCi95Usd[1] },
    valueP10P90: horizonRange(finance.valueOverTime.rehearsed),
    planned: {
      valueUsd: finance.planned.valueUsd,
      netValueUsd: finance.planned.netValueUsd,
      p10P90: horizonRange(finance.valueOverTime.planned),
    },
    forgoneUsd: finance.planned.valueUsd - finance.valueUsd,
    delayCostPerDayUsd: finance.delayCostPerDayUsd,
    directLaunchValueUsd: finance.directLaunch.valueUsd,
    planMinusDirectUsd: finance.planMinusDirectUsd,
    followOn: inputs.followOn.map((effect, index) => ({
      name: effect.name,
      mean: effect.revenueUplift.mean,
      sd: effect.revenueUplift.sd,
      startsAfterMs: effect.startsAfterMs,
      started: (finance.revenue.followOn[index]?.startsAtMs ?? null) !== null,
      valueUsd: finance.revenue.followOn[index]?.valueUsd ?? 0,
    })),
    learnerOutcomes: roundedOutcomes(finance.learnerOutcomes),
    hasCosts: finance.costs.totalUsd > 0,
    costs: finance.costs,
    netValueUsd: finance.netValueUsd,
    roi: finance.roi,
    sensitivity: finance.sensitivity.bars.map(sensitivityRow),
  };
}
