import { afterEach, describe, expect, it, vi } from 'vitest';
import { keptController } from '../../src/manifests/keptController.js';

describe('keptController', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("keeps the scenario's controller metrics, providers and manual pause", () => {
    const kept = keptController(
      [
        'controller:',
        '  metrics: { success-rate: errorRate, slow: 42 }',
        '  providers: { prom: { successProbability: 0.999 }, other: {} }',
        '  manualPause: 30m',
      ].join('\n'),
    );
    expect([...kept.metrics]).toEqual([['success-rate', 'errorRate']]);
    expect([...kept.providers]).toEqual([['prom', 0.999]]);
    expect(kept.manualPause).toBe('30m');
  });

  it('is empty without a scenario or without a controller mapping', () => {
    for (const text of [undefined, 'name: x\n', 'controller: 3\n', '']) {
      const kept = keptController(text);
      expect([kept.metrics.size, kept.providers.size, kept.manualPause]).toEqual([0, 0, undefined]);
    }
  });

  it('writes nothing to the process for a key yaml stringifies (a collection as a key)', () => {
    const warned = vi.spyOn(process, 'emitWarning');
    const logged = vi.spyOn(console, 'warn');
    const kept = keptController(
      'controller:\n  metrics:\n    ? [a, b]\n    : errorRate\n    m: p99LatencyMs\n',
    );
    expect(kept.metrics.get('m')).toBe('p99LatencyMs');
    expect(warned).not.toHaveBeenCalled();
    expect(logged).not.toHaveBeenCalled();
  });
});
