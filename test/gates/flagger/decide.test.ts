import { describe, expect, it } from 'vitest';
import { flagger } from '../../../src/gates/index.js';

type Tick = flagger.CanaryTick;
const ticks = (n: number, tick: Tick = {}): Tick[] => Array.from({ length: n }, () => tick);
const SR = 'request-success-rate';
const LAT = 'request-duration';
const builtins: flagger.FlaggerMetric[] = [
  { name: SR, interval: '1m', thresholdRange: { min: 99 } },
  { name: LAT, interval: '30s', thresholdRange: { max: 500 } },
];
const healthy: Tick = { metrics: { [SR]: 99.9, [LAT]: 120 } };
const erroring: Tick = { metrics: { [SR]: 95, [LAT]: 120 } };

/** Runs advanceCanary tick by tick from the initial state and returns each check's phase and weight. */
function walk(analysis: flagger.FlaggerAnalysis, sequence: Tick[], from = flagger.initialCanaryState()) {
  let state = from;
  return sequence.map((tick) => {
    state = flagger.advanceCanary(analysis, state, tick).state;
    return `${state.phase} ${state.canaryWeight}`;
  });
}

describe('advanceCanary: pkg/controller/scheduler_deployment_test.go sequences', () => {
  it('TestScheduler_DeploymentAnalysisPhases: stepWeight 100 goes progressing, promoting, finalising, succeeded', () => {
    expect(walk({ interval: '1m', stepWeight: 100 }, ticks(4))).toEqual([
      'Progressing 100',
      'Promoting 100',
      'Finalising 0',
      'Succeeded 0',
    ]);
  });

  it('TestScheduler_DeploymentBlueGreenAnalysisPhases: iterations 1', () => {
    expect(walk({ interval: '1m', iterations: 1 }, ticks(5))).toEqual([
      'Progressing 0',
      'Progressing 100',
      'Promoting 100',
      'Finalising 0',
      'Succeeded 0',
    ]);
  });

  it('TestScheduler_DeploymentNewRevisionReset: the first advance routes 90/10', () => {
    const state = flagger.advanceCanary(
      { threshold: 10, maxWeight: 50, stepWeight: 10 },
      flagger.initialCanaryState(),
      {},
    ).state;
    expect(state).toMatchObject({ primaryWeight: 90, canaryWeight: 10, phase: 'Progressing' });
  });

  it('TestScheduler_DeploymentPromotion: from 60/40, advance to 50, promote, finalise at 100/0, succeed', () => {
    const from: flagger.CanaryState = {
      ...flagger.initialCanaryState(),
      primaryWeight: 60,
      canaryWeight: 40,
    };
    expect(walk({ threshold: 10, maxWeight: 50, stepWeight: 10 }, ticks(4), from)).toEqual([
      'Progressing 50',
      'Promoting 50',
      'Finalising 0',
      'Succeeded 0',
    ]);
  });

  it('TestScheduler_DeploymentRollback: failed checks at the threshold roll back at the next check', () => {
    const from: flagger.CanaryState = {
      ...flagger.initialCanaryState(),
      canaryWeight: 10,
      primaryWeight: 90,
      failedChecks: 10,
    };
    const step = flagger.advanceCanary({ threshold: 10, maxWeight: 50, stepWeight: 10 }, from, {});
    expect(step.state).toMatchObject({ phase: 'Failed', canaryWeight: 0, primaryWeight: 100 });
    expect(step.reason).toBe('rolling back: failed checks threshold reached (10 ≥ 10)');
  });

  it('TestScheduler_DeploymentABTesting: all traffic to the canary, then promotion after the iterations', () => {
    const analysis = { interval: '1m', iterations: 10, threshold: 2, match: true };
    const first = flagger.advanceCanary(analysis, flagger.initialCanaryState(), {}).state;
    expect(first).toMatchObject({ primaryWeight: 0, canaryWeight: 100, iterations: 1 });
    expect(walk(analysis, ticks(3), { ...first, iterations: 10 })).toEqual([
      'Promoting 100',
      'Finalising 0',
      'Succeeded 0',
    ]);
  });
});

