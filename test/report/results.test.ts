import { describe, expect, it } from 'vitest';
import type { Rehearsal } from '../../src/engine/rehearsal.js';
import { rehearse } from '../../src/engine/rehearse.js';
import { buildResults, type Results, stableNumber, stringifyResults } from '../../src/report/index.js';
import type { Plan } from '../../src/scenario/plan.js';
import { schemaErrors } from '../support/schemaErrors.js';
import { HOUR_MS, META, makeMetrics, makePlan, makeRehearsal } from './fixtures.js';

/** Results as a reader of results.json gets them. */
const written = (results: Results): unknown => JSON.parse(stringifyResults(results));

/** The fixture plan shortened for the real engine: a 2h canary and a 1h manual rollout at 100%, lenient gates. */
function quickPlan(overrides: Partial<Plan> = {}): Plan {
  const plan = makePlan();
  const [canary, , rollout] = plan.phases;
  const gates: Plan['phases'][number]['gates'] = [
    { metric: 'errorRate', op: 'below', threshold: 0.05 },
    { metric: 'p99LatencyMs', op: 'below', threshold: 200 },
  ];
  return {
    ...plan,
    phases: [
      { ...canary!, gates },
      { ...rollout!, index: 1, durationMs: HOUR_MS, checkpointsMs: [30 * 60_000, HOUR_MS], gates },
    ],
    ...overrides,
  };
}

function withInconclusiveRamp(rehearsal: Rehearsal): Rehearsal {
  const [canary, ramp, rollout] = rehearsal.phases;
  const checkpoints = ramp!.checkpoints.map((checkpoint) => ({
    ...checkpoint,
    metrics: makeMetrics({ requests: 0 }),
    baselineMetrics: null,
    gates: checkpoint.gates.map((gate) => ({ ...gate, observed: null, verdict: 'inconclusive' as const })),
    verdict: 'inconclusive' as const,
  }));
  return {
    ...rehearsal,
    outcome: {
      ...rehearsal.outcome,
      status: 'halted',
      cause: { kind: 'gate', index: 0, metric: 'errorRate', op: 'below' },
    },
    phases: [canary!, { ...ramp!, status: 'halted', checkpoints, guardTrips: [] }, rollout!],
    warnings: ['faults of kind latency-spike have no effect model yet and were not simulated'],
  };
}

