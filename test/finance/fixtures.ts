import type { ExposureTimeline, FinanceInputs } from '../../src/finance/index.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const YEAR_MS = 365 * DAY_MS;

/** The default scenario's business section: +5.8% (sd 1.2 points) on $50M, a year, no costs, no discounting. */
export function makeBusiness(overrides: Partial<FinanceInputs> = {}): FinanceInputs {
  return {
    baselineAnnualRevenueUsd: 50_000_000,
    revenueUplift: { mean: 0.058, sd: 0.012 },
    completionUplift: { mean: 0.07, sd: 0.02 },
    churnChange: { mean: -0.03, sd: 0.01 },
    baselineChurnPerMonth: 0.04,
    baselineCompletionsPerLearnerMonth: 0.2,
    horizonDays: 365,
    costs: { oneOffUsd: 0, monthlyUsd: 0 },
    discountRatePerYear: 0,
    followOn: [],
    ...overrides,
  };
}

/**
 * A timeline of consecutive `[share, durationMs]` steps from 0 (they should reach the horizon); the
 * full rollout is the first step at share 1 (null when there is none).
 */
export function makeTimeline(
  steps: ReadonlyArray<readonly [number, number]>,
  horizonMs = YEAR_MS,
  ending: ExposureTimeline['ending'] = 'completed',
): ExposureTimeline {
  const segments = [];
  let fromMs = 0;
  let fullRolloutAtMs: number | null = null;
  for (const [share, durationMs] of steps) {
    if (share === 1 && fullRolloutAtMs === null) fullRolloutAtMs = fromMs;
    segments.push({ fromMs, toMs: fromMs + durationMs, share });
    fromMs += durationMs;
  }
  return { segments, horizonMs, ending, fullRolloutAtMs };
}