describe('decide: documented rules (docs/gitbook/usage/deployment-strategies.md)', () => {
  it('maxWeight 50, stepWeight 20: steps 20, 40, 60 (overshoot), then promotion', () => {
    const decision = flagger.decide({ interval: '1m', maxWeight: 50, stepWeight: 20 }, ticks(10, healthy));
    expect(decision.checks.map((c) => c.state.canaryWeight)).toEqual([20, 40, 60, 60]);
    expect(decision).toMatchObject({ action: 'promote', phase: 'Promoting', weight: 60, failedChecks: 0 });
  });

  it('stepWeights [1, 2, 10, 80]: those weights, then promotion', () => {
    const decision = flagger.decide({ stepWeights: [1, 2, 10, 80] }, ticks(10, healthy));
    expect(decision.checks.map((c) => c.state.canaryWeight)).toEqual([1, 2, 10, 80, 80]);
    expect(decision.action).toBe('promote');
  });

  it('interval 1m, maxWeight 50, stepWeight 2: 25 analysed checks (interval × maxWeight / stepWeight), promoted at 26 min', () => {
    const analysis = { interval: '1m', threshold: 10, maxWeight: 50, stepWeight: 2, metrics: builtins };
    const decision = flagger.decide(analysis, ticks(40, healthy));
    expect(decision.action).toBe('promote');
    expect(decision.checks).toHaveLength(26);
    expect(decision.checks.at(-1)!.atMs).toBe(26 * 60_000);
    expect(decision.checks.filter((c) => c.reason.startsWith('advance')).length).toBe(25);
  });

  it('A/B testing: interval × iterations before promotion, maxWeight and stepWeight ignored', () => {
    const decision = flagger.decide(
      { interval: '1m', iterations: 10, threshold: 2, match: true, maxWeight: 50, stepWeight: 5 },
      ticks(20, healthy),
    );
    expect(decision.checks.map((c) => c.state.canaryWeight)).toEqual([...Array(10).fill(100), 100]);
    expect(decision.checks.at(-1)).toMatchObject({
      atMs: 11 * 60_000,
      state: { phase: 'Promoting', iterations: 10 },
    });
  });
});

describe('decide: threshold', () => {
  const analysis: flagger.FlaggerAnalysis = {
    interval: '1m',
    threshold: 3,
    maxWeight: 50,
    stepWeight: 10,
    metrics: builtins,
  };

  it('failed checks add up and a passing check never resets them; the rollback comes one interval after the third', () => {
    const sequence = [{}, erroring, healthy, erroring, healthy, erroring, healthy, healthy];
    const decision = flagger.decide(analysis, sequence);
    expect(decision.checks.map((c) => `${c.state.failedChecks}/${c.state.canaryWeight}`)).toEqual([
      '0/10',
      '1/10',
      '1/20',
      '2/20',
      '2/30',
      '3/30',
      '3/0',
    ]);
    expect(decision).toMatchObject({ action: 'rollback', phase: 'Failed', weight: 0, failedChecks: 3 });
  });

  it('at most one failed check per interval, whatever fails', () => {
    const both: Tick = { metrics: { [SR]: 90, [LAT]: 900 } };
    const step = flagger.advanceCanary(
      analysis,
      { ...flagger.initialCanaryState(), canaryWeight: 10, primaryWeight: 90 },
      both,
    );
    expect(step.state.failedChecks).toBe(1);
    expect(step.reason).toBe('halt advancement: request-success-rate 90 < 99 (failed checks 1 of 3)');
  });

  it('"no values found" is a failed check; the first check runs no metrics', () => {
    const decision = flagger.decide(analysis, [{}, {}, {}, {}, {}]);
    expect(decision.checks.map((c) => c.reason)).toEqual([
      'advance canary weight 10',
      'halt advancement: no values found for request-success-rate (failed checks 1 of 3)',
      'halt advancement: no values found for request-success-rate (failed checks 2 of 3)',
      'halt advancement: no values found for request-success-rate (failed checks 3 of 3)',
      'rolling back: failed checks threshold reached (3 ≥ 3)',
    ]);
  });

  it('threshold 0 means 1: a single failed check rolls back', () => {
    const decision = flagger.decide({ ...analysis, threshold: 0 }, [{}, erroring, healthy]);
    expect(decision.checks.map((c) => c.state.phase)).toEqual(['Progressing', 'Progressing', 'Failed']);
  });

  it('a failed MetricTemplate check counts after the builtins pass', () => {
    const custom = {
      ...analysis,
      metrics: [
        ...builtins,
        {
          name: '404s percentage',
          templateRef: { name: 'not-found-percentage' },
          thresholdRange: { max: 5 },
        },
      ],
    };
    const step = flagger.advanceCanary(
      custom,
      { ...flagger.initialCanaryState(), canaryWeight: 10, primaryWeight: 90 },
      {
        metrics: { [SR]: 99.9, [LAT]: 100, '404s percentage': 7.5 },
      },
    );
    expect(step.reason).toBe('halt advancement: 404s percentage 7.5 > 5 (failed checks 1 of 3)');
  });
});

