import { describe, expect, it } from 'vitest';
import { rehearse } from '../../src/engine/index.js';
import { makePlan } from './makePlan.js';

const HOUR_MS = 3_600_000;

describe('a guard on a tiny window trips on noise as often as the closed form says', () => {
  // 1,920 candidates at 1 request/learner-hour send λ = 16 requests per 30 s interval; errors are
  // Poisson(λ·e) per interval (always up, so all errors are independent thinning). With 16 requests, one
  // error is 6.25% > 1.5%, so the guard trips in an interval exactly when it has an error (an interval with
  // ≥ 67 requests, where one error would be ≤ 1.5%, has probability ~1e-18). Over K = 120 intervals
  // P(trip) = 1 − exp(−K·λ·e); with e = 0.0004 that is 1 − e^(−0.768) = 0.536. The tolerance is 4 standard
  // errors of a proportion over R runs, sqrt(p(1 − p)/R).
  const errorRate = 0.0004;
  const plan = makePlan({
    learners: 1920,
    requestsPerLearnerHour: 1,
    candidate: { errorRate, availability: 1 },
    guards: [{ metric: 'errorRate', op: 'above', threshold: 0.015 }],
    phases: [{ name: 'canary', traffic: 1, durationMs: HOUR_MS, checkpointsMs: [HOUR_MS] }],
  });

  it('P(at least one window with an error) = 1 − exp(−K·λ·e), and the first trip time is geometric', () => {
    const runs = 3000;
    const intervals = 120;
    const errorsPerInterval = 16 * errorRate;
    let trips = 0;
    let tripIntervals = 0;
    for (let run = 0; run < runs; run++) {
      const rehearsal = rehearse(plan, { seed: 77, run });
      if (rehearsal.outcome.status !== 'rolled-back') continue;
      trips++;
      expect(rehearsal.outcome.cause).toEqual({ kind: 'guard', index: 0, metric: 'errorRate', op: 'above' });
      const trip = rehearsal.phases[0]!.guardTrips[0]!;
      expect(trip.reason).toMatch(/^errorRate \d+\.\d+% > 1\.50% limit \(canary, /);
      tripIntervals += trip.offsetMs / 30_000;
    }
    const p = 1 - Math.exp(-intervals * errorsPerInterval);
    expect(Math.abs(trips / runs - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / runs));
    // Given a trip, the interval of the first error is a geometric truncated at K: mean Σ k·q^(k−1)(1−q) / p.
    const q = Math.exp(-errorsPerInterval);
    let mean = 0;
    let meanSquare = 0;
    for (let k = 1; k <= intervals; k++) {
      const probability = (q ** (k - 1) * (1 - q)) / p;
      mean += k * probability;
      meanSquare += k * k * probability;
    }
    const se = Math.sqrt((meanSquare - mean * mean) / trips);
    expect(Math.abs(tripIntervals / trips - mean)).toBeLessThanOrEqual(4 * se);
  });
});
