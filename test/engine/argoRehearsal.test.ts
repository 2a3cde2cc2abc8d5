import { describe, expect, it } from 'vitest';
import { rehearse } from '../../src/engine/index.js';
import { binomialPmf, controllerPlan } from './controllerPlan.js';

const ERROR_QUERY =
  'sum(rate(http_requests_total{job="shop",code=~"5.."}[5m])) / sum(rate(http_requests_total{job="shop"}[5m]))';

function rollout(steps: string, analysis = ''): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: { name: shop }
spec:
  strategy:
    canary:
${analysis}      steps:
${steps}`;
}

function template(name: string, metric: string): string {
  return `---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: { name: ${name} }
spec:
  metrics:
${metric}`;
}

const INLINE_STEPS = `        - setWeight: 10
        - pause: { duration: 5m }
        - analysis: { templates: [{ templateName: errors }] }
        - setWeight: 50
        - pause: { duration: 5m }
`;

function errorsMetric(conditions: string, extra = ''): string {
  return template(
    'errors',
    `    - name: errors
${conditions}${extra}      provider:
        prometheus: { query: '${ERROR_QUERY}' }
`,
  );
}

function runs(plan: ReturnType<typeof controllerPlan>, count: number, seed = 1) {
  return Array.from({ length: count }, (_, run) => rehearse(plan, { seed, run }));
}

describe('Argo Rollouts in the engine: decisions named by metric and rule', () => {
  it.each([
    {
      title: 'a failed inline measurement aborts: rolled back, cause the metric and failureLimit',
      errorRate: 0.5,
      conditions: '      successCondition: result[0] < 0.05\n',
      status: 'rolled-back',
      rule: 'failed (1) > failureLimit (0)',
      phase: 'weight-10',
    },
    {
      title: 'neither condition holds: Inconclusive pauses the Rollout, the rehearsal halts',
      errorRate: 0.1,
      conditions: '      successCondition: result[0] < 0.05\n      failureCondition: result[0] > 0.5\n',
      status: 'halted',
      rule: 'inconclusive (1) > inconclusiveLimit (0)',
      phase: 'weight-10',
    },
  ])('$title', ({ errorRate, conditions, status, rule, phase }) => {
    const plan = controllerPlan('argo', rollout(INLINE_STEPS) + errorsMetric(conditions), { errorRate });
    const { outcome, phases } = rehearse(plan, { seed: 3 });
    expect(outcome).toMatchObject({ status, phase, offsetMs: 300_000 });
    expect(outcome.cause).toEqual({
      kind: 'controller',
      controller: 'argo',
      name: 'errors',
      metric: 'errorRate',
      rule,
    });
    expect(outcome.reason).toMatch(/^analysis step 2 /);
    expect(phases[0]!.measurements).toHaveLength(1);
    expect(phases[1]!.status).toBe('not-reached');
  });

  it('a passing inline analysis lets the steps go on; the phase lasts its pause, the next its own', () => {
    const plan = controllerPlan(
      'argo',
      rollout(INLINE_STEPS) + errorsMetric('      successCondition: result[0] < 0.05\n'),
      {
        errorRate: 0.001,
      },
    );
    const { outcome, phases } = rehearse(plan, { seed: 3 });
    expect(outcome.status).toBe('completed');
    expect(phases.map((p) => [p.name, p.ranMs, p.traffic])).toEqual([
      ['weight-10', 300_000, 0.1],
      ['weight-50', 300_000, 0.5],
    ]);
    const [measurement] = phases[0]!.measurements!;
    expect(measurement).toMatchObject({ name: 'errors', offsetMs: 300_000, result: 'Successful' });
    // The query value is the error ratio over the trailing 5m: the phase's errors over its requests.
    expect(measurement!.value).toBeCloseTo(phases[0]!.candidate.errors / phases[0]!.candidate.requests, 12);
  });

  it('a dry-run metric is measured but never aborts', () => {
    const metric = errorsMetric('      successCondition: result[0] < 0.05\n').replace(
      'spec:\n',
      'spec:\n  dryRun: [{ metricName: errors }]\n',
    );
    const { outcome, phases } = rehearse(
      controllerPlan('argo', rollout(INLINE_STEPS) + metric, { errorRate: 0.5 }),
      { seed: 3 },
    );
    expect(outcome.status).toBe('completed');
    expect(phases[0]!.measurements![0]!.result).toBe('Failed');
  });

  it('pause {} holds for manualPause, then counts as promoted; withheld approval halts there', () => {
    const steps =
      '        - setWeight: 20\n        - pause: {}\n        - setWeight: 100\n        - pause: { duration: 1m }\n';
    const plan = controllerPlan('argo', rollout(steps), { errorRate: 0.001 }, { manualPause: '20m' });
    const approved = rehearse(plan, { seed: 1 });
    expect(approved.phases.map((p) => p.ranMs)).toEqual([1_200_000, 60_000]);
    const withheld = rehearse(plan, { seed: 1, approve: false });
    expect(withheld.outcome).toMatchObject({
      status: 'halted',
      phase: 'weight-20',
      offsetMs: 0,
      cause: null,
    });
  });

  it('background analysis from startingStep: failures across phases add up to failureLimit, then abort', () => {
    const analysis =
      '      analysis:\n        templates: [{ templateName: errors }]\n        startingStep: 2\n';
    const steps =
      '        - setWeight: 20\n        - pause: { duration: 10m }\n        - setWeight: 40\n        - pause: { duration: 10m }\n        - setWeight: 60\n        - pause: { duration: 10m }\n';
    const metric = errorsMetric(
      '      successCondition: result[0] < 0.05\n',
      '      interval: 5m\n      failureLimit: 3\n',
    );
    const { outcome, phases } = rehearse(
      controllerPlan('argo', rollout(steps, analysis) + metric, { errorRate: 0.5 }),
      {
        seed: 2,
      },
    );
    expect(phases[0]!.measurements).toEqual([]);
    // Measured at 0, 5m and 10m of weight-40, then 5m of weight-60: the fourth failure aborts.
    expect(phases[1]!.measurements!.map((m) => m.offsetMs)).toEqual([0, 300_000, 600_000]);
    expect(outcome).toMatchObject({ status: 'rolled-back', phase: 'weight-60', offsetMs: 300_000 });
    expect(outcome.cause).toMatchObject({ name: 'errors', rule: 'failed (4) > failureLimit (3)' });
  });
});

describe('Argo Rollouts in the engine: completion rates against closed forms', () => {
  it('a job provider measured 9 times with failureLimit 2 completes with P(Binomial(9, 1 − p) ≤ 2)', () => {
    const analysis = '      analysis:\n        templates: [{ templateName: smoke }]\n';
    const steps =
      '        - setWeight: 50\n        - pause: { duration: 20m }\n        - setWeight: 100\n        - pause: { duration: 20m }\n';
    const metric = template(
      'smoke',
      '    - name: smoke\n      interval: 5m\n      failureLimit: 2\n      provider:\n        job: {}\n',
    );
    const plan = controllerPlan(
      'argo',
      rollout(steps, analysis) + metric,
      { errorRate: 0.001 },
      { providers: { smoke: { successProbability: 0.8 } } },
    );
    // Measurements at 0, 5, ..., 40 minutes: 9, each failing with probability 0.2.
    const expected = [0, 1, 2].reduce((sum, k) => sum + binomialPmf(k, 9, 0.2), 0);
    const count = 2000;
    const completed = runs(plan, count, 11).filter((r) => r.outcome.status === 'completed').length / count;
    const se = Math.sqrt((expected * (1 - expected)) / count);
    expect(expected).toBeCloseTo(0.738, 3);
    expect(Math.abs(completed - expected)).toBeLessThan(4 * se);
  });

  it('an inline error-ratio measurement passes with P(errors/requests < 2%) over the 5m window', () => {
    // 10% of 100,000 learners at 0.24 requests an hour: 2,400 an hour, 200 requests expected in 5 minutes.
    const plan = controllerPlan(
      'argo',
      rollout(INLINE_STEPS) + errorsMetric('      successCondition: result[0] < 0.02\n'),
      { errorRate: 0.015, requestsPerLearnerHour: 0.24 },
    );
    const lambda = 200;
    let expected = 0;
    let poisson = Math.exp(-lambda);
    for (let n = 1; n < 600; n++) {
      poisson *= lambda / n;
      let pass = 0;
      for (let k = 0; k / n < 0.02; k++) pass += binomialPmf(k, n, 0.015);
      expected += poisson * pass;
    }
    const count = 2000;
    const completed = runs(plan, count, 5).filter((r) => r.outcome.status === 'completed').length / count;
    const se = Math.sqrt((expected * (1 - expected)) / count);
    expect(expected).toBeGreaterThan(0.6);
    expect(expected).toBeLessThan(0.95);
    expect(Math.abs(completed - expected)).toBeLessThan(4 * se);
  });
});
