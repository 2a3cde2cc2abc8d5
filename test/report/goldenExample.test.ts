import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/cli/commands/report.js';
import { rehearseScenario } from '../../src/io/rehearseScenario.js';
import { DEFAULT_SCENARIO, EXAMPLE_SEED, ROOT } from './defaultScenario.js';

/**
 * The golden example: the default scenario's reports at a fixed seed, committed in reports/example/.
 * Any change to what a run renders (engine, finance, view model, templates, charts) shows up here; when
 * the change is intended, refresh them with `UPDATE_GOLDEN=1 npx vitest run test/report/goldenExample.test.ts`
 * and commit the new files with the change.
 */
const EXAMPLE_DIR = join(ROOT, 'reports/example');
const FILES = ['results.json', 'checkpoints.csv', 'summary.md', 'summary.html'] as const;
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Where two texts first differ, as `line N: expected … / found …`, or null when equal. */
function firstDifference(expected: string, found: string): string | null {
  if (expected === found) return null;
  const a = expected.split('\n');
  const b = found.split('\n');
  const line = a.findIndex((text, index) => text !== b[index]);
  const at = line === -1 ? a.length : line;
  const column = [...(a[at] ?? '')].findIndex((character, index) => character !== (b[at] ?? '')[index]);
  const excerpt = (text: string | undefined) =>
    JSON.stringify((text ?? '<end of file>').slice(Math.max(0, column - 60), column + 60));
  return `line ${at + 1}: expected ${excerpt(a[at])}, found ${excerpt(b[at])}`;
}

const scratch = mkdtempSync(join(tmpdir(), 'rehearse-golden-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('reports/example (the golden example)', () => {
  it(`is what the default scenario renders at seed ${EXAMPLE_SEED}; refresh with UPDATE_GOLDEN=1`, async () => {
    const { files } = await rehearseScenario({
      scenarioPath: join(ROOT, DEFAULT_SCENARIO),
      scenarioFile: DEFAULT_SCENARIO,
      seed: EXAMPLE_SEED,
      fidelity: 'aggregate',
      approve: true,
      templateDir: join(ROOT, 'templates'),
    });
    expect(files.map((file) => file.name)).toEqual([...FILES]);
    if (UPDATE) {
      mkdirSync(EXAMPLE_DIR, { recursive: true });
      for (const file of files) writeFileSync(join(EXAMPLE_DIR, file.name), file.content);
    }
    for (const file of files) {
      const committed = readFileSync(join(EXAMPLE_DIR, file.name), 'utf8');
      const difference = firstDifference(committed, String(file.content));
      expect(
        difference,
        `reports/example/${file.name} is out of date (${difference}); if the change is intended, run UPDATE_GOLDEN=1 npx vitest run test/report/goldenExample.test.ts`,
      ).toBeNull();
    }
  });

  it('renders again from its results.json alone to the same bytes (rehearse report)', async () => {
    const out = join(scratch, 'again');
    const stdout = { write: () => true };
    expect(await reportCommand(join(EXAMPLE_DIR, 'results.json'), { out, quiet: true }, { stdout })).toBe(0);
    for (const name of ['summary.md', 'summary.html']) {
      expect(
        firstDifference(readFileSync(join(EXAMPLE_DIR, name), 'utf8'), readFileSync(join(out, name), 'utf8')),
      ).toBeNull();
    }
  });

  it('has the charts inline: traffic, each gated metric, the revenue fan and the tornado', () => {
    const html = readFileSync(join(EXAMPLE_DIR, 'summary.html'), 'utf8');
    const ids = [...html.matchAll(/<svg id="([\w-]+)" role="img"/g)].map((match) => match[1]);
    expect(ids).toEqual([
      'traffic',
      'gate-errorRate',
      'gate-p99LatencyMs',
      'gate-availability',
      'gate-revenueImpact',
      'gate-segmentVariance',
      'gate-incidents',
      'revenue-fan',
      'sensitivity',
    ]);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(http|src="http/i);
  });
});
