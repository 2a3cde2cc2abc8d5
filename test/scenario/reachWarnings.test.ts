import { describe, expect, it } from 'vitest';
import { reachWarnings } from '../../src/scenario/index.js';
import { makePlan } from '../engine/makePlan.js';

const HOUR_MS = 3_600_000;

describe('a minRequests must be reachable in the quietest hour, not only on average', () => {
  // 1,000 learners at 1 request an hour, the whole phase on the candidate: 8.33 requests per 30 s interval
  // at factor 1, 16.7 in a 1-minute window. The phase runs 12:00–14:00 UTC; the profile is 1.5 at 12:00 and
  // 0.5 at 13:00 (1 elsewhere, mean 1), so the phase's mean window holds 16.7 requests but its quietest 8.33.
  const factors = Array.from({ length: 24 }, (_, hour) => (hour === 12 ? 1.5 : hour === 13 ? 0.5 : 1));
  const options = {
    learners: 1_000,
    requestsPerLearnerHour: 1,
    guardWindowMs: 60_000,
    guards: [{ metric: 'errorRate', op: 'above', threshold: 0.015, minRequests: 10 }] as const,
    phases: [{ name: 'canary', traffic: 1, durationMs: 2 * HOUR_MS, checkpointsMs: [2 * HOUR_MS] }],
  };

  it('flat: 16.7 expected requests reach 10, no warning', () => {
    expect(reachWarnings(makePlan({ ...options, guards: [...options.guards] }))).toEqual([]);
  });

  it('diurnal: the quietest window holds 8.33, under 10, and the warning says how often it is judged', () => {
    const [warning, ...rest] = reachWarnings(
      makePlan({ ...options, guards: [...options.guards], diurnal: factors }),
    );
    expect(rest).toEqual([]);
    const lambda = (1_000 * 0.5 * 60_000) / HOUR_MS;
    expect(warning!.expectedRequests).toBeCloseTo(lambda, 9);
    // P(N ≥ 10) for N ~ Poisson(8.33), from the terms of its distribution.
    let below = 0;
    let term = Math.exp(-lambda);
    for (let k = 0; k < 10; k++) {
      below += term;
      term *= lambda / (k + 1);
    }
    expect(warning!.judgedShare).toBeCloseTo(1 - below, 12);
    expect(warning!.message).toBe(
      `guards.rollbackWhen.errorRate: minRequests 10 cannot be reached in canary: its 1m guard window holds about 8.33 requests in its quietest hour at 100% traffic, so the guard judges ${((1 - below) * 100).toFixed(2)}% of those windows and leaves them to the gates`,
    );
  });
});
