import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/ensureBuilt.js';

const root = join(import.meta.dirname, '../..');

describe('the controller namespaces of the gates entry point', () => {
  it("import { argo, flagger, promql } from 'rollout-rehearsal/gates' works in the built package", async () => {
    await ensureBuilt();
    const script = `
      const { argo, flagger, promql } = await import('rollout-rehearsal/gates');
      const measurement = argo.evaluateMeasurement({ successCondition: 'result[0] >= 0.95' }, [0.93]);
      const metric = argo.metricPhase({ name: 'sr', interval: '5m', failureLimit: 1 }, ['Failed', 'Successful', 'Failed']);
      const canary = flagger.decide({ interval: '5s', stepWeight: 50 }, [{}, {}, {}]);
      const query = promql.recognizeQuery('sr', 'sum(rate(x{code=~"5.."}[5m])) / sum(rate(x[5m]))', 'q');
      console.log(JSON.stringify({ measurement: measurement.phase, metric: metric.phase, action: canary.action,
        intervalMs: canary.intervalMs, mapped: query.ok && query.mapping.metric }));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({
      measurement: 'Failed',
      metric: 'Failed',
      action: 'promote',
      intervalMs: 10_000,
      mapped: 'errorRate',
    });
  });
});
