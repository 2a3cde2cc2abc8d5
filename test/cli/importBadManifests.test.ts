import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCommand } from '../../src/cli/commands/import.js';
import { reportError } from '../../src/cli/reportError.js';
import { tempDir } from '../support/tempDir.js';
import { textSink } from '../support/textSink.js';

/** A valid Rollout (lines 1–13) and AnalysisTemplate (lines 15–27); each row breaks one thing. */
const ARGO = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: web
spec:
  strategy:
    canary:
      steps:
        - setWeight: 20
        - pause: { duration: 10m }
        - analysis:
            templates:
              - templateName: success-rate
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: success-rate
spec:
  metrics:
    - name: success-rate
      interval: 5m
      count: 3
      successCondition: result[0] >= 0.95
      provider:
        prometheus:
          query: sum(rate(http_requests_total{code!~"5.."}[5m])) / sum(rate(http_requests_total[5m]))
`;

/** A valid Canary (lines 1–17) and MetricTemplate (lines 19–26). */
const FLAGGER = `apiVersion: flagger.app/v1beta1
kind: Canary
metadata:
  name: web
spec:
  targetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  analysis:
    interval: 1m
    threshold: 5
    stepWeight: 10
    metrics:
      - name: request-success-rate
        thresholdRange: { min: 99 }
      - name: latency
        templateRef: { name: latency }
        thresholdRange: { max: 0.5 }
    webhooks: [{ name: load-test, type: rollout }]
---
apiVersion: flagger.app/v1beta1
kind: MetricTemplate
metadata:
  name: latency
  namespace: default
spec:
  provider: { type: prometheus }
  query: histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket[{{ interval }}])) by (le))
