import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Condition,
  evaluateGate,
  evaluateGateValue,
  gateVerdict,
  OPERATORS,
  type Verdict,
  type WindowStats,
} from '../../src/gates/index.js';
import { makeStats } from './makeStats.js';

const CANARY = { phase: 'canary', label: '15m checkpoint' };
const RAMP = { phase: 'ramp', label: '2h checkpoint' };

/** A window whose revenueImpact is `value`, with plenty of requests: exercises an operator alone. */
const impact = (value: number, requests = 1000) => makeStats({ revenueImpact: value, requests });

describe('evaluateGate: every operator', () => {
  it.each<[Condition['op'], number, number, Verdict]>([
    ['below', 0.01, 0.02, 'pass'],
    ['below', 0.03, 0.02, 'fail'],
    ['below', 0.02, 0.02, 'fail'],
    ['above', 0.03, 0.02, 'pass'],
    ['above', 0.01, 0.02, 'fail'],
    ['above', 0.02, 0.02, 'fail'],
    ['max', 0.01, 0.02, 'pass'],
    ['max', 0.03, 0.02, 'fail'],
    ['max', 0.02, 0.02, 'pass'],
    ['min', 0.03, 0.02, 'pass'],
    ['min', 0.01, 0.02, 'fail'],
    ['min', 0.02, 0.02, 'pass'],
    ['within', 0.01, 0.02, 'pass'],
    ['within', -0.01, 0.02, 'pass'],
    ['within', 0.03, 0.02, 'fail'],
    ['within', -0.03, 0.02, 'fail'],
    ['within', -0.02, 0.02, 'pass'],
    ['below', -0.05, -0.04, 'pass'],
    ['above', -0.05, -0.04, 'fail'],
  ])('%s: observed %d vs threshold %d → %s', (op, observed, threshold, expected) => {
    const condition: Condition = { metric: 'revenueImpact', op, threshold };
    const result = evaluateGate(condition, impact(observed), RAMP);
    expect(result).toMatchObject({ metric: 'revenueImpact', op, threshold, observed, verdict: expected });
    expect(gateVerdict(condition, impact(observed))).toBe(expected);
  });
});

describe('evaluateGate: inconclusive, never a silent pass', () => {
  it.each<[string, Condition, Partial<WindowStats>]>([
    ['no requests → no error rate', { metric: 'errorRate', op: 'below', threshold: 0.01 }, {}],
    ['empty histogram → no p99', { metric: 'p99LatencyMs', op: 'below', threshold: 200 }, {}],
    ['no observed time → no availability', { metric: 'availability', op: 'above', threshold: 0.999 }, {}],
    ['no revenue estimate', { metric: 'revenueImpact', op: 'within', threshold: 0.03 }, { requests: 500 }],
    [
      'below minRequests, though the value would pass',
      { metric: 'errorRate', op: 'below', threshold: 0.01, minRequests: 200 },
      { requests: 96, errors: 0 },
    ],
    [
      'below minRequests, though the value would fail',
      { metric: 'errorRate', op: 'below', threshold: 0.01, minRequests: 200 },
      { requests: 96, errors: 50 },
    ],
  ])('%s', (_label, condition, overrides) => {
    expect(evaluateGate(condition, makeStats(overrides), CANARY).verdict).toBe('inconclusive');
    expect(gateVerdict(condition, makeStats(overrides))).toBe('inconclusive');
  });

  it('judges a window with exactly minRequests requests', () => {
    const condition: Condition = { metric: 'errorRate', op: 'below', threshold: 0.01, minRequests: 200 };
    expect(gateVerdict(condition, makeStats({ requests: 200, errors: 1 }))).toBe('pass');
  });
});