describe('decide: webhooks', () => {
  const base: flagger.FlaggerAnalysis = { interval: '30s', threshold: 2, maxWeight: 20, stepWeight: 10 };

  it('confirm-promotion is a manual gate: WaitingPromotion until approved, checks go on meanwhile', () => {
    const analysis = {
      ...base,
      metrics: builtins,
      webhooks: [{ name: 'approve', type: 'confirm-promotion' as const }],
    };
    const approved: Tick = { ...healthy, webhooks: { approve: true } };
    const decision = flagger.decide(analysis, [{}, healthy, healthy, erroring, healthy, approved]);
    expect(decision.checks.map((c) => `${c.state.phase} ${c.state.failedChecks}`)).toEqual([
      'Progressing 0',
      'Progressing 0',
      'WaitingPromotion 0',
      'WaitingPromotion 1',
      'WaitingPromotion 1',
      'Promoting 1',
    ]);
    expect(decision.checks[2]!.reason).toBe('waiting for approval: confirm-promotion webhook approve');
  });

  it('failed checks while waiting for promotion still roll back', () => {
    const analysis = {
      ...base,
      metrics: builtins,
      webhooks: [{ name: 'approve', type: 'confirm-promotion' as const }],
    };
    const decision = flagger.decide(analysis, [{}, healthy, healthy, erroring, erroring, healthy]);
    expect(decision).toMatchObject({ action: 'rollback', failedChecks: 2 });
  });

  it('confirm-traffic-increase holds the weight until it opens', () => {
    const analysis = { ...base, webhooks: [{ name: 'more', type: 'confirm-traffic-increase' as const }] };
    const decision = flagger.decide(analysis, [
      {},
      { webhooks: { more: true } },
      {},
      { webhooks: { more: true } },
    ]);
    expect(decision.checks.map((c) => c.state.canaryWeight)).toEqual([0, 10, 10, 20]);
  });

  it('a failing pre-rollout webhook is a failed check and keeps the canary at 0', () => {
    const analysis = { ...base, webhooks: [{ name: 'smoke', type: 'pre-rollout' as const }] };
    const decision = flagger.decide(analysis, [{ webhooks: { smoke: false } }, {}, {}]);
    expect(decision.checks.map((c) => `${c.state.canaryWeight}/${c.state.failedChecks}`)).toEqual([
      '0/1',
      '10/1',
      '20/1',
    ]);
  });

  it('a failing rollout webhook (load test) is a failed check', () => {
    const analysis = { ...base, webhooks: [{ name: 'load-test' }] };
    const decision = flagger.decide(analysis, [
      {},
      { webhooks: { 'load-test': false } },
      { webhooks: { 'load-test': false } },
      {},
    ]);
    expect(decision).toMatchObject({ action: 'rollback', failedChecks: 2 });
  });

  it('a rollback webhook answering 2xx rolls back at once', () => {
    const analysis = { ...base, webhooks: [{ name: 'abort', type: 'rollback' as const }] };
    const decision = flagger.decide(analysis, [{}, { webhooks: { abort: true } }]);
    expect(decision).toMatchObject({ action: 'rollback', failedChecks: 0 });
    expect(decision.checks[1]!.reason).toBe('rolling back: rollback webhook abort invoked');
  });
});

describe('advanceCanary: promotion', () => {
  it('stepWeightPromotion moves traffic back to the primary in steps', () => {
    const promoting: flagger.CanaryState = {
      phase: 'Promoting',
      primaryWeight: 40,
      canaryWeight: 60,
      failedChecks: 0,
      iterations: 0,
    };
    expect(walk({ stepWeight: 20, maxWeight: 60, stepWeightPromotion: 25 }, ticks(4), promoting)).toEqual([
      'Promoting 35',
      'Promoting 10',
      'Finalising 0',
      'Succeeded 0',
    ]);
  });

  it('a finished analysis does not change', () => {
    const done: flagger.CanaryState = {
      phase: 'Failed',
      primaryWeight: 100,
      canaryWeight: 0,
      failedChecks: 2,
      iterations: 0,
    };
    expect(flagger.advanceCanary({ stepWeight: 10 }, done, healthy)).toEqual({
      state: done,
      reason: 'analysis failed',
    });
  });
});