`;

function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`not in the manifest: ${from}`);
  return text.replace(from, to);
}

const ROWS: Array<[string, 'argo' | 'flagger', string, string]> = [
  [
    'a Flagger Canary given to import argo',
    'argo',
    FLAGGER.slice(0, FLAGGER.indexOf('---')),
    'm.yaml:2:7 kind: expected Rollout, AnalysisTemplate or ClusterAnalysisTemplate (argoproj.io), as `rehearse import argo` reads, found Canary (flagger.app/v1beta1), a Flagger manifest: read it with `rehearse import flagger`',
  ],
  [
    'no Rollout at all',
    'argo',
    ARGO.slice(ARGO.indexOf('---\n') + 4),
    'm.yaml:2:7 kind: expected exactly one Rollout in the manifests, found 0 Rollouts',
  ],
  [
    'missing spec.strategy',
    'argo',
    edit(ARGO, '  strategy:\n    canary:\n      steps:\n', '  steps:\n'),
    'm.yaml:5:1 spec.strategy.canary: expected a canary strategy with steps, found nothing',
  ],
  [
    'a blue-green strategy',
    'argo',
    edit(ARGO, '    canary:\n', '    blueGreen:\n'),
    'm.yaml:6:3 spec.strategy.canary: expected a canary strategy with steps, found blueGreen (not rehearsed)',
  ],
  [
    'a pause with a bad duration',
    'argo',
    edit(ARGO, '{ duration: 10m }', '{ duration: 10 minutes }'),
    'm.yaml:10:30 spec.strategy.canary.steps[1].pause.duration: expected a duration such as 30s, 10m or 1h, or whole seconds, found "10 minutes"',
  ],
  [
    'a weight above 100',
    'argo',
    edit(ARGO, 'setWeight: 20', 'setWeight: 120'),
    'm.yaml:9:22 spec.strategy.canary.steps[0].setWeight: expected a weight in 1..100 (percent), found 120',
  ],
  [
    'a Rollout under apps/v1',
    'argo',
    edit(ARGO, 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout', 'apiVersion: apps/v1\nkind: Rollout'),
    'm.yaml:1:13 apiVersion: expected argoproj.io/v1alpha1 (the API version of a Rollout), found "apps/v1"',
  ],
  [
    'an AnalysisTemplate under another group',
    'argo',
    edit(
      ARGO,
      'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate',
      'apiVersion: flagger.app/v1beta1\nkind: AnalysisTemplate',
    ),
    'm.yaml:15:13 apiVersion: expected argoproj.io/v1alpha1 (the API version of an AnalysisTemplate), found "flagger.app/v1beta1"',
  ],
  [
    'a misspelt step beside a setWeight',
    'argo',
    edit(
      ARGO,
      '        - pause: { duration: 10m }\n',
      '        - pause: { duration: 10m }\n        - setWeigth: 50\n',
    ),
    "m.yaml:11:11 spec.strategy.canary.steps[2].setWeigth: expected a step of Argo Rollouts (setWeight, pause, analysis, setCanaryScale, setHeaderRoute, setMirrorRoute, experiment, plugin), found unknown step 'setWeigth'; did you mean 'setWeight'?",
  ],
  [
    'the only setWeight misspelt',
    'argo',
    edit(ARGO, 'setWeight: 20', 'setWeigth: 20'),
    "m.yaml:9:11 spec.strategy.canary.steps[0].setWeigth: expected a step of Argo Rollouts (setWeight, pause, analysis, setCanaryScale, setHeaderRoute, setMirrorRoute, experiment, plugin), found unknown step 'setWeigth'; did you mean 'setWeight'?",
  ],
  [
    'an unknown step, nothing close',
    'argo',
    edit(
      ARGO,
      '        - pause: { duration: 10m }\n',
      '        - pause: { duration: 10m }\n        - rollback: true\n',
    ),
    "m.yaml:11:11 spec.strategy.canary.steps[2].rollback: expected a step of Argo Rollouts (setWeight, pause, analysis, setCanaryScale, setHeaderRoute, setMirrorRoute, experiment, plugin), found unknown step 'rollback'",
  ],
  [
    'a template referenced but not given',
    'argo',
    edit(ARGO, 'templateName: success-rate', 'templateName: succes-rate'),
    'm.yaml:13:31 spec.strategy.canary.steps[2].analysis.templates[0].templateName: expected the name of an AnalysisTemplate in the manifests (success-rate), found "succes-rate"',
  ],
  [
    'an unknown metric provider',
    'argo',
    edit(ARGO, '        prometheus:\n', '        prometeus:\n'),
    `m.yaml:26:9 spec.metrics[0].provider.prometeus: expected one of Argo's providers: prometheus, datadog, newRelic, wavefront, cloudWatch, graphite, influxdb, skywalking, kayenta, plugin, job, web, found prometeus (did you mean prometheus?)`,
  ],
  [
    'a metric interval that is not a Go duration',
    'argo',
    edit(ARGO, 'interval: 5m', 'interval: 5 min'),
    'm.yaml:22:17 spec.metrics[0].interval: expected a Go duration such as 30s, 5m or 1h30m (units ns, us, ms, s, m, h), found "5 min"',
  ],
  [
    'a failureLimit above count',
    'argo',
    edit(ARGO, 'count: 3', 'count: 3\n      failureLimit: 4'),
    'm.yaml:23:14 spec.metrics[0].count: expected count ≥ failureLimit (4), found 3',
  ],
  [
    'a condition outside the expression subset',
    'argo',
    edit(ARGO, 'result[0] >= 0.95', 'result[0] >== 0.95'),
    'm.yaml:24:25 spec.metrics[0].successCondition: expected an expression of the supported subset, found `=` at position 13',
  ],
  [
    'a YAML syntax error',
    'argo',
    edit(ARGO, '        - setWeight: 20\n', '        - setWeight: 20\n       bad: [\n'),
    'm.yaml:10:1: expected valid YAML, found a syntax error (All mapping items must start at the same column); 2 more after it, not listed, as they may follow from this one',
  ],
  [
    'a duplicate key',
    'argo',
    edit(ARGO, '  name: web\n', '  name: web\n  name: api\n'),
    "m.yaml:5:3 metadata.name: expected unique keys, found a second 'name'",
  ],
  [
    'a document that is not a mapping',
    'argo',
    `${ARGO}---\n- just\n- a list\n`,
    'm.yaml:29:1: expected a Kubernetes object (a mapping with apiVersion, kind, metadata, spec), found a list of 2 items',
  ],
  [
    'a Rollout given to import flagger',
    'flagger',
    ARGO.slice(0, ARGO.indexOf('---')),
    'm.yaml:2:7 kind: expected Canary or MetricTemplate (flagger.app), as `rehearse import flagger` reads, found Rollout (argoproj.io/v1alpha1), an Argo Rollouts manifest: read it with `rehearse import argo`',
  ],
  [
    'a Canary without an analysis',
    'flagger',
    edit(FLAGGER, '  analysis:\n', '  other:\n'),
    'm.yaml:5:1 spec.analysis: expected an analysis { interval, threshold, stepWeight, metrics, ... }, found nothing',
  ],
  [
    'the analysis under its v1alpha3 name',
    'flagger',
    edit(FLAGGER, '  analysis:\n', '  canaryAnalysis:\n'),
    'm.yaml:7:3 spec.canaryAnalysis: expected analysis (flagger.app/v1beta1 renamed canaryAnalysis to analysis: rename the field), found canaryAnalysis',
  ],
  [
    'a Canary under another API version',
    'flagger',
    edit(
      FLAGGER,
      'apiVersion: flagger.app/v1beta1\nkind: Canary',
      'apiVersion: flagger.app/v1alpha3\nkind: Canary',
    ),
    'm.yaml:1:13 apiVersion: expected flagger.app/v1beta1 (the API version of a Canary), found "flagger.app/v1alpha3"',
  ],
  [
    'a MetricTemplate without an API version',
    'flagger',
    edit(FLAGGER, 'apiVersion: flagger.app/v1beta1\nkind: MetricTemplate', 'kind: MetricTemplate'),
    'm.yaml:19:1 apiVersion: expected flagger.app/v1beta1 (the API version of a MetricTemplate), found nothing',
  ],
  [
    'a mapped metric whose MetricTemplate provider is misspelt',
    'flagger',
    edit(
      edit(FLAGGER, 'type: prometheus', 'type: promethus'),
      'query: histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket[{{ interval }}])) by (le))',
      'query: my_latency',
    ),
    `m.yaml:25:21 spec.provider.type: expected one of Flagger's providers: prometheus, datadog, cloudwatch, newrelic, graphite, stackdriver, influxdb, dynatrace, keptn, splunk, found "promethus" (did you mean prometheus?)`,
  ],
  [
    'a Flagger interval that is not a Go duration',
    'flagger',
    edit(FLAGGER, 'interval: 1m', 'interval: 1 minute'),
    'm.yaml:8:15 spec.analysis.interval: expected a Go duration such as 30s, 5m or 1h30m (units ns, us, ms, s, m, h), found "1 minute"',
  ],
  [
    'a MetricTemplate referenced but not given',
    'flagger',
    edit(FLAGGER, 'templateRef: { name: latency }', 'templateRef: { name: p99 }'),
    'm.yaml:15:30 spec.analysis.metrics[1].templateRef.name: expected the name of a MetricTemplate in the manifests (latency), found "p99"',
  ],
  [
    'an unknown MetricTemplate provider',
    'flagger',
    edit(FLAGGER, 'type: prometheus', 'type: promethus'),
    `m.yaml:25:21 spec.provider.type: expected one of Flagger's providers: prometheus, datadog, cloudwatch, newrelic, graphite, stackdriver, influxdb, dynatrace, keptn, splunk, found "promethus" (did you mean prometheus?)`,
  ],
  [
    'an unknown webhook type',
    'flagger',
    edit(FLAGGER, 'type: rollout', 'type: rolout'),
    'm.yaml:17:41 spec.analysis.webhooks[0].type: expected a webhook type (pre-rollout, rollout, confirm-rollout, confirm-traffic-increase, confirm-promotion, post-rollout, rollback, event), found "rolout"',
  ],
  [
    'stepWeights that do not increase',
    'flagger',
    edit(FLAGGER, 'stepWeight: 10', 'stepWeights: [10, 5]'),
    'm.yaml:10:23 spec.analysis.stepWeights[1]: expected a whole weight above 10 and at most 100, found 5',
  ],
];

