import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/ensureBuilt.js';

const root = join(import.meta.dirname, '../..');

describe('the gates entry point', () => {
  it('is importable as rollout-rehearsal/gates, the way a production controller imports it', async () => {
    await ensureBuilt();
    const script = `
      const gates = await import('rollout-rehearsal/gates');
      const stats = gates.emptyWindowStats([100, 200], 1);
      stats.requests = 400; stats.errors = 6;
      const result = gates.evaluateGate({ metric: 'errorRate', op: 'below', threshold: 0.01 }, stats, { phase: 'canary', label: '15m checkpoint' });
      console.log(JSON.stringify(result));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    const result = JSON.parse(child.stdout) as { verdict: string; observed: number; reason: string };
    expect(result.verdict).toBe('fail');
    expect(result.observed).toBeCloseTo(0.015, 12);
    expect(result.reason).toContain('1.50%');
  });
});
