import { describe, expect, it } from 'vitest';
import { type Results, stringifyResults } from '../../src/report/index.js';
import { schemaErrors } from '../support/schemaErrors.js';
import { defaultResults, readDefaultPlan } from './defaultScenario.js';

const HOURS_PER_YEAR = 8_760;
/** Two-sided 95% and one-sided 90% normal quantiles (scipy.stats.norm.ppf(0.975), norm.ppf(0.9)). */
const Z_95 = 1.959963984540054;
const Z_90 = 1.2815515655446004;

/** The default scenario with the follow-on left out, so the closed forms stay one line. */
async function withoutFollowOn(seed?: number): Promise<Results> {
  const plan = await readDefaultPlan();
  return defaultResults(seed, { business: { ...plan.business!, followOn: [] } });
}

describe('results.json finance', () => {
  it('validates against the schema, with and without business', async () => {
    const results = await defaultResults();
    expect(results.finance).not.toBeNull();
    expect(schemaErrors('results', JSON.parse(stringifyResults(results)))).toEqual([]);
    const plain = await defaultResults(undefined, { business: null });
    expect(plain.finance).toBeNull();
    expect(schemaErrors('results', JSON.parse(stringifyResults(plain)))).toEqual([]);
  });

  it('values +5.8% of $50M at $2.9M a year at full exposure, with the interval from the sd (not $72.6M)', async () => {
    const finance = (await defaultResults()).finance!;
    expect(finance.fullExposureAnnualUsd).toBeCloseTo(2_900_000, 6);
    expect(finance.fullExposureAnnualCi95Usd[0]).toBeCloseTo(50e6 * (0.058 - Z_95 * 0.012), 4);
    expect(finance.fullExposureAnnualCi95Usd[1]).toBeCloseTo(50e6 * (0.058 + Z_95 * 0.012), 4);
    expect(finance.delayCostPerDayUsd).toBeCloseTo(2_900_000 / 365, 6);
  });

  it('values the plan on schedule and this run in closed form (docs/finance.md)', async () => {
    const results = await withoutFollowOn();
    const finance = results.finance!;
    // 1% for 2 h, 10% for 4 h, then 100% to the end of the year: 8,754.42 full-exposure hours.
    expect(finance.planned.valueUsd).toBeCloseTo((2_900_000 * 8_754.42) / HOURS_PER_YEAR, 4);
    const exposureHours = results.phases.reduce(
      (sum, phase) => sum + (phase.traffic * phase.ranMs) / 3_600_000,
      0,
    );
    const after =
      results.outcome.status === 'completed' ? HOURS_PER_YEAR - results.outcome.elapsedMs / 3_600_000 : 0;
    expect(finance.valueUsd).toBeCloseTo((2_900_000 * (exposureHours + after)) / HOURS_PER_YEAR, 4);
  });

  it('gives the fan chart cumulative values that end at the projection, p10/p90 at ∓1.2816 sd', async () => {
    const finance = (await withoutFollowOn()).finance!;
    const { planned, rehearsed } = finance.valueOverTime;
    expect(planned[0]).toEqual({ day: 0, valueUsd: 0, p10Usd: 0, p90Usd: 0 });
    expect(planned.at(-1)!.day).toBe(365);
    expect(planned.at(-1)!.valueUsd).toBeCloseTo(finance.planned.valueUsd, 4);
    expect(rehearsed.at(-1)!.valueUsd).toBeCloseTo(finance.valueUsd, 4);
    for (const point of planned) {
      const sdUsd = (point.valueUsd / 0.058) * 0.012;
      expect(point.p90Usd - point.valueUsd).toBeCloseTo(Z_90 * sdUsd, 3);
      expect(point.valueUsd - point.p10Usd).toBeCloseTo(Z_90 * sdUsd, 3);
    }
    const values = planned.map((point) => point.valueUsd);
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });

  it('records the tornado table, largest swing first', async () => {
    const bars = (await defaultResults()).finance!.sensitivity.bars;
    expect(bars[0]).toMatchObject({ input: 'timeline', lowInput: 'rolled-back', highInput: 'completed' });
    const swings = bars.map((bar) => bar.swingUsd);
    expect(swings).toEqual([...swings].sort((a, b) => b - a));
  });

  it('records the model the rehearsal assumed', async () => {
    const { model } = await defaultResults();
    expect(model.population).toEqual({ learners: 500_000, requestsPerLearnerHour: 0.038 });
    expect(model.segments).toHaveLength(8);
    expect(model.analyzers.candidate.segments[0]).toMatchObject({
      errorRate: 0.00079,
      latencyP50Ms: 25,
      latencyP99Ms: 46,
    });
    expect(model.faults).toEqual([]);
  });
});
