import { describe, expect, it } from 'vitest';
import { PhaseJudge } from '../../src/engine/phaseJudge.js';
import type { CheckpointGates, GateResult, GuardResult, PhaseRules, Verdict } from '../../src/gates/index.js';

const MINUTE_MS = 60_000;

/** Gate 0 `errorRate below 1%`, gate 1 `errorRate max 2%`, with the given verdicts, at the k-th 30m checkpoint. */
function checkpoint(k: number, verdicts: [Verdict, Verdict]): CheckpointGates {
  const label = `${30 * k}m`;
  const gates: GateResult[] = verdicts.map((verdict, g) => ({
    metric: 'errorRate',
    op: g === 0 ? 'below' : 'max',
    threshold: g === 0 ? 0.01 : 0.02,
    observed: 0.015,
    verdict,
    reason: `gate ${g} ${verdict} at ${label}`,
  }));
  return { label, offsetMs: 30 * k * MINUTE_MS, gates };
}

function tripped(metric: GuardResult['metric'], threshold: number): GuardResult {
  return {
    metric,
    op: 'above',
    threshold,
    observed: 2 * threshold,
    tripped: true,
    reason: `${metric} tripped`,
  };
}

describe('PhaseJudge', () => {
  it.each<[string, PhaseRules, Array<[Verdict, Verdict]>, object | null, object | null]>([
    [
      'a failing checkpoint rolls back at once, naming the gate by index',
      { require: 'every-checkpoint' },
      [
        ['pass', 'pass'],
        ['pass', 'fail'],
      ],
      { action: 'rollback', atMs: 60 * MINUTE_MS },
      { kind: 'gate', index: 1, metric: 'errorRate', op: 'max' },
    ],
    [
      'under require: final only the last checkpoint decides, and names its own failing gate',
      { require: 'final' },
      [
        ['pass', 'fail'],
        ['fail', 'pass'],
      ],
      { action: 'rollback', atMs: 60 * MINUTE_MS },
      { kind: 'gate', index: 0, metric: 'errorRate', op: 'below' },
    ],
    [
      'an inconclusive phase halts at its last checkpoint',
      { require: 'every-checkpoint' },
      [
        ['pass', 'inconclusive'],
        ['pass', 'pass'],
      ],
      { action: 'halt', atMs: 60 * MINUTE_MS },
      { kind: 'gate', index: 1, metric: 'errorRate', op: 'max' },
    ],
  ])('%s', (_name, rules, verdicts, stop, cause) => {
    const judge = new PhaseJudge('canary', rules, verdicts.length);
    verdicts.forEach((gates, k) => {
      judge.checkpointJudged(checkpoint(k + 1, gates));
    });
    expect(judge.stop).toMatchObject(stop!);
    expect(judge.cause).toEqual(cause);
    expect(judge.passed).toBeNull();
  });

  it('a pass at the last checkpoint is held as passed, with no stop and no cause', () => {
    const judge = new PhaseJudge('ramp', { advance: 'manual' }, 1);
    judge.checkpointJudged(checkpoint(1, ['pass', 'pass']));
    expect(judge.passed).toMatchObject({ action: 'await-approval', atMs: 30 * MINUTE_MS });
    expect([judge.stop, judge.cause]).toEqual([null, null]);
  });

  it('records every trip; the first one rolls back and is the cause', () => {
    const judge = new PhaseJudge('canary', {}, 4);
    judge.guardTripped(1, tripped('errorRate', 0.015), 90_000);
    judge.guardTripped(0, tripped('p99LatencyMs', 250), 90_000);
    expect(judge.guardTrips.map((trip) => [trip.index, trip.metric, trip.offsetMs])).toEqual([
      [1, 'errorRate', 90_000],
      [0, 'p99LatencyMs', 90_000],
    ]);
    expect(judge.stop).toEqual({
      action: 'rollback',
      atMs: 90_000,
      reason: 'guard tripped: errorRate tripped',
    });
    expect(judge.cause).toEqual({ kind: 'guard', index: 1, metric: 'errorRate', op: 'above' });
    expect(judge.guardContext(90_000)).toEqual({ phase: 'canary', label: '1m30s' });
  });
});
