import { describe, expect, it } from 'vitest';
import { InternalError } from '../../src/errors.js';
import { defaultLatencyBucketsMs } from '../../src/gates/latencyBuckets.js';
import { compileScenario } from '../../src/scenario/compile.js';
import type { PhasePlan } from '../../src/scenario/plan.js';
import type { Scenario } from '../../src/scenario/scenarioSchema.js';
import { validateScenario } from '../../src/scenario/validateScenario.js';
import { type Data, makeScenario, type Overrides } from './fixtures.js';

function scenarioOf(data: Data): Scenario {
  const result = validateScenario(data, 'test');
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result.scenario;
}

const compile = (overrides: Overrides = {}) => compileScenario(scenarioOf(makeScenario(overrides)));

/** Every object and array reachable from `value`, each with its path from `path`. */
function containers(value: unknown, path: string): Array<[string, object]> {
  if (typeof value !== 'object' || value === null) return [];
  return [
    [path, value],
    ...Object.entries(value).flatMap(([key, item]) => containers(item, `${path}.${key}`)),
  ];
}

describe('compileScenario', () => {
  it('returns a plan frozen all the way down: nothing can change it after compile', () => {
    const plan = compile();
    const all = containers(plan, 'plan');
    expect(all.map(([path]) => path)).toEqual(
      expect.arrayContaining([
        'plan.phases.0.gates',
        'plan.analyzers.candidate.bySegment.0',
        'plan.segments.0',
      ]),
    );
    expect(all.filter(([, container]) => !Object.isFrozen(container)).map(([path]) => path)).toEqual([]);
    expect(() => (plan.phases as PhasePlan[]).push(plan.phases[0]!)).toThrow(TypeError);
  });

  it('fills every default of a minimal scenario', () => {
    const plan = compileScenario(
      scenarioOf({
        name: 'minimal',
        population: { learners: 1000, requestsPerLearnerHour: 2 },
        analyzers: {
          baseline: { errorRate: 0.01, latencyMs: { p50: 10, p99: 20 }, availability: 1 },
          candidate: { errorRate: 0.02, latencyMs: { p50: 5, p99: 9 }, availability: 0.99 },
        },
        phases: [{ name: 'only', traffic: 0.25, duration: '1h' }],
      }),
    );
    expect(plan).toEqual({
      name: 'minimal',
      release: null,
      seed: 1,
      startMs: Date.UTC(2025, 0, 1),
      startIso: '2025-01-01T00:00:00.000Z',
      scenarioSha256: '',
      intervalMs: 30_000,
      guardWindowMs: 30_000,
      latencyBucketsMs: defaultLatencyBucketsMs(),
      population: { learners: 1000, requestsPerLearnerHour: 2 },
      segments: [{ id: 'all', label: 'all', share: 1, requestsPerLearnerHour: 2 }],
      diurnal: null,
      analyzers: {
        baseline: {
          availability: 1,
          meanOutageMs: 120_000,
          bySegment: [{ errorRate: 0.01, latencyP50Ms: 10, latencyP99Ms: 20, revenueUplift: null }],
        },
        candidate: {
          availability: 0.99,
          meanOutageMs: 120_000,
          bySegment: [{ errorRate: 0.02, latencyP50Ms: 5, latencyP99Ms: 9, revenueUplift: null }],
        },
      },
      business: null,
      guards: [],
      phases: [
        {
          name: 'only',
          index: 0,
          traffic: 0.25,
          learners: 250,
          durationMs: 3_600_000,
          checkpointsMs: [3_600_000],
          gates: [],
          require: 'every-checkpoint',
          advance: 'auto',
          window: 'cumulative',
        },
      ],
      faults: [],
    });
  });

  it('normalises an offset start to UTC and keeps the sha256 it is given', () => {
    const plan = compileScenario(scenarioOf(makeScenario({ start: '2025-10-31T13:00:00+01:00' })), {
      scenarioSha256: 'ab12',
    });
    expect([plan.startIso, plan.startMs, plan.scenarioSha256]).toEqual([
      '2025-10-31T12:00:00.000Z',
      Date.UTC(2025, 9, 31, 12),
      'ab12',
    ]);
  });

  it('applies per-segment rates, labels and analyzer overrides, aligned with the segments', () => {
    const plan = compile({
      population: { segments: [{ label: 'Web' }, { requestsPerLearnerHour: 3 }] },
      analyzers: {
        candidate: {
          segments: { mobile: { errorRate: 0.05, latencyMs: { p50: 40, p99: 90 }, revenueUplift: 0.1 } },
        },
      },
    });
    expect(plan.segments).toEqual([
      { id: 'web', label: 'Web', share: 0.6, requestsPerLearnerHour: 1 },
      { id: 'mobile', label: 'mobile', share: 0.4, requestsPerLearnerHour: 3 },
    ]);
    expect(plan.analyzers.candidate.bySegment).toEqual([
      { errorRate: 0.0008, latencyP50Ms: 25, latencyP99Ms: 46, revenueUplift: null },
      { errorRate: 0.05, latencyP50Ms: 40, latencyP99Ms: 90, revenueUplift: 0.1 },
    ]);
  });

  it.each([
    [new Array(24).fill(2), new Array(24).fill(1)],
    [
      [...new Array(12).fill(1), ...new Array(12).fill(3)],
      [...new Array(12).fill(0.5), ...new Array(12).fill(1.5)],
    ],
  ])('scales diurnal factors to mean 1 (%#)', (factors, normalised) => {
    expect(compile({ population: { diurnal: factors } }).diurnal).toEqual(normalised);
  });

  it('takes the factors of a diurnal file from extras, and refuses to guess without them', () => {
    const scenario = scenarioOf(makeScenario({ population: { diurnal: { file: 'd.csv' } } }));
    expect(compileScenario(scenario, { diurnalFactors: new Array(24).fill(4) }).diurnal).toEqual(
      new Array(24).fill(1),
    );
    expect(() => compileScenario(scenario)).toThrow(InternalError);
  });

  it('guards inherit consecutive from guards.consecutive unless their condition sets its own', () => {
    const plan = compile({
      guards: {
        consecutive: 20,
        rollbackWhen: { p99LatencyMs: { above: 300 }, errorRate: { above: 0.02, consecutive: 4 } },
      },
    });
    expect(plan.guards).toEqual([
      { metric: 'errorRate', op: 'above', threshold: 0.02, consecutive: 4 },
      { metric: 'p99LatencyMs', op: 'above', threshold: 300, consecutive: 20 },
    ]);
  });

  it('expands conditions to one per operator in catalogue order; guards inherit minRequests', () => {
    const plan = compile({
      guards: {
        minRequests: 20,
        rollbackWhen: { p99LatencyMs: { above: 300 }, errorRate: { above: 0.02, minRequests: 5 } },
      },
      phases: [
        {
          gates: {
            revenueImpact: { within: 0.03 },
            availability: { min: 0.99, max: 1 },
            errorRate: { below: 0.01 },
          },
        },
      ],
    });
    expect(plan.guards).toEqual([
      { metric: 'errorRate', op: 'above', threshold: 0.02, minRequests: 5 },
      { metric: 'p99LatencyMs', op: 'above', threshold: 300, minRequests: 20 },
    ]);
    expect(plan.phases[0]?.gates).toEqual([
      { metric: 'errorRate', op: 'below', threshold: 0.01 },
      { metric: 'availability', op: 'max', threshold: 1 },
      { metric: 'availability', op: 'min', threshold: 0.99 },
      { metric: 'revenueImpact', op: 'within', threshold: 0.03 },
    ]);
  });

  it('resolves fault timing, references and parameter defaults', () => {
    const plan = compile({
      faults: [
        { kind: 'latency-spike', phase: 'canary', at: '30m', factor: 6 },
        { kind: 'outage', ratePerDay: 2, meanDuration: '5m', target: 'both', phase: 'full' },
        {
          kind: 'segment-regression',
          segment: 'mobile',
          phase: 'full',
          at: '0s',
          duration: '2h',
          errorRate: 0.2,
        },
        { kind: 'degradation', phase: 'canary', at: '1h', metric: 'latency', perHour: 0.5 },
      ],
    });
    expect(plan.faults).toEqual([
      {
        kind: 'latency-spike',
        target: 'candidate',
        phaseIndex: 0,
        atMs: 1_800_000,
        durationMs: 5_400_000,
        ratePerDay: null,
        meanDurationMs: null,
        segmentIndex: null,
        params: { factor: 6, share: 1 },
      },
      {
        kind: 'outage',
        target: 'both',
        phaseIndex: 1,
        atMs: null,
        durationMs: null,
        ratePerDay: 2,
        meanDurationMs: 300_000,
        segmentIndex: null,
        params: { availability: 0 },
      },
      {
        kind: 'segment-regression',
        target: 'candidate',
        phaseIndex: 1,
        atMs: 0,
        durationMs: 7_200_000,
        ratePerDay: null,
        meanDurationMs: null,
        segmentIndex: 1,
        params: { errorRate: 0.2 },
      },
      {
        kind: 'degradation',
        target: 'candidate',
        phaseIndex: 0,
        atMs: 3_600_000,
        durationMs: 3_600_000,
        ratePerDay: null,
        meanDurationMs: null,
        segmentIndex: null,
        params: { metric: 'latency', perHour: 0.5 },
      },
    ]);
  });

  it('fills every business default', () => {
    const plan = compile({
      business: { baselineAnnualRevenue: 1e6, revenueUplift: { mean: 0.05, sd: 0.01 } },
    });
    expect(plan.business).toEqual({
      baselineAnnualRevenueUsd: 1e6,
      revenueUplift: { mean: 0.05, sd: 0.01 },
      completionUplift: null,
      churnChange: null,
      purchasesPerLearnerYear: 12,
      purchaseAmountCv: 1,
      baselineChurnPerMonth: 0.03,
      baselineCompletionsPerLearnerMonth: 0.5,
      horizonDays: 365,
      costs: { oneOffUsd: 0, monthlyUsd: 0 },
      discountRatePerYear: 0,
      followOn: [],
    });
  });

  it('uses the given guard window and buckets', () => {
    const plan = compile({ monitoring: { interval: '10s', window: '1m', latencyBucketsMs: [5, 50, 500] } });
    expect([plan.intervalMs, plan.guardWindowMs, plan.latencyBucketsMs]).toEqual([
      10_000,
      60_000,
      [5, 50, 500],
    ]);
  });
});
