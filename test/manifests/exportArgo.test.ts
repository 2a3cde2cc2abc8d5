import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateMeasurement } from '../../src/gates/argo/evaluateMeasurement.js';
import { evaluateGateValue } from '../../src/gates/evaluateGate.js';
import type { Operator } from '../../src/gates/operators.js';
import { recognizeQuery } from '../../src/gates/promql/recognizeQuery.js';
import { exportArgo, gateConditions } from '../../src/manifests/exportArgo.js';
import { exportQuery } from '../../src/manifests/exportQueries.js';
import { importManifests } from '../../src/manifests/importManifests.js';
import { keptController } from '../../src/manifests/keptController.js';
import { manifestText } from '../../src/manifests/manifestText.js';
import { parseScenario } from '../../src/scenario/parseScenario.js';

const VERDICT_OF_PHASE = { Successful: 'pass', Failed: 'fail', Inconclusive: 'inconclusive' } as const;

describe('gates as Argo conditions', () => {
  // Each operator at, just below and just above its threshold, and NaN (a window with no requests).
  const rows: Array<[Operator, number, number]> = [];
  for (const op of ['below', 'above', 'max', 'min', 'within'] as const) {
    for (const threshold of [0.01, 0.25]) {
      for (const value of [threshold - 0.001, threshold, threshold + 0.001, -threshold, 0, Number.NaN]) {
        rows.push([op, threshold, value]);
      }
    }
  }
  it.each(rows)('%s %d on %d: the measurement phase is the gate verdict', (op, threshold, value) => {
    const { success, failure } = gateConditions({ [op]: threshold }, 1);
    const argo = evaluateMeasurement({ successCondition: success, failureCondition: failure }, [value]);
    const native = evaluateGateValue({ metric: 'errorRate', op, threshold }, value, 100, {
      phase: 'p',
      label: 'c',
    });
    expect(VERDICT_OF_PHASE[argo.phase as keyof typeof VERDICT_OF_PHASE]).toBe(native.verdict);
  });

  it('a latency threshold in ms becomes seconds, for a query over a _seconds histogram', () => {
    expect(gateConditions({ below: 200 }, 1000)).toEqual({
      success: 'result[0] < 0.2',
      failure: 'result[0] >= 0.2',
    });
    expect(gateConditions({ min: 0.99, max: 1 }, 1)).toEqual({
      success: 'result[0] <= 1 && result[0] >= 0.99',
      failure: 'result[0] > 1 || result[0] < 0.99',
    });
  });

  it.each(['errorRate', 'p50LatencyMs', 'p95LatencyMs', 'p99LatencyMs'] as const)(
    'the query written for %s is read back as that metric, over the same window',
    (metric) => {
      const written = exportQuery(metric, 5_400_000, 'service="web"')!;
      const read = recognizeQuery('m', written.query, 'q');
      expect(read.ok && read.mapping).toMatchObject({
        metric,
        window: '1h30m',
        windowMs: 5_400_000,
        complement: false,
        scale: metric === 'errorRate' ? 1 : 0.001,
      });
    },
  );
});

