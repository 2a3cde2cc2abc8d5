import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkArgoManifests } from '../../src/manifests/checkArgoManifests.js';
import { checkFlaggerManifests } from '../../src/manifests/checkFlaggerManifests.js';
import { parseManifests } from '../../src/manifests/parseManifests.js';

const FIXTURES = 'test/fixtures/controllers';

/** The multiple-templates example with two steps: as given, its canary has none. */
const WITH_STEPS = 'multiple-templates-with-steps.yaml';
const WITH_STEPS_TEXT = readFileSync(`${FIXTURES}/argo-multiple-templates.yaml`, 'utf8').replace(
  '    canary:\n',
  '    canary:\n      steps: [{ setWeight: 50 }, { pause: { duration: 10m } }]\n',
);

function check(kind: 'argo' | 'flagger', file: string) {
  const text = file === WITH_STEPS ? WITH_STEPS_TEXT : readFileSync(file, 'utf8');
  const parsed = parseManifests(text, file);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return kind === 'argo'
    ? checkArgoManifests(parsed.documents, [file])
    : checkFlaggerManifests(parsed.documents, [file]);
}

describe('the documentation examples import', () => {
  it.each([
    [
      'argo',
      'argo-background-analysis',
      'Rollout guestbook: 8 steps, setWeight 20 → 40 → 60 → 80, background analysis success-rate from step 2',
    ],
    ['argo', 'argo-inline-analysis', 'Rollout guestbook: 3 steps, setWeight 20'],
    [
      'flagger',
      'flagger-canary-builtin',
      'Canary podinfo: every 1m, stepWeight 10 to maxWeight 50, threshold 5',
    ],
    [
      'flagger',
      'flagger-metric-template',
      'Canary podinfo: every 1m, stepWeight 10 to maxWeight 50, threshold 5',
    ],
  ] as const)('%s %s', (kind, name, summary) => {
    const result = check(kind, `${FIXTURES}/${name}.yaml`);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.manifests.summary).toBe(summary);
      expect(result.manifests.warnings).toEqual([]);
    }
  });

  it('a canary without steps is refused, as the scenario loader refuses it: Argo promotes it at once', () => {
    const file = `${FIXTURES}/argo-multiple-templates.yaml`;
    const result = check('argo', file);
    expect(result.ok === false && result.problems).toEqual([
      {
        file,
        line: 11,
        column: 5,
        path: 'spec.strategy.canary.steps',
        expected:
          'at least one setWeight step (a canary without steps is promoted at once: there is nothing to rehearse)',
        found: 'nothing',
      },
    ]);
  });

  it('reads the success-rate query (with {{args.service-name}} filled in) as the complement of errorRate', () => {
    const result = check('argo', WITH_STEPS);
    if (!result.ok) throw new Error('not ok');
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
});

describe('warnings, not problems', () => {
  it('a Service beside the Rollout, an unreferenced template and a setCanaryScale step are skipped and said', () => {
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
      '        - setCanaryScale: { replicas: 1 }',
      '        - setWeight: 50',
      '---',
      'apiVersion: argoproj.io/v1alpha1',
      'kind: AnalysisTemplate',
      'metadata: { name: unused }',
      'spec:',
      '  metrics:',
      '    - name: m',
      '      provider: { job: {} }',
      '',
    ].join('\n');
    const parsed = parseManifests(text, 'all.yaml');
    if (!parsed.ok) throw new Error('not parsed');
    const result = checkArgoManifests(parsed.documents, ['all.yaml']);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.manifests.warnings.map((w) => [w.line, w.path, w.found])).toEqual([
      [2, 'kind', 'Service (v1): ignored'],
      [
        12,
        'spec.strategy.canary.steps[0].setCanaryScale',
        'setCanaryScale, which the rehearsal does not model: skipped',
      ],
      [17, 'metadata.name', 'unused: not referenced, ignored'],
    ]);
    expect(result.manifests.documents).toHaveLength(1);
  });
});