describe('evaluateGate: reasons', () => {
  it.each<[Condition, Partial<WindowStats>, { phase: string; label: string }, string]>([
    [
      { metric: 'errorRate', op: 'below', threshold: 0.005 },
      { requests: 7412, errors: 46 },
      RAMP,
      'errorRate 0.62% ≥ 0.50% limit (ramp, 2h checkpoint, 7,412 requests)',
    ],
    [
      { metric: 'p99LatencyMs', op: 'below', threshold: 200 },
      { requests: 96, latencyBoundsMs: [45, 46], latencyCounts: [0, 96, 0] },
      CANARY,
      'p99LatencyMs 46 ms < 200 ms (canary, 15m checkpoint, 96 requests)',
    ],
    [
      { metric: 'errorRate', op: 'below', threshold: 0.01 },
      {},
      CANARY,
      'errorRate: no requests in window (canary, 15m checkpoint) → inconclusive',
    ],
    [
      { metric: 'errorRate', op: 'below', threshold: 0.01, minRequests: 200 },
      { requests: 96 },
      CANARY,
      'errorRate 0.00%: only 96 requests, 200 required (canary, 15m checkpoint) → inconclusive',
    ],
    [
      { metric: 'availability', op: 'above', threshold: 0.999 },
      { requests: 1204, upMs: 3_598_920, observedMs: 3_600_000 },
      { phase: 'canary', label: '1h checkpoint' },
      'availability 99.97% > 99.90% (canary, 1h checkpoint, 1,204 requests)',
    ],
    [
      { metric: 'revenueImpact', op: 'within', threshold: 0.03 },
      { requests: 1, revenueImpact: -0.034 },
      RAMP,
      'revenueImpact -3.40% outside ±3.00% limit (ramp, 2h checkpoint, 1 request)',
    ],
    [
      { metric: 'revenueImpact', op: 'within', threshold: 0.03 },
      { requests: 7412, revenueImpact: 0.0037 },
      RAMP,
      'revenueImpact +0.37% within ±3.00% (ramp, 2h checkpoint, 7,412 requests)',
    ],
    [
      { metric: 'incidents', op: 'max', threshold: 0 },
      { requests: 7412, incidents: 2 },
      RAMP,
      'incidents 2 > 0 limit (ramp, 2h checkpoint, 7,412 requests)',
    ],
  ])('%j → %s', (condition, overrides, context, expected) => {
    expect(evaluateGate(condition, makeStats(overrides), context).reason).toBe(expected);
  });

  it('quotes a condition and a context as they are now, even when they were changed in place', () => {
    const condition: Condition = { metric: 'errorRate', op: 'below', threshold: 0.005 };
    const context = { phase: 'ramp', label: '2h checkpoint' };
    const stats = makeStats({ requests: 7412, errors: 46 });
    const reasons = [evaluateGate(condition, stats, context).reason];
    reasons.push(evaluateGate(condition, stats, context).reason);
    condition.threshold = 0.01;
    context.label = '3h checkpoint';
    reasons.push(evaluateGate(condition, stats, context).reason);
    condition.op = 'max';
    context.phase = 'rollout';
    reasons.push(evaluateGate(condition, stats, context).reason);
    expect(reasons).toEqual([
      'errorRate 0.62% ≥ 0.50% limit (ramp, 2h checkpoint, 7,412 requests)',
      'errorRate 0.62% ≥ 0.50% limit (ramp, 2h checkpoint, 7,412 requests)',
      'errorRate 0.62% < 1.00% (ramp, 3h checkpoint, 7,412 requests)',
      'errorRate 0.62% ≤ 1.00% (rollout, 3h checkpoint, 7,412 requests)',
    ]);
  });
});

describe('evaluateGate: a verdict is monotone in its threshold', () => {
  const value = fc.double({ min: -1e6, max: 1e6, noNaN: true });
  const requests = fc.integer({ min: 0, max: 10 });
  const minRequests = fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined });

  it.each(OPERATORS)('%s', (op) => {
    // below, max, within: loosening means a larger threshold; above, min: a smaller one.
    const loosensUpward = op === 'below' || op === 'max' || op === 'within';
    fc.assert(
      fc.property(value, value, value, requests, minRequests, (observed, t1, t2, n, min) => {
        const [tight, loose] = t1 <= t2 === loosensUpward ? [t1, t2] : [t2, t1];
        const stats = makeStats({ revenueImpact: observed, requests: n });
        const atTight = gateVerdict(
          { metric: 'revenueImpact', op, threshold: tight, minRequests: min },
          stats,
        );
        const atLoose = gateVerdict(
          { metric: 'revenueImpact', op, threshold: loose, minRequests: min },
          stats,
        );
        if (atTight === 'pass') expect(atLoose).toBe('pass');
        if (atLoose === 'fail') expect(atTight).toBe('fail');
        expect(atTight === 'inconclusive').toBe(atLoose === 'inconclusive');
      }),
    );
  });
});

describe('evaluateGateValue: a value measured elsewhere (replay, a production query)', () => {
  const P99_BELOW_200: Condition = { metric: 'p99LatencyMs', op: 'below', threshold: 200 };

  it('gives the same verdict and reason as the window', () => {
    const stats = makeStats({ requests: 96, latencyBoundsMs: [45, 46], latencyCounts: [0, 96, 0] });
    const fromWindow = evaluateGate(P99_BELOW_200, stats, CANARY);
    expect(evaluateGateValue(P99_BELOW_200, fromWindow.observed, 96, CANARY)).toEqual(fromWindow);
  });

  it.each([
    ['null', null],
    ['NaN', Number.NaN],
  ])('reads %s as no value → inconclusive', (_label, measured) => {
    expect(evaluateGateValue(P99_BELOW_200, measured, 96, CANARY)).toEqual({
      metric: 'p99LatencyMs',
      op: 'below',
      threshold: 200,
      observed: null,
      verdict: 'inconclusive',
      reason: 'p99LatencyMs: no latency samples in window (canary, 15m checkpoint) → inconclusive',
    });
  });
});
