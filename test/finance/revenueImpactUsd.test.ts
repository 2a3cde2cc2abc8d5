import { describe, expect, it } from 'vitest';
import { drawEffects, revenueImpact, revenueImpactUsd, timelineIntegrals } from '../../src/finance/index.js';
import { deriveStream } from '../../src/random/index.js';
import { DAY_MS, HOUR_MS, makeBusiness, makeTimeline, YEAR_MS } from './fixtures.js';

const timelines = [
  makeTimeline([
    [0.01, 2 * HOUR_MS],
    [0.1, 4 * HOUR_MS],
    [1, YEAR_MS - 6 * HOUR_MS],
  ]),
  makeTimeline(
    [
      [0.01, 2 * HOUR_MS],
      [0, YEAR_MS - 2 * HOUR_MS],
    ],
    YEAR_MS,
    'rolled-back',
  ),
  makeTimeline([
    [0.05, 3 * DAY_MS],
    [1, YEAR_MS - 3 * DAY_MS],
  ]),
];

const businesses = [
  ['the default business section', makeBusiness()],
  [
    'discounted, a follow-on, churn and completions added to the value',
    makeBusiness({
      discountRatePerYear: 0.08,
      followOn: [
        { name: 'sprint 3', revenueUplift: { mean: 0.09, sd: 0.01 }, startsAfterMs: 30 * DAY_MS },
        { name: 'sprint 4', revenueUplift: { mean: 0.02, sd: 0.01 }, startsAfterMs: 0 },
      ],
      revenueIncludesChurnAndCompletion: false,
      revenuePerCompletionUsd: 12,
    }),
  ],
] as const;

describe('revenueImpactUsd', () => {
  it.each(businesses)('is revenueImpact(...).totalUsd bit for bit: %s', (_, business) => {
    const rng = deriveStream(5, 'revenueImpactUsd');
    for (let i = 0; i < 200; i++) {
      const effects = drawEffects(business, rng, null);
      for (const timeline of timelines) {
        const integrals = timelineIntegrals(business, timeline);
        for (const learners of [null, 500_000]) {
          const expected = revenueImpact(business, timeline, effects, learners).totalUsd;
          expect(Object.is(revenueImpactUsd(business, effects, learners, integrals), expected)).toBe(true);
        }
      }
    }
  });

  it('the integrals are the exposure a closed form gives: a year at 5% for 3 days then 100%', () => {
    const integrals = timelineIntegrals(makeBusiness(), timelines[2]!);
    const years = (0.05 * 3 + 362) / 365;
    expect(integrals.exposureYears).toBeCloseTo(years, 12);
    expect(integrals.undiscountedExposureYears).toBeCloseTo(years, 12);
  });
});
