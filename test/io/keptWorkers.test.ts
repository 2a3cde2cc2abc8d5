import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/ensureBuilt.js';

const root = join(import.meta.dirname, '../..');

describe('the risk workers a process keeps between studies', () => {
  it('give every study the tally one thread gives, and let the process end by itself', async () => {
    await ensureBuilt();
    // Three studies in one process, the way an embedder's tuning loop would run them: two seeds on the
    // kept worker, each against the same study on this thread alone. Then the script just ends.
    const script = `
      const { io, risk } = await import('rollout-rehearsal');
      const plan = await io.readScenario('scenarios/sprint2-rollout.yaml');
      const study = (seed, workers) => io.tallyInWorkers(plan, { seed, fidelity: 'aggregate', approve: true }, [0, 300], workers);
      // Maps (the histograms) as their entries in key order: the order they were filled in may differ.
      const text = (tally) => JSON.stringify(tally, (key, value) =>
        value instanceof Map ? [...value].sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)) : value);
      const same = [];
      for (const seed of [1, 2, 1]) {
        const [kept, alone] = [await study(seed, 2), await study(seed, 1)];
        same.push(text(kept) === text(alone) && kept.timelines.size > 0);
      }
      console.log(JSON.stringify(same));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.signal, 'still running when killed: the kept worker held the process open').toBeNull();
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual([true, true, true]);
  });

  it("start in a process given V8 and process-wide options, which Node refuses in a worker's own list", async () => {
    await ensureBuilt();
    // `node --max-old-space-size=… bin/rehearse.js risk --workers 2`: the workers once failed at start.
    const script = `
      const { io } = await import('rollout-rehearsal');
      const plan = await io.readScenario('scenarios/sprint2-rollout.yaml');
      const study = (workers) => io.tallyInWorkers(plan, { seed: 7, fidelity: 'aggregate', approve: true }, [0, 200], workers);
      const [two, one] = [await study(2), await study(1)];
      const counts = (t) => [t.runs, t.completed, t.rolledBack, t.halted, t.phases];
      console.log(JSON.stringify([counts(two), counts(one)]));`;
    const child = spawnSync(
      process.execPath,
      ['--max-old-space-size=2048', '--max-semi-space-size=16', '--input-type=module', '-e', script],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const [two, one] = JSON.parse(child.stdout);
    expect(two).toEqual(one);
    expect(one[0]).toBe(200);
  });
});
