import { describe, expect, it } from 'vitest';
import {
  directLaunchTimeline,
  meanEffects,
  projectFinance,
  ratioBelow,
  shareOf,
} from '../../src/finance/index.js';
import { DAY_MS, HOUR_MS, makeBusiness, makeTimeline, YEAR_MS } from './fixtures.js';

// Closed forms, written out independently of the implementation: with R the annual revenue, u the uplift,
// s the share and ρ the continuous discount rate, a constant share over [a, b] (years) is worth
// R·u·s·(e^(−ρa) − e^(−ρb))/ρ, or R·u·s·(b − a) when ρ = 0.
const R = 50_000_000;
const u = 0.058;
function closedForm(share: number, fromYears: number, toYears: number, rate: number): number {
  if (rate === 0) return R * u * share * (toYears - fromYears);
  return (R * u * share * (Math.exp(-rate * fromYears) - Math.exp(-rate * toYears))) / rate;
}

describe('projectFinance against the closed form', () => {
  const business = makeBusiness();
  const effects = meanEffects(business);

  it('is +5.8% of $50M = $2.9M for a year at full exposure (never the seed report’s $72.6M)', () => {
    const projection = projectFinance(business, directLaunchTimeline(YEAR_MS), effects);
    expect(projection.valueUsd).toBeCloseTo(2_900_000, 6);
    expect(projection.fullExposureAnnualUsd).toBeCloseTo(2_900_000, 6);
    expect(shareOf(0.058, 50_000_000)).toBeCloseTo(2_900_000, 6);
    expect(projection.valueUsd).not.toBeCloseTo(72_600_000, -5);
    expect(projection.valueUsd / 72_600_000).toBeLessThan(0.05);
  });

  it.each([
    { share: 1, horizonDays: 365 },
    { share: 0.1, horizonDays: 365 },
    { share: 0.01, horizonDays: 90 },
    { share: 0.5, horizonDays: 730 },
  ])('constant exposure $share over $horizonDays days', ({ share, horizonDays }) => {
    const horizonMs = horizonDays * DAY_MS;
    const timeline = makeTimeline([[share, horizonMs]], horizonMs);
    const value = projectFinance(business, timeline, effects).valueUsd;
    expect(value).toBeCloseTo(closedForm(share, 0, horizonDays / 365, 0), 4);
  });

  it.each([1, 30, 200])('full exposure then a rollback at day %i keeps only those days', (day) => {
    const timeline = makeTimeline(
      [
        [1, day * DAY_MS],
        [0, YEAR_MS - day * DAY_MS],
      ],
      YEAR_MS,
      'rolled-back',
    );
    expect(projectFinance(business, timeline, effects).valueUsd).toBeCloseTo(
      closedForm(1, 0, day / 365, 0),
      4,
    );
  });

  it('the default plan: 1% for 2 h, 10% for 4 h, then 100% to day 365', () => {
    const timeline = makeTimeline([
      [0.01, 2 * HOUR_MS],
      [0.1, 4 * HOUR_MS],
      [1, YEAR_MS - 6 * HOUR_MS],
    ]);
    const hours = 8760;
    const expected = R * u * ((0.01 * 2 + 0.1 * 4 + (hours - 6)) / hours); // $2,898,152.74
    const projection = projectFinance(business, timeline, effects);
    expect(projection.valueUsd).toBeCloseTo(expected, 4);
    expect(projection.valueUsd).toBeCloseTo(2_898_152.74, 1);
    expect(projection.exposure.fullExposureDays).toBeCloseTo(365 - (6 - 0.42) / 24, 9);
    // The gradual rollout gives up 5.58 full-exposure hours against a direct launch.
    expect(projection.planMinusDirectUsd).toBeCloseTo(-R * u * (5.58 / hours), 4);
  });

  it.each([0.05, 0.1, 0.3])('discounts continuously at %f a year', (rate) => {
    const discounted = makeBusiness({ discountRatePerYear: rate });
    const full = projectFinance(discounted, directLaunchTimeline(YEAR_MS), effects);
    expect(full.valueUsd).toBeCloseTo(closedForm(1, 0, 1, rate), 4);
    const rolledBack = makeTimeline(
      [
        [0.1, 30 * DAY_MS],
        [1, 60 * DAY_MS],
        [0, 275 * DAY_MS],
      ],
      YEAR_MS,
      'rolled-back',
    );
    const expected = closedForm(0.1, 0, 30 / 365, rate) + closedForm(1, 30 / 365, 90 / 365, rate);
    expect(projectFinance(discounted, rolledBack, effects).valueUsd).toBeCloseTo(expected, 4);
  });

  it('adds a follow-on effect from the full rollout + startsAfterMs, at the exposure then', () => {
    const withFollowOn = makeBusiness({
      followOn: [{ name: 'sprint 3', revenueUplift: { mean: 0.09, sd: 0.01 }, startsAfterMs: 100 * DAY_MS }],
    });
    const timeline = makeTimeline([
      [0.1, 30 * DAY_MS],
      [1, 335 * DAY_MS],
    ]);
    const projection = projectFinance(withFollowOn, timeline, meanEffects(withFollowOn));
    const followOnUsd = R * 0.09 * (235 / 365);
    expect(projection.revenue.followOn[0]?.startsAtMs).toBe(130 * DAY_MS);
    expect(projection.revenue.followOn[0]?.valueUsd).toBeCloseTo(followOnUsd, 4);
    expect(projection.valueUsd).toBeCloseTo(R * u * ((0.1 * 30 + 335) / 365) + followOnUsd, 4);
  });

  it('a follow-on never starts when the rollout never reached full exposure', () => {
    const withFollowOn = makeBusiness({
      followOn: [{ name: 'sprint 3', revenueUplift: { mean: 0.09, sd: 0.01 }, startsAfterMs: 0 }],
    });
    const timeline = makeTimeline(
      [
        [0.1, 30 * DAY_MS],
        [0, 335 * DAY_MS],
      ],
      YEAR_MS,
      'rolled-back',
    );
    const projection = projectFinance(withFollowOn, timeline, meanEffects(withFollowOn));
    expect(projection.revenue.followOn[0]).toMatchObject({ startsAtMs: null, valueUsd: 0 });
  });
});

