import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { argo, flagger, promql } from '../../src/gates/index.js';

const dir = join(import.meta.dirname, '../fixtures/controllers');

interface Manifest {
  kind: string;
  metadata: { name: string };
  spec: Record<string, unknown>;
}

function manifests(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((doc) => doc.toJS() as Manifest);
}

interface TemplateMetric extends argo.ArgoMetric {
  provider: { prometheus: { query: string } };
}

function templateMetrics(file: string): TemplateMetric[] {
  return manifests(file)
    .filter((m) => m.kind === 'AnalysisTemplate')
    .flatMap((m) => m.spec.metrics as TemplateMetric[]);
}

function canaryAnalysis(file: string): flagger.FlaggerAnalysis {
  const canary = manifests(file).find((m) => m.kind === 'Canary')!;
  return canary.spec.analysis as flagger.FlaggerAnalysis;
}

/** Judges each value with the metric's conditions and returns the metric's phase after them. */
function rehearse(metric: argo.ArgoMetric, values: argo.MeasurementValue[]): argo.AnalysisPhase {
  const { judge } = argo.compileMeasurement(metric, 'metric');
  if (judge === null) throw new Error('conditions did not compile');
  return argo.metricPhase(
    metric,
    values.map((value) => judge(value).phase),
  ).phase;
}

describe('Argo fixtures', () => {
  it.each(['argo-background-analysis.yaml', 'argo-inline-analysis.yaml', 'argo-multiple-templates.yaml'])(
    '%s: every metric is valid and its query is recognised',
    (file) => {
      const metrics = templateMetrics(file);
      expect(metrics.length).toBeGreaterThan(0);
      metrics.forEach((metric, i) => {
        expect(argo.validateMetric(metric, `metrics[${i}]`)).toEqual([]);
        const recognised = promql.recognizeQuery(
          metric.name,
          metric.provider.prometheus.query,
          `metrics[${i}]`,
        );
        expect(recognised).toMatchObject({ ok: true, mapping: { metric: 'errorRate', windowMs: 300_000 } });
      });
    },
  );

  it('background analysis: the fourth measurement below 95% fails the run (failureLimit 3) and aborts', () => {
    const [metric] = templateMetrics('argo-background-analysis.yaml');
    const values = [[0.97], [0.93], [0.9], [0.96], [0.91], [0.92]];
    expect(rehearse(metric!, values.slice(0, 5))).toBe('Running');
    const phase = rehearse(metric!, values);
    expect(phase).toBe('Failed');
    expect(argo.rolloutAction(argo.runPhase([{ name: metric!.name, phase }]).phase)).toBe('abort');
  });

  it('inline analysis: one measurement decides the step', () => {
    const [metric] = templateMetrics('argo-inline-analysis.yaml');
    expect(argo.effectiveCount(metric!)).toBe(1);
    expect(rehearse(metric!, [[0.97]])).toBe('Successful');
    expect(rehearse(metric!, [[0.94]])).toBe('Failed');
    expect(rehearse(metric!, [[]])).toBe('Running');
  });

  it('multiple templates: the success and error ratio queries are complements of each other', () => {
    const [success, error] = templateMetrics('argo-multiple-templates.yaml');
    const mapped = [success!, error!].map((m) =>
      promql.recognizeQuery(m.name, m.provider.prometheus.query, 'q'),
    );
    expect(mapped.map((r) => r.ok && r.mapping.complement)).toEqual([true, false]);
  });
});

describe('Flagger fixtures', () => {
  it('builtin metrics: valid, and five analysed checks a minute apart before promotion at 6 minutes', () => {
    const analysis = canaryAnalysis('flagger-canary-builtin.yaml');
    expect(flagger.validateAnalysis(analysis, 'spec.analysis')).toEqual([]);
    const healthy = { metrics: { 'request-success-rate': 99.8, 'request-duration': 180 } };
    const decision = flagger.decide(
      analysis,
      Array.from({ length: 10 }, () => healthy),
    );
    expect(decision).toMatchObject({ action: 'promote', weight: 50, intervalMs: 60_000 });
    expect(decision.checks.map((c) => c.state.canaryWeight)).toEqual([10, 20, 30, 40, 50, 50]);
    expect(decision.checks.at(-1)!.atMs).toBe(360_000);
  });

  it('builtin metrics: five failed checks roll back', () => {
    const analysis = canaryAnalysis('flagger-canary-builtin.yaml');
    const failing = { metrics: { 'request-success-rate': 69.17, 'request-duration': 180 } };
    const decision = flagger.decide(
      analysis,
      Array.from({ length: 10 }, () => failing),
    );
    expect(decision).toMatchObject({ action: 'rollback', failedChecks: 5, weight: 0 });
    expect(decision.checks).toHaveLength(7);
  });

  it('MetricTemplate: the 404 percentage is not a modelled metric, so it asks for an explicit mapping', () => {
    const template = manifests('flagger-metric-template.yaml').find((m) => m.kind === 'MetricTemplate')!;
    const analysis = canaryAnalysis('flagger-metric-template.yaml');
    expect(flagger.validateAnalysis(analysis, 'spec.analysis')).toEqual([]);
    const metric = analysis.metrics![0]!;
    const recognised = promql.recognizeQuery(metric.name, template.spec.query as string, 'spec.query', {
      interval: metric.interval!,
    });
    expect(recognised.ok ? null : recognised.problem.found).toBe(
      'metric "404s percentage": the status matcher response_code!="404" is not the 5xx class (=~ or !~ "5.."); map it to a modelled metric explicitly',
    );
  });
});
