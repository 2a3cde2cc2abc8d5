import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CheckpointGates,
  checkpointVerdict,
  type Decision,
  decideCheckpoint,
  decideGuardTrip,
  decidePhase,
  decidingGate,
  decidingGateMetric,
  type GateResult,
  type GuardResult,
  type PhaseRules,
  VERDICTS,
  type Verdict,
  worst,
} from '../../src/gates/index.js';

const MINUTE_MS = 60_000;

/** A recorded gate with a recognisable reason: `errorRate@30m fail`. */
function gate(verdict: Verdict, where: string, metric: GateResult['metric'] = 'errorRate'): GateResult {
  return {
    metric,
    op: 'below',
    threshold: 0.01,
    observed: 0.005,
    verdict,
    reason: `${metric}@${where} ${verdict}`,
  };
}

/** Checkpoints at 15m, 30m, 45m, … each with the given gate verdicts (errorRate first, then p99LatencyMs). */
function checkpoints(...verdicts: Verdict[][]): CheckpointGates[] {
  return verdicts.map((gateVerdicts, i) => {
    const label = `${15 * (i + 1)}m`;
    const metrics = ['errorRate', 'p99LatencyMs'] as const;
    return {
      label,
      offsetMs: 15 * (i + 1) * MINUTE_MS,
      gates: gateVerdicts.map((verdict, g) => gate(verdict, label, metrics[g % 2])),
    };
  });
}

const EVERY: PhaseRules = { require: 'every-checkpoint' };
const FINAL: PhaseRules = { require: 'final' };

describe('checkpointVerdict', () => {
  it.each<[Verdict[], Verdict]>([
    [[], 'pass'],
    [['pass', 'pass'], 'pass'],
    [['pass', 'inconclusive'], 'inconclusive'],
    [['inconclusive', 'fail'], 'fail'],
  ])('worst of %j is %s', (verdicts, expected) => {
    expect(checkpointVerdict(verdicts.map((verdict) => gate(verdict, 'x')))).toBe(expected);
  });
});

describe('decidePhase', () => {
  it.each<[string, CheckpointGates[], PhaseRules, Decision]>([
    [
      'every-checkpoint, all pass → advance at the last checkpoint',
      checkpoints(['pass', 'pass'], ['pass', 'pass'], ['pass', 'pass']),
      EVERY,
      { action: 'advance', atMs: 45 * MINUTE_MS, reason: '2 gates passed at all 3 checkpoints (last: 45m)' },
    ],
    [
      'defaults are every-checkpoint and auto',
      checkpoints(['pass'], ['pass']),
      {},
      { action: 'advance', atMs: 30 * MINUTE_MS, reason: '1 gate passed at all 2 checkpoints (last: 30m)' },
    ],
    [
      'manual advance → await-approval',
      checkpoints(['pass']),
      { advance: 'manual' },
      {
        action: 'await-approval',
        atMs: 15 * MINUTE_MS,
        reason: '1 gate passed at the final checkpoint (15m); advance is manual: awaiting approval',
      },
    ],
    [
      'every-checkpoint, a failing checkpoint → rollback at once',
      checkpoints(['pass', 'pass'], ['pass', 'fail'], ['pass', 'pass']),
      EVERY,
      { action: 'rollback', atMs: 30 * MINUTE_MS, reason: 'gate failed: p99LatencyMs@30m fail' },
    ],
    [
      'every-checkpoint, several failing gates: the first is quoted, the others counted',
      checkpoints(['fail', 'fail', 'fail']),
      EVERY,
      {
        action: 'rollback',
        atMs: 15 * MINUTE_MS,
        reason: 'gate failed: errorRate@15m fail; and 2 more failing gates',
      },
    ],
    [
      'every-checkpoint, an early inconclusive checkpoint makes the phase inconclusive → halt at the end',
      checkpoints(['inconclusive', 'pass'], ['pass', 'pass'], ['pass', 'pass']),
      EVERY,
      { action: 'halt', atMs: 45 * MINUTE_MS, reason: 'gate inconclusive: errorRate@15m inconclusive' },
    ],
    [
      'every-checkpoint, inconclusive then failing → rollback (fail is worse)',
      checkpoints(['inconclusive'], ['fail']),
      EVERY,
      { action: 'rollback', atMs: 30 * MINUTE_MS, reason: 'gate failed: errorRate@30m fail' },
    ],
    [
      'final, an early failing checkpoint is informational → advance',
      checkpoints(['fail', 'fail'], ['inconclusive', 'pass'], ['pass', 'pass']),
      FINAL,
      { action: 'advance', atMs: 45 * MINUTE_MS, reason: '2 gates passed at the final checkpoint (45m)' },
    ],
    [
      'final, the last checkpoint fails → rollback',
      checkpoints(['pass', 'pass'], ['pass', 'fail']),
      FINAL,
      { action: 'rollback', atMs: 30 * MINUTE_MS, reason: 'gate failed: p99LatencyMs@30m fail' },
    ],
    [
      'final, the last checkpoint is inconclusive → halt',
      checkpoints(['pass', 'pass'], ['inconclusive', 'inconclusive']),
      FINAL,
      {
        action: 'halt',
        atMs: 30 * MINUTE_MS,
        reason: 'gate inconclusive: errorRate@30m inconclusive; and 1 more inconclusive gate',
      },
    ],
    [
      'a phase without gates advances',
      checkpoints([]),
      EVERY,
      { action: 'advance', atMs: 15 * MINUTE_MS, reason: 'no gates to check at the final checkpoint (15m)' },
    ],
  ])('%s', (_label, recorded, rules, expected) => {
    expect(decidePhase(recorded, rules)).toEqual(expected);
  });

  it('throws on a phase without checkpoints (a bug: the plan always has one)', () => {
    expect(() => decidePhase([], EVERY)).toThrow(/at least one checkpoint/);
  });
});

