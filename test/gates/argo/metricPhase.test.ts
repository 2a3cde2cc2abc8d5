import { describe, expect, it } from 'vitest';
import { argo } from '../../../src/gates/index.js';

type Phase = argo.MeasurementPhase;
const times = (n: number, phase: Phase): Phase[] => Array.from({ length: n }, () => phase);

describe('metricPhase: the sequences of analysis/analysis_test.go', () => {
  it.each<[string, argo.ArgoMetric, Phase[], boolean, argo.AnalysisPhase]>([
    // TestAssessMetricStatusNoMeasurements
    ['no measurements', { name: 'success-rate' }, [], false, 'Pending'],
    ['no measurements, terminating', { name: 'success-rate' }, [], true, 'Successful'],
    // TestAssessMetricStatusInFlightMeasurement (with an interval here: without one, the first Successful
    // measurement completes the metric and a second is never taken)
    [
      'in-flight measurement',
      { name: 'success-rate', interval: '60s' },
      ['Successful', 'Running'],
      false,
      'Running',
    ],
    [
      'in-flight, terminating',
      { name: 'success-rate', interval: '60s' },
      ['Successful', 'Running'],
      true,
      'Running',
    ],
    // TestAssessMetricStatusFailureLimit: failed 3 > failureLimit 2; then limit 3
    [
      'failed 3 > failureLimit 2',
      { name: 'sr', failureLimit: 2, interval: '60s' },
      times(3, 'Failed'),
      false,
      'Failed',
    ],
    [
      'failed 3 > failureLimit 2, terminating',
      { name: 'sr', failureLimit: 2, interval: '60s' },
      times(3, 'Failed'),
      true,
      'Failed',
    ],
    [
      'failed 3 = failureLimit 3',
      { name: 'sr', failureLimit: 3, interval: '60s' },
      times(3, 'Failed'),
      false,
      'Running',
    ],
    [
      'failed 3 = failureLimit 3, terminating',
      { name: 'sr', failureLimit: 3, interval: '60s' },
      times(3, 'Failed'),
      true,
      'Successful',
    ],
    // TestAssessMetricStatusInconclusiveLimit
    [
      'inconclusive 3 > 2',
      { name: 'sr', inconclusiveLimit: 2, interval: '60s' },
      times(3, 'Inconclusive'),
      false,
      'Inconclusive',
    ],
    [
      'inconclusive 3 > 2, terminating',
      { name: 'sr', inconclusiveLimit: 2, interval: '60s' },
      times(3, 'Inconclusive'),
      true,
      'Inconclusive',
    ],
    [
      'inconclusive 3 = 3',
      { name: 'sr', inconclusiveLimit: 3, interval: '60s' },
      times(3, 'Inconclusive'),
      false,
      'Running',
    ],
    [
      'inconclusive 3 = 3, terminating',
      { name: 'sr', inconclusiveLimit: 3, interval: '60s' },
      times(3, 'Inconclusive'),
      true,
      'Successful',
    ],
    // TestAssessMetricStatusConsecutiveErrors: default consecutiveErrorLimit 4
    ['5 errors in a row > 4', { name: 'sr', interval: '60s' }, times(5, 'Error'), false, 'Error'],
    ['5 errors in a row > 4, terminating', { name: 'sr', interval: '60s' }, times(5, 'Error'), true, 'Error'],
    [
      '4 errors in a row, terminating',
      { name: 'sr', interval: '60s' },
      times(4, 'Error'),
      true,
      'Successful',
    ],
    ['4 errors in a row', { name: 'sr', interval: '60s' }, times(4, 'Error'), false, 'Running'],
    // TestAssessMetricStatusCountReached
    ['count 10 reached', { name: 'sr', count: 10 }, times(10, 'Successful'), false, 'Successful'],
    [
      '5 successful and 5 inconclusive',
      { name: 'sr', count: 10 },
      [...times(5, 'Successful'), ...times(5, 'Inconclusive')],
      false,
      'Inconclusive',
    ],
    // TestReconcileAnalysisRunInitial: no count, no interval → one measurement completes the metric
    ['no count and no interval: one measurement', { name: 'sr' }, ['Successful'], false, 'Successful'],
    [
      'count 0 and no interval: one measurement',
      { name: 'sr', count: 0 },
      ['Successful'],
      false,
      'Successful',
    ],
    [
      'interval only: runs until stopped',
      { name: 'sr', interval: '60s' },
      times(50, 'Successful'),
      false,
      'Running',
    ],
  ])('%s → %s', (_name, metric, measurements, terminating, phase) => {
    expect(argo.metricPhase(metric, measurements, terminating).phase).toBe(phase);
  });
});

