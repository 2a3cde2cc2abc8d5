import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { computeMetric } from '../../src/gates/index.js';
import { replayObservationsFile } from '../../src/io/readObservations.js';
import { readScenario } from '../../src/io/readScenario.js';
import { observedWindowStats } from '../../src/replay/observedGates.js';
import type { ObservedPoint } from '../../src/replay/observedPoint.js';
import { ReplayBuilder } from '../../src/replay/replay.js';
import { GOOD_CANARY, HEADER, replayPlan, writeCsv } from './fixtures.js';

const SEGMENT_HEADER = 'phase,at,segment,requests,errors,p99_latency_ms,availability,revenue_impact';

async function replayLines(lines: readonly string[], plan = replayPlan()) {
  return replayObservationsFile(writeCsv(lines), plan, { lenient: false, file: 'obs.csv' });
}

describe('the sample: the seed report’s canary', () => {
  it('reproduces the canary GO on the recomputed error rate and flags the report’s numbers', async () => {
    const plan = await readScenario('scenarios/sprint2-rollout.yaml');
    const { rehearsal, replay } = await replayObservationsFile(
      'scenarios/observed/sprint2-canary.csv',
      plan,
      {
        lenient: false,
      },
    );
    const canary = rehearsal.phases[0]!;
    expect(canary.decision?.action).toBe('advance');
    expect(canary.decision?.reason).toBe('4 gates passed at all 5 checkpoints (last: 2h)');
    // Only the canary was recorded: the replay cannot claim the rollout completed.
    expect(rehearsal.outcome).toMatchObject({
      status: 'partial',
      phase: 'canary',
      reason:
        'canary passed; no rows for ramp, rollout, so the replay cannot say whether the rollout completes',
    });
    expect(replay.recordedPhases).toEqual(['canary']);
    expect(rehearsal.phases.map((phase) => phase.status)).toEqual(['passed', 'not-reached', 'not-reached']);
    // Every data check is a warning of the results too (11: 5 stated rates, 4 small samples, 2 phases).
    expect(rehearsal.warnings).toEqual(replay.warnings.map((warning) => warning.message));
    expect(rehearsal.warnings).toHaveLength(11);
    expect(canary.checkpoints.map((checkpoint) => checkpoint.metrics.errorRate)).toEqual([0, 0, 0, 0, 0]);
    expect(canary.candidate).toMatchObject({ requests: 380, errors: 0 });

    const mismatches = replay.warnings.filter((warning) => warning.kind === 'stated-rate-mismatch');
    expect(mismatches.map((warning) => warning.line)).toEqual([2, 3, 4, 5, 6]);
    expect(mismatches[4]!.message).toBe(
      'line 6 (canary at 2h): error_rate states 0.079%, but errors/requests = 0/380 = 0.00%; the recomputed rate is used',
    );
    const smallSample = replay.warnings.filter((warning) => warning.kind === 'small-sample-pass');
    // 0 in 380 has an upper end of 0.966% < 1%: the final checkpoint is the first with enough requests.
    expect(smallSample.map((warning) => warning.message.split(':')[0])).toEqual([
      'canary, 15m',
      'canary, 30m',
      'canary, 1h',
      'canary, 1h30m',
    ]);
    expect(smallSample[0]!.message).toBe(
      'canary, 15m: errorRate passed (0.00% vs 1.00%) only because the sample is small: 0 errors in 48 requests ' +
        'is consistent with an error rate up to 7.40% (95% Clopper–Pearson), above the 1.00% limit',
    );
    // scipy.stats.binomtest(0, 380).proportion_ci(0.95, method='exact').high == 0.009660611079874168
    expect(replay.rates.at(-1)!.ci95[1]).toBeCloseTo(0.009660611079874168, 12);
  });
});

