import { describe, expect, it } from 'vitest';
import { sensitivity } from '../../src/finance/index.js';
import { HOUR_MS, makeBusiness, makeTimeline, YEAR_MS } from './fixtures.js';

const planned = makeTimeline([
  [0.01, 2 * HOUR_MS],
  [0.1, 4 * HOUR_MS],
  [1, YEAR_MS - 6 * HOUR_MS],
]);
const rolledBackAtFirstPhase = makeTimeline(
  [
    [0.01, 2 * HOUR_MS],
    [0, YEAR_MS - 2 * HOUR_MS],
  ],
  YEAR_MS,
  'rolled-back',
);
const timelines = { planned, rolledBackAtFirstPhase };

// Closed forms: E = planned exposure-years = (0.01·2 + 0.1·4 + 8754) / 8760; the uplift's bar spans
// R·E·(2·1.96·sd); the timeline's spans R·u·(E − 0.01·2/8760); a cost's spans the cost itself (±50%).
const R = 50_000_000;
const exposureYears = (0.01 * 2 + 0.1 * 4 + 8754) / 8760;
const Z = 1.959963984540054;

describe('sensitivity (tornado)', () => {
  it('orders the bars by swing, each against its closed form', () => {
    const business = makeBusiness({ costs: { oneOffUsd: 1_000_000, monthlyUsd: 50_000 } });
    const { bars, baseNetValueUsd } = sensitivity(business, timelines);
    expect(bars.map((bar) => bar.input)).toEqual([
      'timeline',
      'revenueUplift',
      'costs.oneOffUsd',
      'costs.monthlyUsd',
      'discountRatePerYear',
    ]);
    const swing = Object.fromEntries(bars.map((bar) => [bar.input, bar.swingUsd]));
    expect(swing.timeline).toBeCloseTo(R * 0.058 * (exposureYears - 0.02 / 8760), 4);
    expect(swing.revenueUplift).toBeCloseTo(R * exposureYears * 2 * Z * 0.012, 4);
    expect(swing['costs.oneOffUsd']).toBeCloseTo(1_000_000, 6);
    expect(swing['costs.monthlyUsd']).toBeCloseTo(600_000, 6);
    expect(baseNetValueUsd).toBeCloseTo(R * 0.058 * exposureYears - 1_600_000, 4);
    for (let i = 1; i < bars.length; i++)
      expect(bars[i - 1]!.swingUsd).toBeGreaterThanOrEqual(bars[i]!.swingUsd);
  });

  it('states the ends of each interval', () => {
    const { bars } = sensitivity(makeBusiness(), timelines);
    const byInput = Object.fromEntries(bars.map((bar) => [bar.input, bar]));
    expect(byInput.revenueUplift?.lowInput).toBeCloseTo(0.058 - Z * 0.012, 12);
    expect(byInput.revenueUplift?.highInput).toBeCloseTo(0.058 + Z * 0.012, 12);
    expect(byInput.timeline).toMatchObject({ lowInput: 'rolled-back', highInput: 'completed' });
    expect(byInput.discountRatePerYear).toMatchObject({ lowInput: 0, highInput: 0.1 });
    // Costs of 0 have nothing to move; churn and completion are inside the measured uplift by default.
    expect(Object.keys(byInput).sort()).toEqual(['discountRatePerYear', 'revenueUplift', 'timeline']);
  });

  it('adds churn, completion and follow-on bars when they enter the value', () => {
    const business = makeBusiness({
      revenueIncludesChurnAndCompletion: false,
      followOn: [{ name: 'sprint 3', revenueUplift: { mean: 0.09, sd: 0.005 }, startsAfterMs: 0 }],
    });
    const inputs = sensitivity(business, timelines).bars.map((bar) => bar.input);
    expect(inputs).toContain('churnChange');
    expect(inputs).toContain('completionUplift');
    expect(inputs).toContain('followOn[0].revenueUplift');
  });
});
