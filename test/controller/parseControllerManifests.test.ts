import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseControllerManifests } from '../../src/controller/index.js';
import type { MetricName } from '../../src/gates/metrics.js';
import { formatProblem } from '../../src/scenario/problems.js';

const dir = join(import.meta.dirname, '../fixtures/controllers');
const fixture = (file: string) => ({ file, text: readFileSync(join(dir, file), 'utf8') });

function ok(result: ReturnType<typeof parseControllerManifests>) {
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.manifests;
}

function problems(result: ReturnType<typeof parseControllerManifests>): string[] {
  if (result.ok) throw new Error('expected problems');
  return result.problems.map(formatProblem);
}

describe('parseControllerManifests: phases derived from the fixtures', () => {
  it.each([
    [
      'argo-background-analysis.yaml',
      'argo',
      [
        ['weight-20', 0.2, 600_000],
        ['weight-40', 0.4, 600_000],
        ['weight-60', 0.6, 600_000],
        ['weight-80', 0.8, 600_000],
      ],
    ],
    ['argo-inline-analysis.yaml', 'argo', [['weight-20', 0.2, 300_000]]],
    [
      'flagger-canary-builtin.yaml',
      'flagger',
      [10, 20, 30, 40, 50].map((w) => [`weight-${w}`, w / 100, 60_000]),
    ],
  ] as const)('%s', (file, kind, expected) => {
    const manifests = ok(parseControllerManifests([fixture(file)], { kind }));
    expect(manifests.phases.map((p) => [p.name, p.traffic, p.durationMs])).toEqual(expected);
  });

  it('Argo: background analysis starts at the phase of startingStep; arguments are resolved into the query', () => {
    const { plan } = ok(
      parseControllerManifests([fixture('argo-background-analysis.yaml')], { kind: 'argo' }),
    );
    if (plan.kind !== 'argo') throw new Error('argo plan expected');
    expect(plan.background?.phaseIndex).toBe(1);
    const metric = plan.background!.analysis.metrics[0]!;
    expect(metric.metric).toMatchObject({ name: 'success-rate', interval: '5m', failureLimit: 3 });
    expect(metric.source).toMatchObject({
      kind: 'query',
      metric: 'errorRate',
      complement: true,
      scale: 1,
      windowMs: 300_000,
    });
  });

  it('Argo: an inline analysis step is a step of its phase, with its template', () => {
    const { plan } = ok(parseControllerManifests([fixture('argo-inline-analysis.yaml')], { kind: 'argo' }));
    if (plan.kind !== 'argo') throw new Error('argo plan expected');
    expect(plan.phaseSteps[0]!.map((step) => [step.kind, step.step])).toEqual([
      ['pause', 1],
      ['analysis', 2],
    ]);
  });

  it('Flagger: builtin metrics map to the modelled success rate (percent) and P99 (ms); ignored fields warn with file:line', () => {
    const manifests = ok(
      parseControllerManifests([fixture('flagger-canary-builtin.yaml')], { kind: 'flagger' }),
    );
    if (manifests.plan.kind !== 'flagger') throw new Error('flagger plan expected');
    expect(manifests.plan.metrics.map((m) => [m.name, m.source])).toMatchObject([
      ['request-success-rate', { metric: 'errorRate', scale: 100, complement: true, windowMs: 60_000 }],
      ['request-duration', { metric: 'p99LatencyMs', scale: 1, complement: false, windowMs: 30_000 }],
    ]);
    expect(manifests.warnings).toEqual([
      'flagger-canary-builtin.yaml:16 spec.progressDeadlineSeconds: ignored: pod readiness is not modelled',
    ]);
  });

  it('Flagger: an unrecognised MetricTemplate query names the metric and asks for a mapping; the mapping makes it valid', () => {
    const bad = problems(
      parseControllerManifests([fixture('flagger-metric-template.yaml')], { kind: 'flagger' }),
    );
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatch(
      /^flagger-metric-template\.yaml:53:9 spec\.analysis\.metrics\[0\]: expected .*found metric "404s percentage"/,
    );
    const mapped = ok(
      parseControllerManifests([fixture('flagger-metric-template.yaml')], {
        kind: 'flagger',
        metrics: { '404s percentage': 'errorRate' },
      }),
    );
    expect(mapped.plan.kind === 'flagger' && mapped.plan.metrics[0]!.source).toMatchObject({
      metric: 'errorRate',
      scale: 1,
    });
  });
});

const ROLLOUT = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: shop
spec:
  strategy:
    canary:
      steps:
        - setWeight: 20
        - pause: { duration: 10m }
        - analysis:
            templates:
              - templateName: error-rate
`;
const TEMPLATE = `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: error-rate
spec:
  metrics:
    - name: errors
      interval: 1m
      count: 3
      failureLimit: 1
      successCondition: result[0] < 0.01
      provider:
        prometheus:
          query: sum(rate(http_requests_total{code=~"5.."}[1m])) / sum(rate(http_requests_total[1m]))
