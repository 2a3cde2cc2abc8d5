import { describe, expect, it } from 'vitest';
import { rehearse } from '../../src/engine/index.js';
import { buildRisk } from '../../src/risk/buildRisk.js';
import { tallyRuns } from '../../src/risk/tallyRuns.js';
import type { Plan } from '../../src/scenario/plan.js';
import { binomialPmf, controllerPlan } from './controllerPlan.js';

/** Flagger's istio tutorial Canary (docs/gitbook/tutorials/istio-progressive-delivery.md), success rate only. */
function canary(analysis: { threshold: number; extra?: string; metrics?: string }): string {
  return `apiVersion: flagger.app/v1beta1
kind: Canary
metadata: { name: podinfo, namespace: test }
spec:
  targetRef: { apiVersion: apps/v1, kind: Deployment, name: podinfo }
  service: { port: 9898 }
  analysis:
    interval: 1m
    threshold: ${analysis.threshold}
    maxWeight: 50
    stepWeight: 10
${analysis.extra ?? ''}    metrics:
${analysis.metrics ?? '      - name: request-success-rate\n        thresholdRange: { min: 99 }\n        interval: 1m\n'}`;
}

// 20,000 learners at 3 requests an hour: at weight w, the minute a check looks at holds Poisson(w% × 1,000)
// requests; a 0.8% error rate against the 1% limit fails a check often.
const MODEL = { learners: 20_000, requestsPerLearnerHour: 3, errorRate: 0.008 };

function pComplete(plan: Plan, runs: number, seed: number): number {
  const settings = { seed, fidelity: 'aggregate' as const, approve: true };
  const risk = buildRisk({ plan, settings, runs, effectSamples: null }, tallyRuns(plan, settings, 0, runs), {
    tool: { name: 'rollout-rehearsal', version: 'test' },
    scenarioFile: 'flagger.yaml',
  });
  return risk.pComplete.p;
}

/**
 * P(a check at this weight fails): 100 × (1 − errors/n) < 99 on the minute's n requests. A minute with no
 * requests has probability e^−100 or less here, so whether it fails ("no values found") or passes (NaN)
 * does not show; it is counted as failing.
 */
function checkFails(weight: number): number {
  const lambda = (Math.round((weight / 100) * MODEL.learners) * MODEL.requestsPerLearnerHour) / 60;
  let fails = Math.exp(-lambda);
  let poisson = Math.exp(-lambda);
  for (let n = 1; n < lambda + 12 * Math.sqrt(lambda) + 30; n++) {
    poisson *= lambda / n;
    let failGivenN = 0;
    for (let k = 0; k <= n; k++) if (100 * (1 - k / n) < 99) failGivenN += binomialPmf(k, n, MODEL.errorRate);
    fails += poisson * failGivenN;
  }
  return fails;
}

/**
 * P(complete) from first principles: five passing checks (weights 10..50) must come before failed checks
 * reach the threshold; the failures spent at weight j are geometric with P(k) = q_j^k (1 − q_j).
 */
function completion(threshold: number): number {
  let failures = [1];
  for (const weight of [10, 20, 30, 40, 50]) {
    const q = checkFails(weight);
    const next = new Array<number>(threshold).fill(0);
    failures.forEach((pa, a) => {
      for (let b = 0; a + b < threshold; b++) next[a + b]! += pa * q ** b * (1 - q);
    });
    failures = next;
  }
  return failures.reduce((sum, p) => sum + p, 0);
}

