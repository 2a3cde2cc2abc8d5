import { describe, expect, it } from 'vitest';
import { rehearse } from '../../src/engine/index.js';
import { type FixtureOptions, makePlan } from './makePlan.js';

const HOUR_MS = 3_600_000;
const busy = { learners: 100_000, requestsPerLearnerHour: 10 } satisfies FixtureOptions;
const errorRateBelow1 = { metric: 'errorRate', op: 'below', threshold: 0.01 } as const;

describe('phase decisions', () => {
  it.each([
    {
      name: 'a failing gate rolls back at the first checkpoint, later phases are not reached',
      options: {
        ...busy,
        candidate: { errorRate: 0.5 },
        phases: [{ name: 'canary', gates: [errorRateBelow1] }, { name: 'ramp' }],
      },
      approve: true,
      status: 'rolled-back',
      offsetMs: HOUR_MS / 2,
      at: '2025-10-31T12:30:00.000Z',
      cause: { kind: 'gate', index: 0, metric: 'errorRate', op: 'below' },
      reason: /^gate failed: errorRate \d+\.\d+% ≥ 1\.00% limit \(canary, 30m checkpoint, [\d,]+ requests\)$/,
      action: 'rollback',
    },
    {
      name: 'a gate with no data halts at the end of the phase (inconclusive, never a silent pass)',
      options: {
        learners: 100,
        requestsPerLearnerHour: 1e-9,
        phases: [{ name: 'canary', gates: [errorRateBelow1] }],
      },
      approve: true,
      status: 'halted',
      offsetMs: 2 * HOUR_MS,
      at: '2025-10-31T14:00:00.000Z',
      cause: { kind: 'gate', index: 0, metric: 'errorRate', op: 'below' },
      reason:
        /^gate inconclusive: errorRate: no requests in window \(canary, 30m checkpoint\) → inconclusive; and 3 more/,
      action: 'halt',
    },
    {
      name: 'a manual phase halts when approval is withheld',
      options: {
        ...busy,
        phases: [{ name: 'ramp', advance: 'manual', gates: [errorRateBelow1] }, { name: 'rollout' }],
      },
      approve: false,
      status: 'halted',
      offsetMs: 2 * HOUR_MS,
      at: '2025-10-31T14:00:00.000Z',
      cause: null,
      reason: /awaiting approval; approval withheld, so the rollout stops here$/,
      action: 'await-approval',
    },
    {
      name: 'a guard trips at once and rolls back',
      options: {
        ...busy,
        candidate: { errorRate: 0.5 },
        guards: [{ metric: 'errorRate', op: 'above', threshold: 0.1 }],
        phases: [{ name: 'canary', gates: [errorRateBelow1] }],
      },
      approve: true,
      status: 'rolled-back',
      offsetMs: 30_000,
      at: '2025-10-31T12:00:30.000Z',
      cause: { kind: 'guard', index: 0, metric: 'errorRate', op: 'above' },
      reason: /^guard tripped: errorRate \d+\.\d+% > 10\.00% limit \(canary, 30s, \d+ requests\)$/,
      action: 'rollback',
    },
  ] as const)('$name', ({ options, approve, status, offsetMs, at, cause, reason, action }) => {
    const rehearsal = rehearse(makePlan(options as unknown as FixtureOptions), { seed: 3, approve });
    expect(rehearsal.outcome).toMatchObject({ status, phase: rehearsal.phases[0]!.name, offsetMs, at });
    expect(rehearsal.outcome.cause).toEqual(cause);
    expect(rehearsal.outcome.reason).toMatch(reason);
    const phase = rehearsal.phases[0]!;
    expect(phase.status).toBe(status);
    expect(phase.ranMs).toBe(offsetMs);
    expect(phase.decision).toMatchObject({ action, atMs: offsetMs, at });
    for (const later of rehearsal.phases.slice(1))
      expect(later).toMatchObject({ status: 'not-reached', startedAt: null, ranMs: 0 });
  });

  it('a guard with consecutive: 4 trips at its fourth check in a row, saying so', () => {
    const guard = { metric: 'errorRate', op: 'above', threshold: 0.1 } as const;
    const options = { ...busy, candidate: { errorRate: 0.5 }, phases: [{ name: 'canary' }] };
    const once = rehearse(makePlan({ ...options, guards: [guard] }), { seed: 3 });
    const four = rehearse(makePlan({ ...options, guards: [{ ...guard, consecutive: 4 }] }), { seed: 3 });
    expect(once.outcome.offsetMs).toBe(30_000);
    expect(four.outcome).toMatchObject({ status: 'rolled-back', offsetMs: 4 * 30_000 });
    expect(four.outcome.reason).toMatch(/\(canary, 2m, \d+ requests\); held at 4 consecutive checks$/);
    expect(four.phases[0]!.guardTrips).toHaveLength(1);
  });

  it('a guard with consecutive does not trip on a spike shorter than its streak', () => {
    // About two requests per interval at a 50% error rate: the condition (errors above half the window)
    // holds at roughly a third of the checks, so a one-check guard trips early, while 50 checks in a row
    // (a chance of about 0.35^50) do not happen in the two hours.
    const guard = { metric: 'errorRate', op: 'above', threshold: 0.5 } as const;
    const options = {
      learners: 1_000,
      requestsPerLearnerHour: 0.24,
      candidate: { errorRate: 0.5 },
      phases: [{ name: 'canary' }],
    };
    const once = rehearse(makePlan({ ...options, guards: [guard] }), { seed: 3 });
    const many = rehearse(makePlan({ ...options, guards: [{ ...guard, consecutive: 50 }] }), { seed: 3 });
    expect(once.outcome.status).toBe('rolled-back');
    expect(many.outcome.status).toBe('completed');
  });

  it('a guard trip is recorded with both numbers', () => {
    const rehearsal = rehearse(
      makePlan({
        ...busy,
        candidate: { errorRate: 0.5 },
        guards: [{ metric: 'errorRate', op: 'above', threshold: 0.1 }],
      }),
      { seed: 3 },
    );
    const trip = rehearsal.phases[0]!.guardTrips[0]!;
    expect(trip).toMatchObject({ metric: 'errorRate', op: 'above', threshold: 0.1, offsetMs: 30_000 });
    expect(trip.observed).toBeGreaterThan(0.3);
  });

  it('approval assumed: a manual phase advances, its decision saying so', () => {
    const rehearsal = rehearse(
      makePlan({ ...busy, phases: [{ name: 'ramp', advance: 'manual' }, { name: 'rollout' }] }),
      {
        seed: 3,
      },
    );
    expect(rehearsal.outcome).toMatchObject({
      status: 'completed',
      phase: 'rollout',
      elapsedMs: 4 * HOUR_MS,
      cause: null,
    });
    expect(rehearsal.outcome.reason).toBe('all 2 phases passed (ramp → rollout)');
    expect(rehearsal.phases[0]!.decision!.action).toBe('await-approval');
    expect(rehearsal.phases[0]!.decision!.reason).toMatch(/approved \(the rehearsal assumes approval\)$/);
  });

  it('require: final lets only the last checkpoint decide', () => {
    const enough = { metric: 'requests', op: 'min', threshold: 1_250_000 } as const;
    const every = rehearse(makePlan({ ...busy, phases: [{ name: 'canary', traffic: 1, gates: [enough] }] }), {
      seed: 3,
    });
    const final = rehearse(
      makePlan({ ...busy, phases: [{ name: 'canary', traffic: 1, gates: [enough], require: 'final' }] }),
      { seed: 3 },
    );
    expect(every.outcome).toMatchObject({ status: 'rolled-back', offsetMs: HOUR_MS / 2 });
    expect(final.outcome.status).toBe('completed');
    expect(final.phases[0]!.checkpoints.map((checkpoint) => checkpoint.verdict)).toEqual([
      'fail',
      'fail',
      'pass',
      'pass',
    ]);
  });

  it('since-last-checkpoint windows start at the previous checkpoint', () => {
    const rehearsal = rehearse(
      makePlan({ ...busy, phases: [{ name: 'canary', window: 'since-last-checkpoint' }] }),
      { seed: 3 },
    );
    const checkpoints = rehearsal.phases[0]!.checkpoints;
    expect(checkpoints.map((checkpoint) => [checkpoint.windowFromMs, checkpoint.windowToMs])).toEqual([
      [0, 1_800_000],
      [1_800_000, 3_600_000],
      [3_600_000, 5_400_000],
      [5_400_000, 7_200_000],
    ]);
    // Each window holds ~30 min of 1,000 candidates at 10 requests/learner-hour: ~5,000 requests, not a growing sum.
    for (const checkpoint of checkpoints) expect(checkpoint.metrics.requests).toBeLessThan(6_000);
    const total = checkpoints.reduce((sum, checkpoint) => sum + checkpoint.metrics.requests!, 0);
    expect(rehearsal.phases[0]!.candidate.requests).toBe(total);
  });

  it('a phase whose last checkpoint comes early passes at its planned end; a 100% phase has no baseline', () => {
    const rehearsal = rehearse(
      makePlan({
        ...busy,
        business: {},
        phases: [{ name: 'rollout', traffic: 1, checkpointsMs: [HOUR_MS] }],
      }),
      { seed: 3 },
    );
    const phase = rehearsal.phases[0]!;
    expect(phase.decision).toMatchObject({
      action: 'advance',
      atMs: 2 * HOUR_MS,
      at: '2025-10-31T14:00:00.000Z',
    });
    expect(phase.ranMs).toBe(2 * HOUR_MS);
    expect(phase.checkpoints[0]!.baselineMetrics).toBeNull();
    // Against the forecast, the candidate's +5.8% uplift at 100% traffic reads as about +5.8% (noisy).
    expect(phase.checkpoints[0]!.metrics.revenueImpact).not.toBeNull();
    expect(phase.baseline.learners).toBe(0);
    expect(phase.candidate.learnersExposed).toBeGreaterThan(99_000);
    expect(rehearsal.outcome.learnersExposed).toBe(phase.candidate.learnersExposed);
  });
});
