import { describe, expect, it } from 'vitest';
import { directLaunchTimeline, valueOverTime } from '../../src/finance/index.js';
import { DAY_MS, makeBusiness, makeTimeline, YEAR_MS } from './fixtures.js';

/** One-sided 90% normal quantile (scipy.stats.norm.ppf(0.9)). */
const Z_90 = 1.2815515655446004;

describe('valueOverTime', () => {
  it.each([0, 1, 100, 365])(
    'a direct launch has earned $2.9M × d / 365 by day %i, p10/p90 at ∓1.2816 × $600k × d / 365',
    (day) => {
      const [point] = valueOverTime(makeBusiness(), directLaunchTimeline(YEAR_MS), [day]);
      expect(point!.day).toBe(day);
      expect(point!.valueUsd).toBeCloseTo((2_900_000 * day) / 365, 6);
      expect(point!.p90Usd - point!.valueUsd).toBeCloseTo((Z_90 * 600_000 * day) / 365, 6);
      expect(point!.valueUsd - point!.p10Usd).toBeCloseTo((Z_90 * 600_000 * day) / 365, 6);
    },
  );

  it('stops growing after a rollback, and follow-ons count only from their start', () => {
    const rolledBack = makeTimeline(
      [
        [0.1, 10 * DAY_MS],
        [0, YEAR_MS - 10 * DAY_MS],
      ],
      YEAR_MS,
      'rolled-back',
    );
    const [atTen, atYear] = valueOverTime(makeBusiness(), rolledBack, [10, 365]);
    expect(atTen!.valueUsd).toBeCloseTo((2_900_000 * 0.1 * 10) / 365, 6);
    expect(atYear!.valueUsd).toBe(atTen!.valueUsd);

    const followOn = makeBusiness({
      followOn: [{ name: 'Sprint 3', revenueUplift: { mean: 0.09, sd: 0 }, startsAfterMs: 100 * DAY_MS }],
    });
    const [before, after] = valueOverTime(followOn, directLaunchTimeline(YEAR_MS), [100, 200]);
    expect(before!.valueUsd).toBeCloseTo((2_900_000 * 100) / 365, 6);
    expect(after!.valueUsd).toBeCloseTo((2_900_000 * 200) / 365 + (4_500_000 * 100) / 365, 6);
  });
});
