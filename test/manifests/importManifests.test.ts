import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importManifests } from '../../src/manifests/importManifests.js';
import { keptController } from '../../src/manifests/keptController.js';

const FIXTURES = 'test/fixtures/controllers';

/** The multiple-templates example with two steps: as given, its canary has none. */
const WITH_STEPS = readFileSync(`${FIXTURES}/argo-multiple-templates.yaml`, 'utf8').replace(
  '    canary:\n',
  '    canary:\n      steps: [{ setWeight: 50 }, { pause: { duration: 10m } }]\n',
);

function check(kind: 'argo' | 'flagger', file: string, text = readFileSync(file, 'utf8')) {
  return importManifests([{ file, text }], kind, keptController(undefined));
}

describe('the documentation examples import', () => {
  it.each([
    [
      'argo',
      'argo-background-analysis',
      'Rollout guestbook: 4 phases (weight-20 → weight-40 → weight-60 → weight-80)',
      [],
    ],
    ['argo', 'argo-inline-analysis', 'Rollout guestbook: 1 phase (weight-20)', []],
    [
      'flagger',
      'flagger-canary-builtin',
      'Canary podinfo: 5 phases (weight-10 → weight-20 → weight-30 → weight-40 → weight-50)',
      [
        `${FIXTURES}/flagger-canary-builtin.yaml:16 spec.progressDeadlineSeconds: ignored: pod readiness is not modelled`,
      ],
    ],
    [
      'flagger',
      'flagger-metric-template',
      'Canary podinfo: 5 phases (weight-10 → weight-20 → weight-30 → weight-40 → weight-50)',
      [],
    ],
  ] as const)('%s %s, checked by the scenario loader', (kind, name, summary, warnings) => {
    const result = check(kind, `${FIXTURES}/${name}.yaml`);
    expect(result.ok && result.manifests.summary).toBe(summary);
    expect(result.ok && result.manifests.warnings).toEqual(warnings);
  });

  it('a canary without steps is refused, as the scenario loader refuses it: Argo promotes it at once', () => {
    const file = `${FIXTURES}/argo-multiple-templates.yaml`;
    expect(check('argo', file)).toEqual({
      ok: false,
      problems: [
        {
          file,
          line: 11,
          column: 5,
          path: 'spec.strategy.canary.steps',
          expected:
            'at least one setWeight step (a canary without steps is promoted at once: there is nothing to rehearse)',
          found: 'nothing',
        },
      ],
    });
  });

  it('reads the success-rate query (with {{args.service-name}} filled in) as the complement of errorRate', () => {
    const result = check('argo', 'm.yaml', WITH_STEPS);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const read = result.manifests.metrics.map((metric) => [
      metric.name,
      metric.mapping?.metric,
      metric.mapping?.complement,
      metric.line,
    ]);
    // The queries start on lines 35 and 58 (`query: |`), one more with the steps.
    expect(read).toEqual([
      ['success-rate', 'errorRate', true, 36],
      ['error-rate', 'errorRate', false, 59],
    ]);
  });

  it('Flagger: builtin checks need no mapping; a 404 ratio is not read and names the metric', () => {
    const builtin = check('flagger', `${FIXTURES}/flagger-canary-builtin.yaml`);
    if (!builtin.ok) throw new Error('not ok');
    expect(builtin.manifests.metrics.map((metric) => [metric.name, metric.source])).toEqual([
      ['request-success-rate', 'builtin'],
      ['request-duration', 'builtin'],
    ]);
    expect(builtin.manifests.webhooks).toEqual([
      { name: 'acceptance-test', type: 'pre-rollout' },
      { name: 'load-test', type: 'rollout' },
    ]);
    const template = check('flagger', `${FIXTURES}/flagger-metric-template.yaml`);
    if (!template.ok) throw new Error('not ok');
    const [metric] = template.manifests.metrics;
    expect(metric).toMatchObject({ name: '404s percentage', source: 'query', line: 13, path: 'spec.query' });
    expect(metric?.unrecognised?.found).toBe(
      'metric "404s percentage": the status matcher response_code!="404" is not the 5xx class (=~ or !~ "5.."); map it to a modelled metric explicitly',
    );
  });

  it("the loader's warnings come through: a Service beside the Rollout, a setCanaryScale step", () => {
    const text = [
      'apiVersion: v1',
      'kind: Service',
      'metadata: { name: web }',
      '---',
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Rollout',
      'metadata: { name: web }',
      'spec:',
      '  strategy:',
      '    canary:',
      '      steps:',
      '        - setWeight: 50',
      '        - setCanaryScale: { replicas: 1 }',
      '',
    ].join('\n');
    const result = check('argo', 'all.yaml', text);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.manifests.warnings).toEqual([
      'all.yaml:2 kind: ignored: a Service is not part of an Argo Rollouts plan',
      'all.yaml:13 spec.strategy.canary.steps[1].setCanaryScale: ignored: replica counts do not change the traffic share rehearsed',
      'all.yaml:12 spec.strategy.canary.steps[0]: approximated: 0s at this weight is rehearsed as 30s (whole monitoring intervals of 30s)',
    ]);
  });
});
