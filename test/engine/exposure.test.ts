import { describe, expect, it } from 'vitest';
import { rehearse } from '../../src/engine/index.js';
import { makePlan } from './makePlan.js';

const HOUR_MS = 3_600_000;

/**
 * 200,000 learners in two segments (40% at 0.5 requests per learner-hour, 60% at 1.5), a 5% canary of
 * 2 h and a 20% ramp of 3 h, no gates or guards. Each learner's requests are a Poisson process, so a
 * learner with `r` requests per hour who spent `t` hours in a cohort made at least one request with
 * probability `1 − e^(−r·t)`. Cohorts are nested: the canary's candidates stay candidates in the ramp.
 * Closed forms (docs/model.md, Exposure), per segment with learners apportioned by share:
 * - the canary's candidates after the canary: `L₁ · (1 − e^(−r·2))`;
 * - the candidates after the ramp, since the rollout began: `L₁ · (1 − e^(−r·5)) + (L₂ − L₁) · (1 − e^(−r·3))`;
 * - each phase's baseline within that phase: `(N − Lₖ) · (1 − e^(−r·Tₖ))`.
 * Each count is a sum of independent Bernoulli draws, so its standard deviation is `√Σ p(1 − p)`.
 */
const SEGMENTS = [
  { id: 'light', share: 0.4, requestsPerLearnerHour: 0.5 },
  { id: 'heavy', share: 0.6, requestsPerLearnerHour: 1.5 },
];
const LEARNERS = 200_000;
const CANARY = { traffic: 0.05, hours: 2 };
const RAMP = { traffic: 0.2, hours: 3 };

/** Expected learners reached and the standard deviation, over groups of `count` learners each with its own chance. */
function bernoulliSum(groups: ReadonlyArray<{ count: number; p: number }>): { mean: number; sd: number } {
  const mean = groups.reduce((total, group) => total + group.count * group.p, 0);
  const variance = groups.reduce((total, group) => total + group.count * group.p * (1 - group.p), 0);
  return { mean, sd: Math.sqrt(variance) };
}

const reached = (rate: number, hours: number) => 1 - Math.exp(-rate * hours);

function perSegment(traffic: number) {
  return SEGMENTS.map((segment) => Math.round(LEARNERS * traffic * segment.share));
}

const canaryBySegment = perSegment(CANARY.traffic);
const rampBySegment = perSegment(RAMP.traffic);

const EXPECTED = {
  canaryCandidate: bernoulliSum(
    SEGMENTS.map((segment, s) => ({
      count: canaryBySegment[s]!,
      p: reached(segment.requestsPerLearnerHour, CANARY.hours),
    })),
  ),
  rampCandidate: bernoulliSum(
    SEGMENTS.flatMap((segment, s) => [
      { count: canaryBySegment[s]!, p: reached(segment.requestsPerLearnerHour, CANARY.hours + RAMP.hours) },
      {
        count: rampBySegment[s]! - canaryBySegment[s]!,
        p: reached(segment.requestsPerLearnerHour, RAMP.hours),
      },
    ]),
  ),
  canaryBaseline: bernoulliSum(
    SEGMENTS.map((segment, s) => ({
      count: LEARNERS * segment.share - canaryBySegment[s]!,
      p: reached(segment.requestsPerLearnerHour, CANARY.hours),
    })),
  ),
  rampBaseline: bernoulliSum(
    SEGMENTS.map((segment, s) => ({
      count: LEARNERS * segment.share - rampBySegment[s]!,
      p: reached(segment.requestsPerLearnerHour, RAMP.hours),
    })),
  ),
};

const plan = makePlan({
  learners: LEARNERS,
  segments: SEGMENTS,
  phases: [
    { name: 'canary', traffic: CANARY.traffic, durationMs: CANARY.hours * HOUR_MS },
    { name: 'ramp', traffic: RAMP.traffic, durationMs: RAMP.hours * HOUR_MS },
  ],
});

describe('learnersExposed per phase (closed form, docs/model.md and docs/results.md)', () => {
  const seeds = [1, 2, 3, 4, 5];
  it.each(['aggregate', 'request'] as const)(
    '%s fidelity: the candidate counts since the rollout began, the baseline within the phase',
    (fidelity) => {
      const runs = (fidelity === 'request' ? seeds.slice(0, 2) : seeds).map((seed) =>
        rehearse(plan, { seed, fidelity }),
      );
      const mean = (pick: (run: (typeof runs)[number]) => number) =>
        runs.reduce((total, run) => total + pick(run), 0) / runs.length;
      // The mean of n independent runs has sd / √n; 4 standard errors leave a false failure at ~6e-5.
      const close = (observed: number, expected: { mean: number; sd: number }) =>
        expect(Math.abs(observed - expected.mean)).toBeLessThan((4 * expected.sd) / Math.sqrt(runs.length));
      close(
        mean((run) => run.phases[0]!.candidate.learnersExposed ?? Number.NaN),
        EXPECTED.canaryCandidate,
      );
      close(
        mean((run) => run.phases[1]!.candidate.learnersExposed ?? Number.NaN),
        EXPECTED.rampCandidate,
      );
      close(
        mean((run) => run.phases[0]!.baseline.learnersExposed ?? Number.NaN),
        EXPECTED.canaryBaseline,
      );
      close(
        mean((run) => run.phases[1]!.baseline.learnersExposed ?? Number.NaN),
        EXPECTED.rampBaseline,
      );
      for (const run of runs) {
        expect(run.outcome.status).toBe('completed');
        expect(run.outcome.learnersExposed).toBe(run.phases[1]!.candidate.learnersExposed ?? Number.NaN);
      }
    },
  );

  it('the closed forms tell the two readings apart: counting the ramp alone would miss by many tolerances', () => {
    const rampOnly = bernoulliSum(
      SEGMENTS.map((segment, s) => ({
        count: rampBySegment[s]!,
        p: reached(segment.requestsPerLearnerHour, RAMP.hours),
      })),
    );
    // The tolerance above is 4 sd / √5; the within-phase reading differs from ours by over 5 such tolerances.
    const tolerance = (4 * EXPECTED.rampCandidate.sd) / Math.sqrt(seeds.length);
    expect(EXPECTED.rampCandidate.mean - rampOnly.mean).toBeGreaterThan(5 * tolerance);
  });
});