describe('rates are recomputed from counts', () => {
  it.each([
    ['0.10%', '1', '1000', false],
    ['0.1%', '1', '1000', false],
    ['0.001', '1', '999', false],
    ['0.0011', '1', '1000', true],
    ['0.079%', '0', '380', true],
    ['0', '0', '0', false],
    ['0.5%', '0', '0', true],
  ])('stated %s with %s errors in %s requests: warning %s', async (stated, errors, requests, warned) => {
    const lines = [`${HEADER},error_rate`, `canary,30m,${requests},${errors},40,0.9997,0.004,${stated}`];
    const { replay } = await replayLines(lines);
    expect(replay.warnings.some((warning) => warning.kind === 'stated-rate-mismatch')).toBe(warned);
  });

  it('gates on errors / requests, whatever the stated rate says', async () => {
    const lines = [`${HEADER},error_rate`, 'canary,30m,1000,20,40,0.9997,0.004,0.01%'];
    const { rehearsal } = await replayLines(lines);
    const gate = rehearsal.phases[0]!.checkpoints[0]!.gates[0]!;
    expect(gate).toMatchObject({ metric: 'errorRate', observed: 0.02, verdict: 'fail' });
    expect(rehearsal.outcome).toMatchObject({ status: 'rolled-back', phase: 'canary' });
    expect(rehearsal.outcome.cause).toEqual({ kind: 'gate', index: 0, metric: 'errorRate', op: 'below' });
    expect(rehearsal.phases[1]!.status).toBe('not-reached');
  });
});

describe('recorded values go through the gate code unchanged', () => {
  function point(p99LatencyMs: number): ObservedPoint {
    return {
      phase: 'canary',
      offsetMs: 0,
      atText: '30m',
      epochMs: null,
      firstLine: 2,
      rows: 1,
      requests: 10,
      errors: 0,
      segments: [],
      p50LatencyMs: p99LatencyMs / 2,
      p95LatencyMs: p99LatencyMs * 0.9,
      p99LatencyMs,
      availability: 0.9997,
      revenueImpact: 0.0037,
      incidents: null,
    };
  }

  it.each([0, 0.3, 39, 46, 199.99, 250.000001, 12_345.678])(
    'p50/p95/p99 of %s ms come out of histogramQuantile exactly',
    (ms) => {
      const recorded = point(ms);
      for (const metric of ['p50LatencyMs', 'p95LatencyMs', 'p99LatencyMs'] as const) {
        expect(computeMetric(metric, observedWindowStats(recorded, metric))).toBe(recorded[metric]);
      }
      expect(computeMetric('availability', observedWindowStats(recorded, 'availability'))).toBe(0.9997);
    },
  );

  it('a metric the file does not record is inconclusive, never a silent pass', async () => {
    const lines = [
      SEGMENT_HEADER,
      ...GOOD_CANARY.slice(1).map((row) => row.replace(/^canary,([^,]+),/, 'canary,$1,,')),
      'ramp,1h,,100,0,40,0.9997,0.004',
    ];
    const { rehearsal } = await replayLines(lines);
    const ramp = rehearsal.phases[1]!;
    expect([rehearsal.phases[0]!.startOffsetMs, ramp.startOffsetMs]).toEqual([
      0,
      Date.parse(ramp.startedAt!) - Date.parse(rehearsal.startedAt),
    ]);
    const incidents = ramp.checkpoints[0]!.gates.find((gate) => gate.metric === 'incidents')!;
    expect(incidents.verdict).toBe('inconclusive');
    expect(incidents.reason).toBe(
      'incidents: not recorded in the observed file (ramp, 1h checkpoint) → inconclusive',
    );
  });
});

