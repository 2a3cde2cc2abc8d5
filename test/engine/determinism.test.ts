import { describe, expect, it } from 'vitest';
import { EngineContext, rehearse } from '../../src/engine/index.js';
import { makePlan } from './makePlan.js';

const plan = makePlan({
  learners: 20_000,
  business: {},
  segments: [
    { id: 'web', share: 0.7 },
    { id: 'mobile', share: 0.3, candidate: { errorRate: 0.004 } },
  ],
  guards: [{ metric: 'p99LatencyMs', op: 'above', threshold: 250 }],
  phases: [
    { name: 'canary', traffic: 0.05, gates: [{ metric: 'revenueImpact', op: 'within', threshold: 0.5 }] },
    { name: 'ramp', traffic: 0.2, advance: 'manual' },
  ],
});

describe('determinism', () => {
  it.each(['aggregate', 'request'] as const)(
    'same plan and seed give deep-equal rehearsals (%s)',
    (fidelity) => {
      const first = rehearse(plan, { seed: 11, fidelity });
      rehearse(plan, { seed: 12, fidelity });
      expect(rehearse(plan, { seed: 11, fidelity })).toEqual(first);
      expect(rehearse(structuredClone(plan), { seed: 11, fidelity })).toEqual(first);
    },
  );

  it.each(['aggregate', 'request'] as const)(
    'a context shared by many rehearsals gives each the rehearsal a fresh one gives (%s)',
    (fidelity) => {
      const context = new EngineContext();
      for (let run = 0; run < 20; run++) {
        const shared = rehearse(plan, { seed: 11, run, fidelity, context });
        expect(shared).toEqual(rehearse(plan, { seed: 11, run, fidelity }));
      }
    },
  );

  it('a different seed or run gives a different rehearsal', () => {
    const first = rehearse(plan, { seed: 11 });
    expect(rehearse(plan, { seed: 13 })).not.toEqual(first);
    expect(rehearse(plan, { seed: 11, run: 0 })).not.toEqual(first);
    expect(rehearse(plan, { seed: 11, run: 1 }).phases).not.toEqual(
      rehearse(plan, { seed: 11, run: 0 }).phases,
    );
  });

  it('records the seed, the fidelity and absolute times from the plan start (no clock)', () => {
    const rehearsal = rehearse(plan, { seed: 11 });
    expect(rehearsal).toMatchObject({
      seed: 11,
      fidelity: 'aggregate',
      startedAt: '2025-10-31T12:00:00.000Z',
    });
    const [canary, ramp] = rehearsal.phases;
    expect(canary!.checkpoints[0]!.at).toBe('2025-10-31T12:30:00.000Z');
    expect(ramp!.startedAt).toBe('2025-10-31T14:00:00.000Z');
    expect([canary!.startOffsetMs, ramp!.startOffsetMs]).toEqual([0, 2 * 3_600_000]);
  });
});
