import { describe, expect, it } from 'vitest';
import { argo } from '../../../src/gates/index.js';

const m = (name: string, phase: argo.AnalysisPhase, dryRun = false): argo.RunMetric => ({
  name,
  phase,
  dryRun,
});

describe('runPhase: assessRunStatus', () => {
  it.each<[string, argo.RunMetric[], boolean, argo.AnalysisPhase, string | null]>([
    // TestAssessRunStatus: one metric still running keeps the run running
    [
      'a metric still running',
      [m('latency', 'Successful'), m('success-rate', 'Running')],
      false,
      'Running',
      null,
    ],
    // TestAssessRunStatus: the worst of the completed metrics
    [
      'the worst completed metric',
      [m('latency', 'Successful'), m('success-rate', 'Failed')],
      false,
      'Failed',
      'success-rate',
    ],
    [
      'Failed is worse than Error',
      [m('a', 'Error'), m('b', 'Failed'), m('c', 'Inconclusive')],
      false,
      'Failed',
      'b',
    ],
    ['Error is worse than Inconclusive', [m('a', 'Inconclusive'), m('b', 'Error')], false, 'Error', 'b'],
    [
      'Inconclusive is worse than Successful',
      [m('a', 'Successful'), m('b', 'Inconclusive')],
      false,
      'Inconclusive',
      'b',
    ],
    ['all successful', [m('a', 'Successful'), m('b', 'Successful')], false, 'Successful', 'a'],
    [
      'a metric not started yet (initialDelay)',
      [m('a', 'Successful'), m('b', 'Pending')],
      false,
      'Running',
      null,
    ],
    // TestReconcileAnalysisRunTerminateSiblingAfterFail: a failed sibling ends the run with its phase
    [
      'a failed sibling terminates the run',
      [m('run-forever', 'Running'), m('failed-metric', 'Failed')],
      false,
      'Failed',
      'failed-metric',
    ],
    [
      'an inconclusive sibling terminates the run',
      [m('run-forever', 'Running'), m('failed-metric', 'Inconclusive')],
      false,
      'Inconclusive',
      'failed-metric',
    ],
    [
      'an errored sibling terminates the run',
      [m('run-forever', 'Running'), m('failed-metric', 'Error')],
      false,
      'Error',
      'failed-metric',
    ],
    // newTerminatingRun(status, isDryRun=true): dry-run failures neither terminate nor decide
    [
      'a dry-run failure does not end the run',
      [m('run-forever', 'Running', true), m('failed-metric', 'Failed', true)],
      false,
      'Running',
      null,
    ],
    [
      'a dry-run failure does not fail the run',
      [m('ok', 'Successful'), m('failed-metric', 'Failed', true)],
      false,
      'Successful',
      'ok',
    ],
    ['only dry-run metrics: Successful', [m('failed-metric', 'Failed', true)], false, 'Successful', null],
    [
      'terminated (background analysis stopped) with nothing completed',
      [m('a', 'Running')],
      true,
      'Successful',
      null,
    ],
    [
      'terminated with one completed metric',
      [m('a', 'Running'), m('b', 'Successful')],
      true,
      'Successful',
      'b',
    ],
  ])('%s → %s', (_name, metrics, terminate, phase, decidingMetric) => {
    expect(argo.runPhase(metrics, terminate)).toMatchObject({ phase, decidingMetric });
  });

  it('quotes the deciding metric and its reason', () => {
    const run = argo.runPhase([
      { name: 'success-rate', phase: 'Failed', reason: 'failed (4) > failureLimit (3)' },
    ]);
    expect(run.reason).toBe('metric "success-rate" assessed Failed due to failed (4) > failureLimit (3)');
  });
});

describe('rolloutAction', () => {
  it.each<[argo.AnalysisPhase, argo.RolloutAction]>([
    ['Successful', 'continue'],
    ['Running', 'wait'],
    ['Pending', 'wait'],
    ['Inconclusive', 'pause'],
    ['Error', 'abort'],
    ['Failed', 'abort'],
  ])('%s → %s', (phase, action) => {
    expect(argo.rolloutAction(phase)).toBe(action);
  });
});

describe('isWorse: analysisStatusOrder', () => {
  it('orders every phase from best to worst', () => {
    const phases = argo.ANALYSIS_PHASES;
    for (let i = 0; i < phases.length; i++) {
      for (let j = 0; j < phases.length; j++) expect(argo.isWorse(phases[i]!, phases[j]!)).toBe(j > i);
    }
    expect(phases).toEqual(['Successful', 'Running', 'Pending', 'Inconclusive', 'Error', 'Failed']);
  });
});

describe('dryRunMetrics: GetDryRunMetrics', () => {
  const names = ['total-5xx-errors', 'total-4xx-errors', 'latency'];
  it.each<[string, string[], string[]]>([
    ['one metric by name', ['total-5xx-errors'], ['total-5xx-errors']],
    ['.* matches every metric', ['.*'], names],
    ['an unanchored search', ['errors'], ['total-5xx-errors', 'total-4xx-errors']],
  ])('%s', (_name, rules, expected) => {
    const result = argo.dryRunMetrics(
      rules.map((metricName) => ({ metricName })),
      names,
    );
    expect([...result.names]).toEqual(expected);
    expect(result.problems).toEqual([]);
  });

  it('a rule that matches nothing, a repeated rule and a bad expression are problems', () => {
    const result = argo.dryRunMetrics(
      [{ metricName: 'cpu' }, { metricName: 'latency' }, { metricName: 'latency' }, { metricName: '(' }],
      names,
    );
    expect(result.problems.map((p) => [p.path, p.expected])).toEqual([
      ['dryRun[0].metricName', 'a rule matching at least one metric name'],
      ['dryRun[2].metricName', 'a rule named once'],
      ['dryRun[3].metricName', 'a regular expression'],
    ]);
  });
});