/** Imports `files` in `dir`, which must fail as bad input (exit code 2): what the CLI prints on stderr. */
async function failedImport(dir: string, controller: string, files: string[]): Promise<string> {
  const error = await importCommand(
    controller,
    files,
    {},
    { stdout: textSink(), stderr: textSink(), cwd: dir },
  ).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  const stderr = textSink();
  expect(reportError(error, stderr)).toBe(2);
  return stderr.text;
}

describe('bad manifests are bad input', () => {
  it.each(ROWS)(
    '%s: exit 2, the file:line and field, nothing written',
    async (_, controller, text, message) => {
      const dir = tempDir();
      writeFileSync(join(dir, 'm.yaml'), text);
      const stderr = await failedImport(dir, controller, ['m.yaml']);
      const count = message.split('\n').length;
      expect(stderr).toBe(
        `error: ${message}\n${count} problem${count === 1 ? '' : 's'}; nothing was written.\n`,
      );
      expect(readdirSync(dir)).toEqual(['m.yaml']);
    },
  );

  it('every problem of every file at once, in one run', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'r.yaml'),
      edit(ARGO.slice(0, ARGO.indexOf('---')), '{ duration: 10m }', '{ duration: 10 minutes }'),
    );
    writeFileSync(
      join(dir, 't.yaml'),
      edit(ARGO.slice(ARGO.indexOf('---') + 4), 'interval: 5m', 'interval: 5 min'),
    );
    const stderr = await failedImport(dir, 'argo', ['r.yaml', 't.yaml']);
    expect(stderr).toMatch(
      /^error: r\.yaml:10:30 spec\.strategy\.canary\.steps\[1\]\.pause\.duration: .*\nerror: t\.yaml:8:17 spec\.metrics\[0\]\.interval: .*\n2 problems; nothing was written\.\n$/,
    );
  });
});
