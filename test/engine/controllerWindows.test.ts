import { describe, expect, it } from 'vitest';
import { ControllerWindows } from '../../src/engine/controllerWindows.js';
import { emptyEngineWindow, resetEngineWindow } from '../../src/engine/engineWindow.js';
import { RandomStream } from '../../src/random/index.js';
import type { MetricSource } from '../../src/scenario/controllerPlan.js';

const SUCCESS_RATIO: MetricSource = {
  kind: 'query',
  metric: 'errorRate',
  scale: 1,
  complement: true,
  windowMs: 60_000,
  description: 'success ratio over 1m',
};

describe('ControllerWindows: what a query returns', () => {
  it('no value before the candidate ever served a request, NaN (0/0) after, the trailing ratio otherwise', () => {
    const windows = new ControllerWindows([SUCCESS_RATIO], 30_000, [100, 1000], 1);
    const stream = new RandomStream('test');
    const interval = emptyEngineWindow([100, 1000], 1);
    expect(windows.read(SUCCESS_RATIO, stream)).toEqual({ kind: 'query', value: null });
    windows.push(interval);
    expect(windows.read(SUCCESS_RATIO, stream)).toEqual({ kind: 'query', value: null });
    interval.stats.requests = 200;
    interval.stats.errors = 3;
    windows.push(interval);
    resetEngineWindow(interval);
    interval.stats.requests = 100;
    interval.stats.errors = 1;
    windows.push(interval);
    // The 1m window is the last two 30s intervals: 4 errors in 300 requests.
    expect(windows.read(SUCCESS_RATIO, stream)).toEqual({ kind: 'query', value: 1 - 4 / 300 });
    resetEngineWindow(interval);
    windows.push(interval);
    windows.push(interval);
    const empty = windows.read(SUCCESS_RATIO, stream);
    expect(empty.kind === 'query' && Number.isNaN(empty.value)).toBe(true);
  });

  it('a provider succeeds with its probability', () => {
    const windows = new ControllerWindows([], 30_000, [100], 1);
    const stream = new RandomStream('provider');
    const draws = 20_000;
    let succeeded = 0;
    for (let i = 0; i < draws; i++) {
      const reading = windows.read({ kind: 'provider', successProbability: 0.3 }, stream);
      if (reading.kind === 'provider' && reading.succeeded) succeeded++;
    }
    expect(Math.abs(succeeded / draws - 0.3)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / draws));
  });
});