describe('Flagger in the engine: the threshold counts failed checks, it does not roll back at the first', () => {
  it.each([
    // test/engine/flaggerCompletion.py 20000 3 0.008 1 10 prints the same two values.
    { threshold: 1, python: 0.140910686, runs: 2500 },
    { threshold: 10, python: 0.996656571, runs: 2500 },
  ])(
    'threshold $threshold: risk completes as often as the closed form says',
    ({ threshold, python, runs }) => {
      const expected = completion(threshold);
      expect(expected).toBeCloseTo(python, 8);
      const plan = controllerPlan('flagger', canary({ threshold }), MODEL);
      const observed = pComplete(plan, runs, 17);
      // A proportion's standard error sqrt(p(1 − p)/R): 0.0070 at p = 0.141, 0.0012 at p = 0.9967.
      expect(Math.abs(observed - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / runs));
    },
  );

  it('failed checks keep the weight and lengthen the phase; the rollback names the metric and the threshold rule', () => {
    // At weight 10 a check's minute holds Poisson(100) requests; at a 20% error rate it passes (at most 1%
    // errors) with probability ~3e-8, so every run fails 3 checks there and rolls back.
    const plan = controllerPlan('flagger', canary({ threshold: 3 }), { ...MODEL, errorRate: 0.2 });
    const { outcome, phases } = rehearse(plan, { seed: 1 });
    // Checks at 1m, 2m and 3m of weight-10 fail; the check at 4m finds 3 failed checks and rolls back.
    expect(phases[0]!.measurements!.map((m) => [m.offsetMs, m.result])).toEqual([
      [60_000, 'failed'],
      [120_000, 'failed'],
      [180_000, 'failed'],
      [240_000, 'failed'],
    ]);
    expect(outcome).toMatchObject({ status: 'rolled-back', phase: 'weight-10', offsetMs: 240_000 });
    expect(outcome.cause).toEqual({
      kind: 'controller',
      controller: 'flagger',
      name: 'request-success-rate',
      metric: 'errorRate',
      rule: 'failed checks threshold reached (3 ≥ 3)',
    });
  });

  it('each passing check moves the canary on: one phase per weight, one interval each, then promotion', () => {
    const plan = controllerPlan('flagger', canary({ threshold: 5 }), { ...MODEL, errorRate: 0 });
    const { outcome, phases } = rehearse(plan, { seed: 1 });
    expect(outcome.status).toBe('completed');
    expect(phases.map((p) => [p.name, p.ranMs])).toEqual(
      [10, 20, 30, 40, 50].map((w) => [`weight-${w}`, 60_000]),
    );
    expect(phases.at(-1)!.decision!.reason).toMatch(/^promoting: canary weight 50 ≥ maxWeight 50/);
  });

  it('a window with no requests is "no values found": a failed check', () => {
    const plan = controllerPlan('flagger', canary({ threshold: 2 }), {
      ...MODEL,
      learners: 10,
      requestsPerLearnerHour: 0.001,
    });
    const { outcome, phases } = rehearse(plan, { seed: 1 });
    expect(phases[0]!.measurements![0]).toMatchObject({
      value: null,
      result: 'failed',
      reason: 'no values found for request-success-rate',
    });
    expect(outcome).toMatchObject({ status: 'rolled-back', phase: 'weight-10' });
  });

  it('confirm-promotion is a manual gate: held for manualPause, or a halt when approval is withheld', () => {
    const extra =
      '    webhooks:\n      - name: approve\n        type: confirm-promotion\n        url: http://gate/\n';
    const plan = controllerPlan(
      'flagger',
      canary({ threshold: 5, extra }),
      { ...MODEL, errorRate: 0 },
      { manualPause: '5m' },
    );
    const approved = rehearse(plan, { seed: 1 });
    expect(approved.outcome.status).toBe('completed');
    // At weight 50 the gate is closed from the 1m check; it opens at the check 5m later.
    expect(approved.phases.at(-1)!.ranMs).toBe(360_000);
    const withheld = rehearse(plan, { seed: 1, approve: false });
    expect(withheld.outcome).toMatchObject({
      status: 'halted',
      phase: 'weight-50',
      offsetMs: 60_000,
      cause: null,
    });
  });

  it('a webhook drawn from controller.providers fails checks like a metric', () => {
    const extra = '    webhooks:\n      - name: load-test\n        url: http://loadtester/\n';
    const plan = controllerPlan(
      'flagger',
      canary({ threshold: 1, extra }),
      { ...MODEL, errorRate: 0 },
      {
        providers: { 'load-test': { successProbability: 0.8 } },
      },
    );
    // With no metric failures, completion needs all five analysis checks' load tests to pass: 0.8^5.
    const expected = 0.8 ** 5;
    const runs = 3000;
    const observed = pComplete(plan, runs, 5);
    expect(Math.abs(observed - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / runs));
  });
});

describe('risk on a controller plan counts each controller metric', () => {
  it('the metric whose failed checks roll back every run decided every rollback; risk.json states it per phase', () => {
    // At weight 10 a check's minute holds Poisson(100) requests; at a 20% error rate it passes (at most 1%
    // errors) with probability ~3e-8, so every run fails 3 checks there and rolls back.
    const plan = controllerPlan('flagger', canary({ threshold: 3 }), { ...MODEL, errorRate: 0.2 });
    const settings = { seed: 2, fidelity: 'aggregate' as const, approve: true };
    const risk = buildRisk(
      { plan, settings, runs: 40, effectSamples: null },
      tallyRuns(plan, settings, 0, 40),
      {
        tool: { name: 'rollout-rehearsal', version: 'test' },
        scenarioFile: 'flagger.yaml',
      },
    );
    expect(risk.pComplete.p).toBe(0);
    const [first, second] = risk.phases;
    expect(first!.controllerMetrics!.map((m) => [m.name, m.pFailed.p, m.pCausedRollback.p])).toEqual([
      ['request-success-rate', 1, 1],
    ]);
    expect(second!.pReach.p).toBe(0);
    expect(risk.runSeeds.examples[0]!.cause).toBe('controller request-success-rate');
  });
});