describe('the interval from the effects’ sds', () => {
  it('is R·σ·E for the main effect: $2.9M ± 1.96 × $600,000 at full exposure', () => {
    const business = makeBusiness();
    const projection = projectFinance(business, directLaunchTimeline(YEAR_MS), meanEffects(business));
    expect(projection.valueSdUsd).toBeCloseTo(600_000, 6);
    expect(projection.valueCi95Usd[0]).toBeCloseTo(1_724_021.61, 1);
    expect(projection.valueCi95Usd[1]).toBeCloseTo(4_075_978.39, 1);
    expect(projection.fullExposureAnnualCi95Usd[0]).toBeCloseTo(1_724_021.61, 1);
  });

  it('adds independent follow-on uncertainty in quadrature', () => {
    const business = makeBusiness({
      followOn: [{ name: 'sprint 3', revenueUplift: { mean: 0.09, sd: 0.01 }, startsAfterMs: 0 }],
    });
    const timeline = makeTimeline([
      [0.1, 65 * DAY_MS],
      [1, 300 * DAY_MS],
    ]);
    const exposure = (0.1 * 65 + 300) / 365;
    const afterFull = 300 / 365;
    const projection = projectFinance(business, timeline, meanEffects(business));
    expect(projection.valueSdUsd).toBeCloseTo(Math.hypot(R * 0.012 * exposure, R * 0.01 * afterFull), 4);
  });
});