`;

/** A Rollout and an AnalysisTemplate in two files, read for Argo. */
function parseArgo(rollout: string, template: string, metrics?: Record<string, MetricName>) {
  return parseControllerManifests(
    [
      { file: 'rollout.yaml', text: rollout },
      { file: 'analysis.yaml', text: template },
    ],
    metrics === undefined ? { kind: 'argo' } : { kind: 'argo', metrics },
  );
}

describe('parseControllerManifests: bad manifests, each problem with file:line, field, expected and found', () => {
  it('a valid pair of files reads, several documents or not', () => {
    const manifests = ok(parseArgo(ROLLOUT, TEMPLATE));
    // 10m pause + the inline analysis's nominal 2m (3 measurements a minute apart).
    expect(manifests.phases.map((p) => [p.name, p.durationMs])).toEqual([['weight-20', 720_000]]);
    const joined = ok(
      parseControllerManifests([{ file: 'all.yaml', text: `${ROLLOUT}---\n${TEMPLATE}` }], { kind: 'argo' }),
    );
    expect(joined.phases).toEqual(manifests.phases);
  });

  it.each([
    [
      'a template that does not exist',
      ROLLOUT.replace('templateName: error-rate', 'templateName: errors'),
      TEMPLATE,
      'rollout.yaml:13:31 spec.strategy.canary.steps[2].analysis.templates[0].templateName: expected the name of an AnalysisTemplate in the manifests (error-rate), found "errors"',
    ],
    [
      'a condition outside the subset',
      ROLLOUT,
      TEMPLATE.replace('result[0] < 0.01', 'result[0] in [1, 2]'),
      /^analysis\.yaml:11:25 spec\.metrics\[0\]\.successCondition: expected /,
    ],
    [
      'count below failureLimit',
      ROLLOUT,
      TEMPLATE.replace('count: 3', 'count: 1').replace('failureLimit: 1', 'failureLimit: 2'),
      /^analysis\.yaml:9:14 spec\.metrics\[0\]\.count: expected count ≥ failureLimit \(2\)/,
    ],
    [
      'an unlimited metric in an analysis step',
      ROLLOUT,
      TEMPLATE.replace('      count: 3\n', ''),
      /^rollout\.yaml:11:11 spec\.strategy\.canary\.steps\[2\]\.analysis: expected a count for metric errors/,
    ],
    [
      'a pause that is not a duration',
      ROLLOUT.replace('duration: 10m', 'duration: ten'),
      TEMPLATE,
      'rollout.yaml:10:30 spec.strategy.canary.steps[1].pause.duration: expected a duration such as 30s, 10m or 1h, or whole seconds, found "ten"',
    ],
    [
      'no Rollout',
      TEMPLATE,
      TEMPLATE.replace('name: error-rate', 'name: other'),
      /^rollout\.yaml:2:7 kind: expected exactly one Rollout in the manifests, found 0 Rollouts$/,
    ],
    ['YAML that does not parse', 'kind: [', TEMPLATE, /^rollout\.yaml:1:\d+: expected valid YAML/],
  ])('%s', (_what, rollout, template, expected) => {
    const found = problems(parseArgo(rollout, template));
    if (typeof expected === 'string') expect(found).toContain(expected);
    else expect(found.some((line) => expected.test(line))).toBe(true);
  });

  it('a query of no recognised shape names the metric; a provider mapping is accepted instead', () => {
    const custom = TEMPLATE.replace(/query: .*/, 'query: my_recording_rule:error_ratio');
    const bad = problems(parseArgo(ROLLOUT, custom));
    expect(bad.join('\n')).toMatch(/analysis\.yaml:\d+:\d+ spec\.metrics\[0\]\.provider: .*metric "errors"/);
    const mapped = parseArgo(ROLLOUT, custom, { errors: 'errorRate' });
    expect(mapped.ok).toBe(true);
  });

  it('unsupported fields warn and are ignored', () => {
    const manifests = ok(
      parseControllerManifests(
        [
          {
            file: 'rollout.yaml',
            text: ROLLOUT.replace('      steps:', '      maxSurge: 1\n      steps:').replace(
              '        - setWeight: 20',
              '        - setWeight: 20\n        - setCanaryScale: { replicas: 2 }',
            ),
          },
          { file: 'analysis.yaml', text: TEMPLATE },
        ],
        { kind: 'argo' },
      ),
    );
    expect(manifests.warnings).toEqual([
      'rollout.yaml:8 spec.strategy.canary.maxSurge: ignored: pod scheduling is not modelled',
      'rollout.yaml:11 spec.strategy.canary.steps[1].setCanaryScale: ignored: replica counts do not change the traffic share rehearsed',
    ]);
  });
});

describe('parseControllerManifests: one problem per mistake, nothing said twice', () => {
  const argo = (rollout: string, template = TEMPLATE, metrics = {}) =>
    problems(parseArgo(rollout, template, metrics));
  const STEPS =
    'setWeight, pause, analysis, setCanaryScale, setHeaderRoute, setMirrorRoute, experiment, plugin';

  it.each([
    [
      'a weight above 100 (no "at least one setWeight" besides)',
      ROLLOUT.replace('setWeight: 20', 'setWeight: 120'),
      TEMPLATE,
      {},
      [
        'rollout.yaml:9:22 spec.strategy.canary.steps[0].setWeight: expected a weight in 1..100 (percent), found 120',
      ],
    ],
    [
      'a misspelt step beside a valid setWeight',
      ROLLOUT.replace('        - pause:', '        - setWeigth: 40\n        - pause:'),
      TEMPLATE,
      {},
      [
        `rollout.yaml:10:11 spec.strategy.canary.steps[1].setWeigth: expected a step of Argo Rollouts (${STEPS}), found unknown step 'setWeigth'; did you mean 'setWeight'?`,
      ],
    ],
    [
      'the only setWeight misspelt',
      ROLLOUT.replace('setWeight: 20', 'setweight: 20'),
      TEMPLATE,
      {},
      [
        `rollout.yaml:9:11 spec.strategy.canary.steps[0].setweight: expected a step of Argo Rollouts (${STEPS}), found unknown step 'setweight'; did you mean 'setWeight'?`,
      ],
    ],
    [
      'a Rollout under apps/v1',
      ROLLOUT.replace('apiVersion: argoproj.io/v1alpha1', 'apiVersion: apps/v1'),
      TEMPLATE,
      {},
      [
        'rollout.yaml:1:13 apiVersion: expected argoproj.io/v1alpha1 (the API version of a Rollout), found "apps/v1"',
      ],
    ],
    [
      'a misspelt provider, the metric mapped in controller.metrics',
      ROLLOUT,
      TEMPLATE.replace('        prometheus:', '        prometeus:'),
      { errors: 'errorRate' },
      [
        "analysis.yaml:13:9 spec.metrics[0].provider.prometeus: expected one of Argo's providers: prometheus, datadog, newRelic, wavefront, cloudWatch, graphite, influxdb, skywalking, kayenta, plugin, job, web, found prometeus (did you mean prometheus?)",
      ],
    ],
    [
      'a misspelt provider, the metric not mapped',
      ROLLOUT,
      TEMPLATE.replace('        prometheus:', '        prometeus:'),
      {},
      [
        "analysis.yaml:13:9 spec.metrics[0].provider.prometeus: expected one of Argo's providers: prometheus, datadog, newRelic, wavefront, cloudWatch, graphite, influxdb, skywalking, kayenta, plugin, job, web, found prometeus (did you mean prometheus?)",
      ],
    ],
  ])('%s', (_what, rollout, template, metrics, expected) => {
    expect(argo(rollout, template, metrics)).toEqual(expected);
  });

  it('the documented skipped steps still only warn', () => {
    const rollout = ROLLOUT.replace(
      '        - pause:',
      '        - setCanaryScale: { replicas: 1 }\n        - experiment: {}\n        - pause:',
    );
    const manifests = ok(parseArgo(rollout, TEMPLATE));
    expect(manifests.warnings).toEqual([
      'rollout.yaml:10 spec.strategy.canary.steps[1].setCanaryScale: ignored: replica counts do not change the traffic share rehearsed',
      'rollout.yaml:11 spec.strategy.canary.steps[2].experiment: ignored: experiments are not rehearsed',
    ]);
  });

  const CANARY = `apiVersion: flagger.app/v1beta1