describe('results.json', () => {
  const cases: Array<[string, () => Results]> = [
    ['fixture: rolled back by a guard in the ramp', () => buildResults(makePlan(), makeRehearsal(), META)],
    [
      'fixture: halted on inconclusive gates, no release, plan built in code, a warning',
      () =>
        buildResults(
          makePlan({ release: null, scenarioSha256: '' }),
          withInconclusiveRamp(makeRehearsal()),
          META,
        ),
    ],
    [
      'engine: completed',
      () => buildResults(quickPlan({ guards: [] }), rehearse(quickPlan({ guards: [] }), { seed: 1 }), META),
    ],
    [
      'engine: halted awaiting approval',
      () => buildResults(quickPlan(), rehearse(quickPlan(), { seed: 2, approve: false }), META),
    ],
    [
      'engine: request fidelity',
      () => buildResults(quickPlan(), rehearse(quickPlan(), { seed: 3, fidelity: 'request' }), META),
    ],
    [
      'engine: a diurnal profile, whose factors the model records',
      () => {
        const plan = quickPlan({ diurnal: Array.from({ length: 24 }, (_, hour) => (hour < 12 ? 0.5 : 1.5)) });
        return buildResults(plan, rehearse(plan, { seed: 4 }), META);
      },
    ],
  ];

  it('records the diurnal factors with a profile only', () => {
    const factors = Array.from({ length: 24 }, (_, hour) => (hour < 12 ? 0.5 : 1.5));
    const plan = quickPlan({ diurnal: factors });
    expect(buildResults(plan, rehearse(plan, { seed: 4 }), META).model.diurnalFactors).toEqual(factors);
    expect(buildResults(quickPlan(), rehearse(quickPlan(), { seed: 4 }), META).model).not.toHaveProperty(
      'diurnalFactors',
    );
  });

  it.each(cases)('%s validates against docs/schemas/results.schema.json', (_name, build) => {
    expect(schemaErrors('results', written(build()))).toEqual([]);
  });

  it('covers every outcome status among the cases', () => {
    const statuses = new Set(cases.map(([, build]) => build().outcome.status));
    expect([...statuses].sort()).toEqual(['completed', 'halted', 'rolled-back']);
  });

  it.each<[string, (json: Record<string, unknown>) => void, string]>([
    ['a missing field', (json) => delete json.finance, "must have required property 'finance'"],
    ['an unknown field', (json) => Object.assign(json, { extra: 1 }), 'must NOT have additional properties'],
    [
      'a bad status',
      (json) => Object.assign(json.outcome as object, { status: 'done' }),
      'must be equal to one of',
    ],
  ])('the schema rejects %s', (_name, spoil, message) => {
    const json = written(buildResults(makePlan(), makeRehearsal(), META)) as Record<string, unknown>;
    spoil(json);
    expect(schemaErrors('results', json).join('\n')).toContain(message);
  });

  it('records times as ISO-8601 UTC and offsets from the phase start', () => {
    const results = buildResults(makePlan(), makeRehearsal(), META);
    expect(results.outcome).toMatchObject({
      at: '2025-10-31T15:12:00.000Z',
      offsetMs: 72 * 60_000,
      elapsedMs: 192 * 60_000,
    });
    expect(results.phases[1]?.decision).toEqual({
      action: 'rollback',
      at: '2025-10-31T15:12:00.000Z',
      offsetMs: 72 * 60_000,
      reason: 'guard tripped: errorRate 6.25% > 1.50% limit (ramp, 72m, 16 requests)',
    });
    expect(results.finance).toBeNull();
  });

  it('writes keys in a fixed order, whatever order the engine filled metrics in', () => {
    const rehearsal = makeRehearsal();
    const checkpoint = rehearsal.phases[0]!.checkpoints[0]!;
    const reversed = Object.fromEntries(
      Object.entries(checkpoint.metrics).reverse(),
    ) as typeof checkpoint.metrics;
    const shuffled: Rehearsal = {
      ...rehearsal,
      phases: [
        { ...rehearsal.phases[0]!, checkpoints: [{ ...checkpoint, metrics: reversed }] },
        ...rehearsal.phases.slice(1),
      ],
    };
    const original: Rehearsal = {
      ...rehearsal,
      phases: [{ ...rehearsal.phases[0]!, checkpoints: [checkpoint] }, ...rehearsal.phases.slice(1)],
    };
    expect(stringifyResults(buildResults(makePlan(), shuffled, META))).toBe(
      stringifyResults(buildResults(makePlan(), original, META)),
    );
    expect(Object.keys(JSON.parse(stringifyResults(buildResults(makePlan(), original, META))))).toEqual([
      'schemaVersion',
      'tool',
      'scenario',
      'seed',
      'fidelity',
      'start',
      'monitoring',
      'model',
      'guards',
      'outcome',
      'phases',
      'warnings',
      'finance',
      'guardFixes',
    ]);
  });

  it('is JSON that reads back as the results, with lists of plain values on one line', () => {
    const results = buildResults(makePlan(), makeRehearsal(), META);
    const text = stringifyResults(results);
    expect(JSON.parse(text)).toEqual(results);
    expect(text).toContain('\n    "latencyBucketsMs": [5, 10, 25, 50, 100, 250, 500, 1000]\n');
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('same plan and seed give the same bytes; another seed gives other bytes', () => {
    const plan = quickPlan();
    const bytes = (seed: number) => stringifyResults(buildResults(plan, rehearse(plan, { seed }), META));
    expect(bytes(7)).toBe(bytes(7));
    expect(bytes(7)).not.toBe(bytes(8));
  });
});

describe('stableNumber', () => {
  it.each([
    [0.1 + 0.2, 0.3],
    [-0, 0],
    [7412, 7412],
    [0.00079, 0.00079],
    [1 / 3, 0.333333333333],
    [-0.0037000000000000002, -0.0037],
    [1e-300, 1e-300],
  ])('stableNumber(%d) = %d', (value, expected) => {
    expect(Object.is(stableNumber(value), expected)).toBe(true);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses %d: a bug upstream, not a value to record',
    (value) => {
      expect(() => stableNumber(value)).toThrow(/non-finite/);
    },
  );
});
