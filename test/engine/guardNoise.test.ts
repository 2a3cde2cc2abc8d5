import { describe, expect, it } from 'vitest';
import { rehearse } from '../../src/engine/index.js';
import { guardNoise } from '../../src/risk/index.js';
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

describe('a guard that needs two checks in a row trips as often as a run of two says', () => {
  // As above, one error in a 16-request window trips the condition, so each interval holds it independently
  // with p = 1 − exp(−λ·e). With consecutive: 2 the guard trips when two adjacent intervals both have an
  // error: the chance of a run of 2 in K = 120 Bernoulli(p) trials, computed here by the recursion over the
  // length of the current run. The analysis' bound for it is Boole over the checks: K·p².
  const errorRate = 0.0019;
  const intervals = 120;
  const plan = makePlan({
    learners: 1920,
    requestsPerLearnerHour: 1,
    candidate: { errorRate, availability: 1 },
    guards: [{ metric: 'errorRate', op: 'above', threshold: 0.015, consecutive: 2 }],
    phases: [{ name: 'canary', traffic: 1, durationMs: HOUR_MS, checkpointsMs: [HOUR_MS] }],
  });
  const p = 1 - Math.exp(-16 * errorRate);
  let noRun = [1, 0]; // chance of no run of 2 so far, ending with a run of length 0 or 1
  for (let k = 0; k < intervals; k++) noRun = [(noRun[0]! + noRun[1]!) * (1 - p), noRun[0]! * p];
  const exact = 1 - noRun[0]! - noRun[1]!;

  it('the Monte Carlo agrees with the recursion within 4 standard errors', () => {
    const runs = 3000;
    let trips = 0;
    for (let run = 0; run < runs; run++) {
      const rehearsal = rehearse(plan, { seed: 78, run });
      if (rehearsal.outcome.status !== 'rolled-back') continue;
      trips++;
      expect(rehearsal.outcome.reason).toMatch(/; held at 2 consecutive checks$/);
    }
    expect(Math.abs(trips / runs - exact)).toBeLessThanOrEqual(4 * Math.sqrt((exact * (1 - exact)) / runs));
  });

  it('the noise analysis bounds it above by K·p² and claims no lower bound', () => {
    const finding = guardNoise(plan)[0]!;
    expect(finding.current.falseTrip.lower).toBe(0);
    expect(finding.current.falseTrip.upper).toBeGreaterThanOrEqual(exact);
    expect(finding.current.falseTrip.upper).toBeCloseTo(intervals * p * p, 6);
  });
});