kind: Canary
metadata:
  name: web
spec:
  analysis:
    interval: 1m
    threshold: 5
    stepWeight: 10
    metrics:
      - name: latency
        templateRef: { name: latency }
        thresholdRange: { max: 0.5 }
---
apiVersion: flagger.app/v1beta1
kind: MetricTemplate
metadata:
  name: latency
spec:
  provider: { type: promethus }
  query: my_latency_seconds
`;
  const flagger = (text: string, metrics = {}) =>
    problems(parseControllerManifests([{ file: 'c.yaml', text }], { kind: 'flagger', metrics }));

  it.each([[{ latency: 'p99LatencyMs' }], [{}]])(
    'a misspelt Flagger provider type is one problem, mapped or not (%j)',
    (metrics) => {
      expect(flagger(CANARY, metrics)).toEqual([
        `c.yaml:20:21 spec.provider.type: expected one of Flagger's providers: prometheus, datadog, cloudwatch, newrelic, graphite, stackdriver, influxdb, dynatrace, keptn, splunk, found "promethus" (did you mean prometheus?)`,
      ]);
    },
  );

  it('Flagger: canaryAnalysis says it was renamed; a non-mapping analysis is one problem', () => {
    const fixed = CANARY.replace('type: promethus', 'type: prometheus');
    expect(flagger(fixed.replace('  analysis:', '  canaryAnalysis:'), { latency: 'p99LatencyMs' })).toEqual([
      'c.yaml:6:3 spec.canaryAnalysis: expected analysis (flagger.app/v1beta1 renamed canaryAnalysis to analysis: rename the field), found canaryAnalysis',
    ]);
    expect(
      flagger(
        'apiVersion: flagger.app/v1beta1\nkind: Canary\nmetadata: { name: web }\nspec:\n  analysis: 5\n',
      ),
    ).toEqual([
      'c.yaml:5:13 spec.analysis: expected an analysis { interval, threshold, stepWeight, metrics, ... }, found 5',
    ]);
  });
});
