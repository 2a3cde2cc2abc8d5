import { describe, expect, it } from 'vitest';
import { rehearse } from '../../src/engine/index.js';
import { readScenario } from '../../src/io/readScenario.js';

describe('the shipped controller examples (scenarios/controllers/)', () => {
  // The README's run is run 21 of the scenario's risk study (runSeed(20261203, 21)), its first rollback.
  it('checkout-argo.yaml: the Rollout phases, and the README run at seed 8153282377596225 rolled back by its background analysis', async () => {
    const plan = await readScenario('scenarios/controllers/checkout-argo.yaml');
    expect(plan.phases.map((p) => [p.name, p.traffic, p.durationMs])).toEqual([
      ['weight-5', 0.05, 600_000],
      ['weight-20', 0.2, 840_000],
      ['weight-50', 0.5, 1_800_000],
    ]);
    const { outcome } = rehearse(plan, { seed: 8153282377596225 });
    expect(outcome).toMatchObject({ status: 'rolled-back', phase: 'weight-50', offsetMs: 60_000 });
    expect(outcome.cause).toEqual({
      kind: 'controller',
      controller: 'argo',
      name: 'success-rate',
      metric: 'errorRate',
      rule: 'failed (3) > failureLimit (2)',
    });
  });

  it('podinfo-flagger.yaml: one phase per weight of the Canary, and its webhooks drawn from providers', async () => {
    const plan = await readScenario('scenarios/controllers/podinfo-flagger.yaml');
    expect(plan.phases.map((p) => p.name)).toEqual([
      'weight-10',
      'weight-20',
      'weight-30',
      'weight-40',
      'weight-50',
    ]);
    const controller = plan.controller!.plan;
    expect(controller.kind === 'flagger' && controller.webhooks).toEqual([
      { name: 'acceptance-test', type: 'pre-rollout', successProbability: 0.99 },
      { name: 'load-test', type: 'rollout', successProbability: 0.999 },
    ]);
    expect(rehearse(plan, { seed: 20261203 }).outcome.status).toBe('completed');
  });
});