describe('metricPhase: limits', () => {
  it.each<[string, argo.ArgoMetric, Phase[], argo.AnalysisPhase, string]>([
    [
      'failureLimit is strict: 0 tolerates none',
      { name: 'm', interval: '1m' },
      ['Failed'],
      'Failed',
      'failed (1) > failureLimit (0)',
    ],
    [
      'failureLimit 3: the fourth failure fails',
      { name: 'm', interval: '5m', failureLimit: 3 },
      ['Failed', 'Successful', 'Failed', 'Failed', 'Failed'],
      'Failed',
      'failed (4) > failureLimit (3)',
    ],
    [
      'failures need not be consecutive',
      { name: 'm', interval: '5m', failureLimit: 1 },
      ['Failed', 'Successful', 'Successful', 'Failed'],
      'Failed',
      'failed (2) > failureLimit (1)',
    ],
    [
      'errors are not failures',
      { name: 'm', interval: '1m' },
      ['Error', 'Error', 'Successful', 'Error'],
      'Running',
      '1 of unlimited measurements taken',
    ],
    [
      'a success resets the run of errors',
      { name: 'm', interval: '1m' },
      [...times(4, 'Error'), 'Successful', ...times(4, 'Error')],
      'Running',
      '1 of unlimited measurements taken',
    ],
    [
      'consecutiveErrorLimit 0: the first error',
      { name: 'm', interval: '1m', consecutiveErrorLimit: 0 },
      ['Error'],
      'Error',
      'consecutiveErrors (1) > consecutiveErrorLimit (0)',
    ],
    [
      'errors do not use up count',
      { name: 'm', count: 2, interval: '1m' },
      ['Error', 'Successful', 'Error'],
      'Running',
      '1 of 2 measurements taken',
    ],
    [
      'count reached after errors',
      { name: 'm', count: 2, interval: '1m' },
      ['Error', 'Successful', 'Error', 'Successful'],
      'Successful',
      'count (2) reached',
    ],
    [
      'count reached with failures within the limit',
      { name: 'm', count: 3, interval: '1m', failureLimit: 1 },
      ['Failed', 'Successful', 'Successful'],
      'Successful',
      'count (3) reached',
    ],
  ])('%s → %s (%s)', (_name, metric, measurements, phase, reason) => {
    expect(argo.metricPhase(metric, measurements)).toMatchObject({ phase, reason });
  });

  it('a later limit overrides an earlier one, as assessMetricFailureInconclusiveOrError sets them in turn', () => {
    const metric: argo.ArgoMetric = { name: 'm', interval: '1m', failureLimit: 1, inconclusiveLimit: 0 };
    const tally = argo.emptyTally();
    for (const phase of ['Failed', 'Failed'] as const) argo.addMeasurement(tally, phase);
    // failed (2) > 1 alone: Failed
    expect(argo.metricPhase(metric, ['Failed', 'Failed']).phase).toBe('Failed');
    // with one inconclusive first, the inconclusive breach (checked after the failure breach) wins
    expect(
      argo.metricPhase({ ...metric, inconclusiveLimit: 1 }, ['Inconclusive', 'Failed', 'Inconclusive'])
        .reason,
    ).toBe('inconclusive (2) > inconclusiveLimit (1)');
    expect(tally).toMatchObject({ count: 2, failed: 2, consecutiveSuccess: 0 });
  });

  it('stops at the first completed phase: the controller takes no more measurements', () => {
    const assessed = argo.metricPhase({ name: 'm', interval: '1m' }, [
      'Successful',
      'Failed',
      'Successful',
      'Successful',
    ]);
    expect(assessed).toMatchObject({
      phase: 'Failed',
      measurementsUsed: 2,
      tally: { count: 2, failed: 1, successful: 1 },
    });
  });
});

describe('metricPhase: consecutiveSuccessLimit and failureLimit -1 (docs, "ConsecutiveSuccessLimit and FailureLimit")', () => {
  const waitFor: argo.ArgoMetric = {
    name: 'ready',
    interval: '30s',
    failureLimit: -1,
    consecutiveSuccessLimit: 3,
  };
  const both: argo.ArgoMetric = {
    name: 'sr',
    interval: '30s',
    count: 6,
    failureLimit: 2,
    consecutiveSuccessLimit: 3,
  };

  it.each<[string, argo.ArgoMetric, Phase[], argo.AnalysisPhase, string]>([
    [
      'only consecutiveSuccessLimit: failures are waited out',
      waitFor,
      [...times(7, 'Failed'), ...times(3, 'Successful')],
      'Successful',
      'consecutiveSuccess (3) ≥ consecutiveSuccessLimit (3)',
    ],
    [
      'only consecutiveSuccessLimit: a failure restarts the run',
      waitFor,
      ['Successful', 'Successful', 'Failed', 'Successful', 'Successful'],
      'Running',
      '5 of unlimited measurements taken',
    ],
    [
      'only consecutiveSuccessLimit: an error restarts the run',
      waitFor,
      ['Successful', 'Successful', 'Error', 'Successful', 'Successful'],
      'Running',
      '4 of unlimited measurements taken',
    ],
    [
      'only consecutiveSuccessLimit: count reached without the run fails',
      { ...waitFor, count: 4 },
      ['Failed', 'Successful', 'Successful', 'Failed'],
      'Failed',
      'count (4) reached with consecutiveSuccess (0) < consecutiveSuccessLimit (3)',
    ],
    [
      'both: successes in a row win before count',
      both,
      ['Failed', 'Successful', 'Successful', 'Successful'],
      'Successful',
      'consecutiveSuccess (3) ≥ consecutiveSuccessLimit (3)',
    ],
    [
      'both: failureLimit still fails',
      both,
      ['Failed', 'Successful', 'Failed', 'Failed'],
      'Failed',
      'failed (3) > failureLimit (2)',
    ],
    [
      'both: count reached with neither limit met is Inconclusive',
      both,
      ['Successful', 'Successful', 'Failed', 'Successful', 'Successful', 'Failed'],
      'Inconclusive',
      'count (6) reached with consecutiveSuccess (0) < consecutiveSuccessLimit (3) and failed (2) ≤ failureLimit (2)',
    ],
  ])('%s → %s', (_name, metric, measurements, phase, reason) => {
    expect(argo.metricPhase(metric, measurements)).toMatchObject({ phase, reason });
  });
});