describe('per-segment rows', () => {
  const lines = [
    `${SEGMENT_HEADER},incidents`,
    ...GOOD_CANARY.slice(1).map((row) => `${row.replace(/^canary,([^,]+),/, 'canary,$1,,')},0`),
    'ramp,1h,k12-mobile,1000,40,60,0.9995,0.004,0',
    'ramp,1h,k12-web,3000,0,80,0.9999,0.004,0',
  ];

  it('are summed per checkpoint; p99 is the largest; availability the request-weighted mean', async () => {
    const { rehearsal, replay } = await replayLines(lines);
    const checkpoint = rehearsal.phases[1]!.checkpoints[0]!;
    expect(checkpoint.metrics.requests).toBe(4000);
    expect(checkpoint.metrics.errorRate).toBe(0.01);
    expect(checkpoint.metrics.p99LatencyMs).toBe(80);
    expect(checkpoint.metrics.availability).toBeCloseTo((1000 * 0.9995 + 3000 * 0.9999) / 4000, 15);
    // segmentVariance: |40/1000 − 40/4000| = 0.03
    expect(checkpoint.metrics.segmentVariance).toBeCloseTo(0.03, 15);
    expect(
      replay.rates
        .filter((rate) => rate.phase === 'ramp')
        .map((rate) => [rate.segment, rate.errors, rate.requests]),
    ).toEqual([
      [null, 40, 4000],
      ['k12-mobile', 40, 1000],
      ['k12-web', 0, 3000],
    ]);
  });

  it('decide the phase with the same gates: errorRate 1.00% ≥ 0.50% rolls the ramp back', async () => {
    const { rehearsal } = await replayLines(lines);
    expect(rehearsal.phases[1]!.decision).toMatchObject({
      action: 'rollback',
      reason: 'gate failed: errorRate 1.00% ≥ 0.50% limit (ramp, 1h checkpoint, 4,000 requests)',
    });
  });
});

describe('how a replay ends when every recorded phase passes', () => {
  const ramp = [
    'ramp,1h,10000,10,44,0.9997,0.004',
    'ramp,2h,20000,20,45,0.9997,0.004',
    'ramp,3h,30000,30,46,0.9997,0.004',
    'ramp,4h,40000,40,46,0.9997,0.004',
  ];
  /** The fixture plan with an error-rate gate alone in the ramp (the file records no incidents). */
  const twoPhases = () => {
    const plan = replayPlan();
    const gates = [{ metric: 'errorRate' as const, op: 'below' as const, threshold: 0.005 }];
    return { ...plan, phases: [plan.phases[0]!, { ...plan.phases[1]!, gates }] };
  };
  const threePhases = () => {
    const plan = twoPhases();
    const last = { ...plan.phases[1]!, index: 2, name: 'rollout', traffic: 1, gates: [] };
    return { ...plan, phases: [...plan.phases, last] };
  };
  const rollout = [
    'rollout,1h,1,0,44,0.9997,0.004',
    'rollout,2h,2,0,44,0.9997,0.004',
    'rollout,3h,3,0,44,0.9997,0.004',
    'rollout,4h,4,0,44,0.9997,0.004',
  ];
  it.each([
    {
      what: 'every phase recorded',
      lines: [...GOOD_CANARY, ...ramp],
      plan: twoPhases,
      status: 'completed',
      recorded: ['canary', 'ramp'],
      reason: 'all 2 phases passed (canary → ramp)',
    },
    {
      what: 'the last phase without rows',
      lines: GOOD_CANARY,
      plan: twoPhases,
      status: 'partial',
      recorded: ['canary'],
      reason: 'canary passed; no rows for ramp, so the replay cannot say whether the rollout completes',
    },
    {
      what: 'a middle phase without rows',
      lines: [...GOOD_CANARY, ...rollout],
      plan: threePhases,
      status: 'partial',
      recorded: ['canary', 'rollout'],
      reason:
        'canary → rollout passed; no rows for ramp, so the replay cannot say whether the rollout completes',
    },
  ])('$what: $status', async ({ lines, plan, status, recorded, reason }) => {
    const { rehearsal, replay } = await replayLines(lines, plan());
    expect(rehearsal.outcome).toMatchObject({ status, reason, cause: null });
    expect(replay.recordedPhases).toEqual(recorded);
  });
});

