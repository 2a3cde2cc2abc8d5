import { describe, expect, it } from 'vitest';
import { type Fidelity, rehearse } from '../../src/engine/index.js';
import type { Cohort } from '../../src/model/index.js';
import type { Plan } from '../../src/scenario/plan.js';
import { makeFault } from '../support/makeFault.js';
import { makePlan } from './makePlan.js';

const MINUTE_MS = 60_000;
const INTERVAL_MS = 30_000;
const PHASE_MS = 120 * MINUTE_MS;

/**
 * Both cohorts never fail on their own (no errors, always up) and are checked every interval over that
 * interval alone, while a random error spike on both makes every request fail: an interval's error rate
 * is 1 when the fault acted on it and 0 when it did not, so each checkpoint shows whether the simulation
 * applied an episode there. About 67 requests per cohort and interval, so none is empty (p ≈ e^−67).
 */
function spikedPlan(): Plan {
  const perfect = { errorRate: 0, availability: 1 };
  return {
    ...makePlan({
      learners: 4000,
      requestsPerLearnerHour: 4,
      candidate: perfect,
      baseline: perfect,
      phases: [
        {
          name: 'canary',
          traffic: 0.5,
          durationMs: PHASE_MS,
          checkpointsMs: Array.from({ length: PHASE_MS / INTERVAL_MS }, (_, k) => (k + 1) * INTERVAL_MS),
          window: 'since-last-checkpoint',
        },
      ],
    }),
    faults: [
      makeFault(
        'error-spike',
        { addedErrorRate: 1 },
        { target: 'both', atMs: null, durationMs: null, ratePerDay: 24, meanDurationMs: 5 * MINUTE_MS },
      ),
    ],
  };
}

describe('the fault episodes a rehearsal records', () => {
  it.each<Fidelity>(['aggregate', 'request'])(
    'are the ones the simulation applied (%s fidelity)',
    (fidelity) => {
      const plan = spikedPlan();
      let affected = 0;
      let unaffected = 0;
      for (let seed = 1; seed <= 6; seed++) {
        const rehearsal = rehearse(plan, { seed, fidelity });
        const episodes = rehearsal.faultEpisodes;
        expect(episodes.every((episode) => episode.fault === 0)).toBe(true);
        const of = (cohort: Cohort) =>
          episodes
            .filter((episode) => episode.cohort === cohort)
            .map(({ startMs, endMs }) => [startMs, endMs]);
        // A fault on both cohorts acts on each in the same windows.
        expect(of('baseline')).toEqual(of('candidate'));
        for (const checkpoint of rehearsal.phases[0]!.checkpoints) {
          // The engine applies a fault to an interval that starts inside one of its windows.
          const startMs = checkpoint.windowFromMs;
          const acted = episodes.some((episode) => episode.startMs <= startMs && startMs < episode.endMs);
          if (acted) affected++;
          else unaffected++;
          expect([checkpoint.metrics.errorRate, checkpoint.baselineMetrics!.errorRate]).toEqual(
            acted ? [1, 1] : [0, 0],
          );
        }
      }
      // 24 episodes a day of ~5 minutes over 2 h: about 2 a run, ~8% of the intervals; both kinds occur.
      expect(affected).toBeGreaterThan(0);
      expect(unaffected).toBeGreaterThan(affected);
    },
  );

  it('are empty without faults', () => {
    expect(rehearse(makePlan(), { seed: 1 }).faultEpisodes).toEqual([]);
  });
});
