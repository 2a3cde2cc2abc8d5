import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_SUCCESS_PROBABILITY } from '../../src/manifests/importedManifests.js';
import { importManifests } from '../../src/manifests/importManifests.js';
import { importScenarioText } from '../../src/manifests/importScenarioText.js';
import { keptController } from '../../src/manifests/keptController.js';

function imported(kind: 'argo' | 'flagger', text: string, modelText?: string) {
  const kept = keptController(modelText === undefined ? undefined : parse(modelText));
  const checked = importManifests([{ file: 'm.yaml', text }], kind, kept);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return importScenarioText({
    manifests: checked.manifests,
    files: ['m.yaml'],
    manifestPaths: ['m.yaml'],
    kept,
    ...(modelText === undefined ? {} : { modelText }),
  });
}

const ARGO_JOB = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: { name: web }
spec: { strategy: { canary: { steps: [{ setWeight: 50 }, { pause: {} }, { analysis: { templates: [{ templateName: smoke }] } }] } } }
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: { name: smoke }
spec:
  metrics:
    - name: smoke-test
      provider: { job: { spec: { template: { spec: { containers: [] } } } } }
    - name: apdex
      successCondition: result[0] > 0.9
      provider: { datadog: { query: "avg:apdex{service:web}" } }
`;

const FLAGGER_HOOKS = `apiVersion: flagger.app/v1beta1
kind: Canary
metadata: { name: web }
spec:
  targetRef: { name: web }
  analysis:
    interval: 30s
    stepWeights: [5, 50]
    metrics:
      - name: errors
        interval: 2m
        query: sum(rate(requests_total{code=~"5.."}[{{ interval }}])) / sum(rate(requests_total[{{ interval }}])) * 100
        thresholdRange: { max: 1 }
    webhooks:
      - { name: smoke, type: pre-rollout, url: http://hooks/smoke }
      - { name: load, url: http://hooks/load }
`;

describe('importScenarioText', () => {
  it('a job metric gets a success probability to edit; a Datadog query a line to fill in', () => {
    const { text, toFill } = imported('argo', ARGO_JOB);
    const scenario = parse(text);
    expect(scenario.controller.providers).toEqual({
      'smoke-test': { successProbability: DEFAULT_SUCCESS_PROBABILITY },
    });
    expect(scenario.controller.metrics).toEqual({ apdex: null });
    expect(toFill.map((metric) => metric.name)).toEqual(['apdex']);
    expect(text).toContain('    # apdex, in m.yaml: a datadog metric, not read by the rehearsal.\n');
  });

  it("a Flagger inline query is read with {{ interval }} as the metric's interval; webhooks are listed, commented", () => {
    const { text, toFill } = imported('flagger', FLAGGER_HOOKS);
    expect(toFill).toEqual([]);
    expect(text).toContain('  #   errors: errorRate (5xx error ratio of requests_total over 2m, percent)\n');
    expect(text).toContain(
      '  # providers:\n  #   smoke: { successProbability: 0.999 } # pre-rollout webhook\n  #   load: { successProbability: 0.999 } # rollout webhook\n',
    );
    expect(parse(text).controller.providers).toBeUndefined();
  });

  it("--model-from keeps the user's mappings, webhook probabilities and manualPause", () => {
    const model = `name: Web
seed: 7
controller:
  kind: flagger
  manifests: [old.yaml]
  metrics: { errors: p99LatencyMs }
  providers: { load: { successProbability: 0.97 } }
  manualPause: 30m
population: { learners: 10, requestsPerLearnerHour: 1 }
`;
    const scenario = parse(imported('flagger', FLAGGER_HOOKS, model).text);
    expect(scenario).toMatchObject({
      name: 'Web',
      seed: 7,
      population: { learners: 10, requestsPerLearnerHour: 1 },
    });
    expect(scenario.controller).toEqual({
      kind: 'flagger',
      manifests: ['m.yaml'],
      metrics: { errors: 'p99LatencyMs' },
      providers: { load: { successProbability: 0.97 } },
      manualPause: '30m',
    });
  });
});