describe('costs, ROI and delay', () => {
  it('ROI is (value − costs) / costs, with monthly costs accrued over the horizon', () => {
    const business = makeBusiness({ costs: { oneOffUsd: 1_000_000, monthlyUsd: 50_000 } });
    const projection = projectFinance(business, directLaunchTimeline(YEAR_MS), meanEffects(business));
    expect(projection.costs.totalUsd).toBeCloseTo(1_600_000, 6);
    expect(projection.netValueUsd).toBeCloseTo(1_300_000, 6);
    expect(projection.roi).toBeCloseTo(1_300_000 / 1_600_000, 12);
    expect(projection.directLaunch.roi).toBeCloseTo(1_300_000 / 1_600_000, 12);
  });

  it('discounts monthly costs like revenue and never the one-off', () => {
    const business = makeBusiness({ costs: { oneOffUsd: 1_000, monthlyUsd: 100 }, discountRatePerYear: 0.1 });
    const projection = projectFinance(business, directLaunchTimeline(YEAR_MS), meanEffects(business));
    expect(projection.costs.recurringUsd).toBeCloseTo((1_200 * (1 - Math.exp(-0.1))) / 0.1, 9);
    expect(projection.costs.oneOffUsd).toBe(1_000);
  });

  it('ROI is null without costs', () => {
    const business = makeBusiness();
    expect(projectFinance(business, directLaunchTimeline(YEAR_MS), meanEffects(business)).roi).toBeNull();
  });

  it('a day of delay costs a day at full exposure: $2.9M / 365', () => {
    const business = makeBusiness();
    const projection = projectFinance(business, directLaunchTimeline(YEAR_MS), meanEffects(business));
    expect(projection.delayCostPerDayUsd).toBeCloseTo(2_900_000 / 365, 9);
  });
});

describe('churn and completion', () => {
  // c = 4%/month, δ = −3%: 12 · 0.04 · 0.03 = 1.44% of learners kept a year; each pays R/N a year for
  // the rest of the year, on average half of it: R · 1.44% / 2 = $360,000.
  const business = makeBusiness({ revenuePerCompletionUsd: 20 });

  it('reports learner outcomes and a decomposition without adding it to the value (default)', () => {
    const projection = projectFinance(business, directLaunchTimeline(YEAR_MS), meanEffects(business), {
      learners: 500_000,
    });
    const outcomes = projection.revenue.churnAndCompletion;
    expect(outcomes.learnersRetainedPerYear).toBeCloseTo(500_000 * 0.0144, 9);
    expect(outcomes.learnersRetained).toBeCloseTo(7_200, 6);
    expect(outcomes.completionsGainedPerYear).toBeCloseTo(500_000 * 12 * 0.2 * 0.07, 6);
    expect(outcomes.churnRevenueUsd).toBeCloseTo(360_000, 4);
    expect(outcomes.completionRevenueUsd).toBeCloseTo(84_000 * 20, 4);
    expect(outcomes.addedToValue).toBe(false);
    expect(outcomes.shareOfMainExplained).toBeCloseTo((360_000 + 1_680_000) / 2_900_000, 9);
    expect(projection.valueUsd).toBeCloseTo(2_900_000, 6);
  });

  it('adds it when the scenario says the measured uplift excludes churn and completion', () => {
    const excluding = makeBusiness({ revenuePerCompletionUsd: 20, revenueIncludesChurnAndCompletion: false });
    const projection = projectFinance(excluding, directLaunchTimeline(YEAR_MS), meanEffects(excluding), {
      learners: 500_000,
    });
    expect(projection.revenue.churnAndCompletion.addedToValue).toBe(true);
    expect(projection.valueUsd).toBeCloseTo(2_900_000 + 360_000 + 1_680_000, 4);
  });

  it('counts nothing without a learner count, and values no completions without a price', () => {
    const projection = projectFinance(
      makeBusiness(),
      directLaunchTimeline(YEAR_MS),
      meanEffects(makeBusiness()),
    );
    expect(projection.revenue.churnAndCompletion.learnersRetained).toBeNull();
    expect(projection.revenue.churnAndCompletion.completionRevenueUsd).toBeNull();
    expect(projection.revenue.churnAndCompletion.churnRevenueUsd).toBeCloseTo(360_000, 4);
  });
});

describe('derived statements', () => {
  it.each([
    { observed: 46, limit: 200, ratio: 4.3 },
    { observed: 0.00079, limit: 0.01, ratio: 12.7 },
  ])('$observed is $ratio× below $limit', ({ observed, limit, ratio }) => {
    expect(Number(ratioBelow(observed, limit).toFixed(1))).toBe(ratio);
  });

  it('0.079% against 1% is not 88×', () => {
    expect(ratioBelow(0.00079, 0.01)).toBeLessThan(13);
  });
});
