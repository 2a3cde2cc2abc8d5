import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { importManifestFiles } from '../../src/io/importManifestFiles.js';
import { packageInfo } from '../../src/io/packageRoot.js';
import { keptController } from '../../src/manifests/keptController.js';

describe('keptController', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("keeps the scenario's controller metrics, providers and manual pause", () => {
    const kept = keptController(
      parse(
        [
          'controller:',
          '  metrics: { success-rate: errorRate, slow: 42 }',
          '  providers: { prom: { successProbability: 0.999 }, other: {} }',
          '  manualPause: 30m',
        ].join('\n'),
      ),
    );
    expect([...kept.metrics]).toEqual([['success-rate', 'errorRate']]);
    expect([...kept.providers]).toEqual([['prom', 0.999]]);
    expect(kept.manualPause).toBe('30m');
  });

  it('is empty without a scenario or without a controller mapping', () => {
    for (const model of [undefined, null, 3, { name: 'x' }, { controller: 3 }, { controller: null }]) {
      const kept = keptController(model);
      expect([kept.metrics.size, kept.providers.size, kept.manualPause]).toEqual([0, 0, undefined]);
    }
  });

  it('a --model-from key yaml stringifies (a collection as a key) imports without writing to the process', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kept-controller-'));
    const modelPath = join(folder, 'model.yaml');
    writeFileSync(modelPath, 'controller:\n  metrics:\n    ? [a, b]\n    : errorRate\n');
    const controllers = join(packageInfo().root, 'scenarios', 'controllers');
    const warned = vi.spyOn(process, 'emitWarning');
    const logged = vi.spyOn(console, 'warn');
    const imported = await importManifestFiles({
      kind: 'argo',
      manifests: ['checkout-rollout.yaml', 'checkout-analysis.yaml'].map((file) => ({
        path: join(controllers, file),
        file,
      })),
      scenarioFolder: folder,
      modelFrom: { path: modelPath, file: 'model.yaml' },
    });
    expect(imported.manifests.summary).toContain('checkout');
    expect(warned).not.toHaveBeenCalled();
    expect(logged).not.toHaveBeenCalled();
  });
});