describe('checkpoints, guards and time', () => {
  it('a planned checkpoint with no row is inconclusive, and the phase halts', async () => {
    const { rehearsal } = await replayLines([
      GOOD_CANARY[0]!,
      GOOD_CANARY[1]!,
      GOOD_CANARY[3]!,
      GOOD_CANARY[4]!,
    ]);
    const canary = rehearsal.phases[0]!;
    expect(canary.checkpoints.map((checkpoint) => [checkpoint.label, checkpoint.verdict])).toEqual([
      ['30m', 'pass'],
      ['1h', 'inconclusive'],
      ['1h30m', 'pass'],
      ['2h', 'pass'],
    ]);
    expect(canary.decision?.reason).toMatch(
      /^gate inconclusive: errorRate: not recorded in the observed file \(canary, 1h checkpoint, no row recorded\)/,
    );
    expect(rehearsal.outcome.status).toBe('halted');
    expect(rehearsal.outcome.cause).toEqual({ kind: 'gate', index: 0, metric: 'errorRate', op: 'below' });
  });

  it('rows between checkpoints feed the guards only; a guard trip rolls back at that point', async () => {
    const plan = replayPlan({
      guards: [
        { metric: 'errorRate', op: 'above', threshold: 0.5 },
        { metric: 'p99LatencyMs', op: 'above', threshold: 250 },
      ],
    });
    const lines = [
      ...GOOD_CANARY.slice(0, 3),
      'canary,1h10m,2300,2,300,0.9997,0.004',
      ...GOOD_CANARY.slice(3),
    ];
    const { rehearsal, replay } = await replayLines(lines, plan);
    const canary = rehearsal.phases[0]!;
    expect(canary.checkpoints.map((checkpoint) => checkpoint.label)).toEqual(['30m', '1h']);
    expect(canary.guardTrips).toEqual([
      {
        index: 1,
        metric: 'p99LatencyMs',
        op: 'above',
        threshold: 250,
        observed: 300,
        offsetMs: 4_200_000,
        at: '2025-10-31T13:10:00.000Z',
        reason: 'p99LatencyMs 300 ms > 250 ms limit (canary, 1h10m, 2,300 requests)',
      },
    ]);
    expect(rehearsal.outcome).toMatchObject({ status: 'rolled-back', offsetMs: 4_200_000 });
    expect(rehearsal.outcome.cause).toEqual({ kind: 'guard', index: 1, metric: 'p99LatencyMs', op: 'above' });
    expect(replay.warnings.map((warning) => warning.kind)).toContain('rows-after-decision');
  });

  it('ISO times: the phase starts one first-checkpoint before its first row; later rows match within half an interval', async () => {
    const lines = [
      HEADER,
      'canary,2025-11-03T09:30:00Z,1000,1,40,0.9997,0.004',
      'canary,2025-11-03T10:00:10Z,2000,2,42,0.9997,0.004',
      'canary,2025-11-03T10:30:00Z,3000,3,44,0.9997,0.004',
      'canary,2025-11-03T11:00:00Z,4000,4,46,0.9997,0.004',
    ];
    const { rehearsal } = await replayLines(lines);
    const canary = rehearsal.phases[0]!;
    expect(canary.startedAt).toBe('2025-11-03T09:00:00.000Z');
    expect(
      canary.checkpoints.map((checkpoint) => [checkpoint.label, checkpoint.offsetMs, checkpoint.at]),
    ).toEqual([
      ['30m', 1_800_000, '2025-11-03T09:30:00.000Z'],
      ['1h', 3_610_000, '2025-11-03T10:00:10.000Z'],
      ['1h30m', 5_400_000, '2025-11-03T10:30:00.000Z'],
      ['2h', 7_200_000, '2025-11-03T11:00:00.000Z'],
    ]);
    expect(canary.decision?.action).toBe('advance');
  });

  it('ISO times with a given phase start: an export every 10 minutes lands on the planned checkpoints', async () => {
    // Rows at 09:10, 09:20, …, 11:00: the first is not a checkpoint. Inferred, the phase would start at
    // 08:40 (09:10 taken as the 30m checkpoint); given 09:00, the 30m checkpoint is the 09:30 row.
    const lines = [HEADER];
    for (let minutes = 10; minutes <= 120; minutes += 10) {
      const at = new Date(Date.UTC(2025, 10, 3, 9, minutes)).toISOString();
      lines.push(`canary,${at},${minutes * 50},0,40,0.9997,0.004`);
    }
    const csv = writeCsv(lines);
    const inferred = await replayObservationsFile(csv, replayPlan(), { lenient: false });
    expect(inferred.rehearsal.phases[0]!.startedAt).toBe('2025-11-03T08:40:00.000Z');
    const given = await replayObservationsFile(csv, replayPlan(), {
      lenient: false,
      phaseStarts: { canary: Date.UTC(2025, 10, 3, 9, 0) },
    });
    const canary = given.rehearsal.phases[0]!;
    expect(canary.startedAt).toBe('2025-11-03T09:00:00.000Z');
    expect(canary.checkpoints.map((checkpoint) => [checkpoint.label, checkpoint.at])).toEqual([
      ['30m', '2025-11-03T09:30:00.000Z'],
      ['1h', '2025-11-03T10:00:00.000Z'],
      ['1h30m', '2025-11-03T10:30:00.000Z'],
      ['2h', '2025-11-03T11:00:00.000Z'],
    ]);
    // The 2h checkpoint judged the row recorded at 11:00: 6,000 requests.
    expect(canary.checkpoints.at(-1)!.metrics.requests).toBe(6000);
  });

  it('ISO times before a given phase start are a problem of their row', async () => {
    const csv = writeCsv([HEADER, 'canary,2025-11-03T08:50:00Z,100,0,40,0.9997,0.004']);
    const error = await replayObservationsFile(csv, replayPlan(), {
      lenient: false,
      file: 'obs.csv',
      phaseStarts: { canary: Date.UTC(2025, 10, 3, 9, 0) },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems).toEqual([
      {
        file: 'obs.csv',
        line: 2,
        column: null,
        path: 'at',
        expected: 'a time after the phase start given, 2025-11-03T09:00:00.000Z',
        found: '2025-11-03T08:50:00Z',
      },
    ]);
  });

  it('warns when cumulative counts fall', async () => {
    const lines = [
      GOOD_CANARY[0]!,
      GOOD_CANARY[1]!,
      'canary,1h,900,1,42,0.9997,0.004',
      ...GOOD_CANARY.slice(3),
    ];
    const { replay } = await replayLines(lines);
    expect(
      replay.warnings
        .filter((warning) => warning.kind === 'counts-decreased')
        .map((warning) => warning.message),
    ).toEqual([
      "line 3 (canary at 1h): requests/errors fell from 1000/1 at 30m to 900/1, but the phase's window is cumulative: rows should count from the phase start",
    ]);
  });

  it('is the same builder whether fed by the file reader or in code', () => {
    const builder = new ReplayBuilder(replayPlan(), { file: 'obs.csv', lenient: false });
    builder.row({
      line: 2,
      phase: 'canary',
      at: { kind: 'offset', offsetMs: 1_800_000, text: '30m' },
      segment: null,
      requests: 10,
      errors: 0,
      p50LatencyMs: null,
      p95LatencyMs: null,
      p99LatencyMs: 40,
      availability: 1,
      revenueImpact: 0,
      incidents: null,
      statedErrorRate: null,
    });
    const result = builder.finish();
    expect(result.ok && result.replay.rehearsal.phases[0]!.checkpoints[0]!.verdict).toBe('pass');
  });
});