describe('exportArgo', () => {
  const text = readFileSync('scenarios/sprint2-rollout.yaml', 'utf8');
  const parsed = parseScenario(text, 'sprint2.yaml');
  if (!parsed.ok) throw new Error('the default scenario does not parse');
  const exported = exportArgo(parsed.scenario);

  it('writes steps for each phase: setWeight, the checkpoints as an inline analysis, manual as pause {}', () => {
    const rollout = exported.documents[0] as {
      spec: { strategy: { canary: { steps: unknown[]; analysis: unknown } } };
    };
    expect(rollout.spec.strategy.canary.steps).toEqual([
      { setWeight: 1 },
      { analysis: { templates: [{ templateName: 'sprint-2-cohort-analyzer-canary' }] } },
      { setWeight: 10 },
      { analysis: { templates: [{ templateName: 'sprint-2-cohort-analyzer-ramp' }] } },
      { pause: {} },
      { setWeight: 100 },
      { analysis: { templates: [{ templateName: 'sprint-2-cohort-analyzer-rollout' }] } },
    ]);
    expect(rollout.spec.strategy.canary.analysis).toEqual({
      templates: [{ templateName: 'sprint-2-cohort-analyzer-guards' }],
    });
  });

  it('one metric per gate and checkpoint, measured once at the checkpoint over the cumulative window', () => {
    const canary = exported.documents.find((d) =>
      (d.metadata as { name: string }).name.endsWith('-canary'),
    ) as {
      spec: {
        metrics: Array<{ name: string; initialDelay: string; provider: { prometheus: { query: string } } }>;
      };
    };
    expect(canary.spec.metrics.map((m) => m.name)).toEqual([
      'canary-errorRate-15m',
      'canary-errorRate-30m',
      'canary-errorRate-1h',
      'canary-errorRate-1h30m',
      'canary-errorRate-2h',
      'canary-p99LatencyMs-15m',
      'canary-p99LatencyMs-30m',
      'canary-p99LatencyMs-1h',
      'canary-p99LatencyMs-1h30m',
      'canary-p99LatencyMs-2h',
    ]);
    const third = canary.spec.metrics[2]!;
    expect(third.initialDelay).toBe('1h');
    expect(third.provider.prometheus.query).toContain('[1h]');
  });

  it('says what Argo cannot express, each at its field in the scenario', () => {
    expect(exported.warnings.map((w) => `${w.path.join('.')}: ${w.found}`)).toEqual([
      'phases.0.gates.availability: availability: not exported',
      'phases.0.gates.revenueImpact: revenueImpact: not exported',
      'phases.1.gates.availability: availability: not exported',
      'phases.1.gates.segmentVariance: segmentVariance: not exported',
      'phases.1.gates.incidents: incidents: not exported',
      'phases.2.gates.availability: availability: not exported',
    ]);
  });

  it('the manifests it writes import again, every query read as the gate it came from', () => {
    const text = manifestText(exported.documents, ['exported']);
    const imported = importManifests([{ file: 'rollout.yaml', text }], 'argo', keptController(undefined));
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    expect(imported.manifests.warnings).toEqual([]);
    for (const metric of imported.manifests.metrics) {
      const gate = metric.name.replace(/^(guard|canary|ramp|rollout)-/, '').replace(/-[0-9hms]+$/, '');
      expect(metric.mapping?.metric, metric.name).toBe(gate);
    }
    expect(imported.manifests.metrics).toHaveLength(2 + 10 + 12 + 26);
  });

  it('require: final makes the earlier checkpoints dry-run; since-last-checkpoint shortens the window', () => {
    const scenario = parseScenario(
      text
        .replace('require: every-checkpoint', 'require: final')
        .replace(/(name: canary[\s\S]*?)(gates:)/, '$1window: since-last-checkpoint\n    $2'),
      's.yaml',
    );
    if (!scenario.ok) throw new Error(JSON.stringify(scenario.problems));
    const canary = exportArgo(scenario.scenario).documents.find((d) =>
      (d.metadata as { name: string }).name.endsWith('-canary'),
    ) as {
      spec: {
        metrics: Array<{ name: string; provider: { prometheus: { query: string } } }>;
        dryRun?: unknown;
      };
    };
    expect(canary.spec.dryRun).toEqual(
      ['15m', '30m', '1h', '1h30m']
        .flatMap((at) => [{ metricName: `^canary-errorRate-${at}$` }])
        .concat(['15m', '30m', '1h', '1h30m'].map((at) => ({ metricName: `^canary-p99LatencyMs-${at}$` }))),
    );
    expect(canary.spec.metrics[1]!.provider.prometheus.query).toContain('[15m]');
    expect(canary.spec.metrics[3]!.provider.prometheus.query).toContain('[30m]');
  });
});