describe('decideCheckpoint, called incrementally', () => {
  it('keeps going (null) until a failing checkpoint or the last one', () => {
    const recorded = checkpoints(['pass'], ['inconclusive'], ['pass']);
    expect(decideCheckpoint(recorded.slice(0, 1), EVERY, false)).toBeNull();
    expect(decideCheckpoint(recorded.slice(0, 2), EVERY, false)).toBeNull();
    expect(decideCheckpoint(recorded, EVERY, true)?.action).toBe('halt');
  });

  it('with final, ignores a failing checkpoint that is not the last', () => {
    expect(decideCheckpoint(checkpoints(['fail']), FINAL, false)).toBeNull();
  });

  const verdicts = fc.array(fc.array(fc.constantFrom(...VERDICTS), { maxLength: 3 }), {
    minLength: 1,
    maxLength: 6,
  });
  const actionOf: Record<Verdict, Decision['action']> = {
    pass: 'advance',
    inconclusive: 'halt',
    fail: 'rollback',
  };

  it('every-checkpoint: rollback iff some checkpoint fails, else the worst over all checkpoints decides', () => {
    fc.assert(
      fc.property(verdicts, (gateVerdicts) => {
        const decision = decidePhase(checkpoints(...gateVerdicts), EVERY);
        const phaseVerdict = worst(...gateVerdicts.flat());
        expect(decision.action).toBe(actionOf[phaseVerdict]);
        const firstFailing = gateVerdicts.findIndex((gates) => gates.includes('fail'));
        const decidedAt = firstFailing === -1 ? gateVerdicts.length - 1 : firstFailing;
        expect(decision.atMs).toBe(15 * (decidedAt + 1) * MINUTE_MS);
      }),
    );
  });

  it('final: only the last checkpoint decides, at the end of the phase', () => {
    fc.assert(
      fc.property(verdicts, (gateVerdicts) => {
        const decision = decidePhase(checkpoints(...gateVerdicts), FINAL);
        const lastVerdict = worst(...(gateVerdicts.at(-1) ?? []));
        expect(decision.action).toBe(actionOf[lastVerdict]);
        expect(decision.atMs).toBe(15 * gateVerdicts.length * MINUTE_MS);
      }),
    );
  });
});

describe('decideGuardTrip', () => {
  const tripped: GuardResult = {
    metric: 'p99LatencyMs',
    op: 'above',
    threshold: 250,
    observed: 312,
    tripped: true,
    reason: 'p99LatencyMs 312 ms > 250 ms limit (ramp, 2h10m, 1,204 requests)',
  };

  it('rolls back at once, quoting the guard', () => {
    expect(decideGuardTrip(tripped, 130 * MINUTE_MS)).toEqual({
      action: 'rollback',
      atMs: 130 * MINUTE_MS,
      reason: 'guard tripped: p99LatencyMs 312 ms > 250 ms limit (ramp, 2h10m, 1,204 requests)',
    });
  });

  it('throws for a guard that did not trip (a bug in the caller)', () => {
    expect(() => decideGuardTrip({ ...tripped, tripped: false }, 0)).toThrow(/did not trip/);
  });
});

describe('decidingGate', () => {
  // Gates 0 and 2 are both on errorRate: only the index tells which one decided.
  const twoOnOneMetric = checkpoints(['fail', 'pass', 'pass'], ['pass', 'pass', 'fail']);

  it.each([
    ['every-checkpoint: the first failing gate over all checkpoints', EVERY, 0],
    ['final: the first failing gate of the last checkpoint', FINAL, 2],
  ])('%s', (_name, rules, index) => {
    const decided = decidingGate(twoOnOneMetric, rules, 'rollback');
    expect(decided?.index).toBe(index);
    expect(decided?.gate).toBe(twoOnOneMetric[index === 0 ? 0 : 1]!.gates[index]);
    expect(decided?.gate.metric).toBe('errorRate');
  });

  it('is null when no gate has the verdict the action needs', () => {
    expect(decidingGate(twoOnOneMetric, EVERY, 'halt')).toBeNull();
  });
});

describe('decidingGateMetric', () => {
  it('names the gate decideCheckpoint quotes first: the first failing (rollback) or inconclusive (halt) one', () => {
    const rolledBack = checkpoints(['pass', 'pass'], ['pass', 'fail']);
    expect(decideCheckpoint(rolledBack, EVERY, false)?.reason).toBe('gate failed: p99LatencyMs@30m fail');
    expect(decidingGateMetric(rolledBack, EVERY, 'rollback')).toBe('p99LatencyMs');
    const halted = checkpoints(['inconclusive', 'pass'], ['pass', 'inconclusive']);
    expect(decidingGateMetric(halted, EVERY, 'halt')).toBe('errorRate');
  });

  it('looks only at the last checkpoint under require: final', () => {
    const halted = checkpoints(['inconclusive', 'pass'], ['pass', 'inconclusive']);
    expect(decidingGateMetric(halted, { require: 'final' }, 'halt')).toBe('p99LatencyMs');
    expect(
      decidingGateMetric(checkpoints(['fail', 'pass'], ['pass', 'pass']), { require: 'final' }, 'rollback'),
    ).toBeNull();
  });
});
