import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, EXAMPLE_SEED, ROOT } from '../report/defaultScenario.js';
import { ensureBuilt } from '../support/ensureBuilt.js';
import { tempDir } from '../support/tempDir.js';

/**
 * What each command loads, as the built CLI runs it: a command imports its implementation (the engine,
 * the templates, the chart library) only when it runs, so `--help` and `validate` answer quickly. Each
 * test runs `rehearse` from the compiled dist/src/ in a child process that logs every module it loads.
 */
const HOOK = join(import.meta.dirname, '../support/logModules.mjs');
const MAIN = pathToFileURL(join(ROOT, 'dist/src/cli/main.js')).href;

/**
 * The packages (node_modules/<name>), our folders (dist/src/<folder>) and our modules (`risk/buildRisk.js`)
 * that `rehearse …args` loaded, exiting with `status`.
 */
function loaded(
  args: readonly string[],
  status = 0,
): { packages: Set<string>; folders: Set<string>; files: Set<string> } {
  const script = `const { main } = await import(${JSON.stringify(MAIN)});
    await main(['node', 'rehearse', ...process.argv.slice(1)]);`;
  const child = spawnSync(
    process.execPath,
    ['--import', HOOK, '--input-type=module', '-e', script, '--', ...args],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
  );
  expect(child.status, child.stderr).toBe(status);
  const urls = child.stderr.split('\n').filter((text) => text.startsWith('module file:'));
  const packages = new Set(
    urls.flatMap((url) => url.match(/\/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1] ?? []),
  );
  const folders = new Set(urls.flatMap((url) => url.match(/\/dist\/src\/([^/]+)\/[^/]+$/)?.[1] ?? []));
  const files = new Set(urls.flatMap((url) => url.match(/\/dist\/src\/(.+\.js)$/)?.[1] ?? []));
  return { packages, folders, files };
}

beforeAll(async () => {
  await ensureBuilt();
});

describe('what each command loads', () => {
  it('--help: commander and the command declarations, nothing of the engine or the reports', () => {
    const { packages, folders } = loaded(['--help']);
    expect([...packages]).toEqual(['commander']);
    for (const folder of ['engine', 'report', 'charts', 'risk', 'replay', 'model', 'random', 'finance']) {
      expect(folders, folder).not.toContain(folder);
    }
  });

  it('validate: the scenario parser and schema, no templates, charts, CSV parser or engine', () => {
    const { packages, folders } = loaded(['validate', DEFAULT_SCENARIO, '--quiet']);
    expect(packages).toContain('zod');
    expect(packages).toContain('yaml');
    for (const name of [
      'handlebars',
      'd3-scale',
      'd3-shape',
      'd3-format',
      'csv-parse',
      'csv-stringify',
      'simple-statistics',
    ]) {
      expect(packages, name).not.toContain(name);
    }
    for (const folder of ['engine', 'report', 'charts', 'risk', 'replay', 'finance']) {
      expect(folders, folder).not.toContain(folder);
    }
  });
});

describe('rehearse risk', () => {
  it('loads the analysis, finance, the renderer and charts only once the plan is read', () => {
    // A scenario that does not validate: the study stops at reading it, before anything it would load after.
    const scenario = join(tempDir(), 'bad.yaml');
    writeFileSync(
      scenario,
      readFileSync(join(ROOT, DEFAULT_SCENARIO), 'utf8').replace('interval: 30s', 'interval: -30s'),
    );
    const { packages, folders, files } = loaded(
      ['risk', scenario, '--runs', '10', '--workers', '2', '--quiet'],
      2,
    );
    expect(packages).toContain('yaml');
    for (const name of ['handlebars', 'd3-scale', 'd3-shape', 'csv-stringify']) {
      expect(packages, name).not.toContain(name);
    }
    for (const folder of ['report', 'charts']) expect(folders, folder).not.toContain(folder);
    for (const file of ['risk/buildRisk.js', 'finance/simulateFinance.js'])
      expect(files, file).not.toContain(file);
  });
});

describe('the bundled CLI (bin/rehearse.js, dist/cli/)', () => {
  it(`writes reports/example byte for byte: rehearse run --seed ${EXAMPLE_SEED}`, () => {
    const out = tempDir();
    const child = spawnSync(
      process.execPath,
      [
        join(ROOT, 'bin/rehearse.js'),
        'run',
        DEFAULT_SCENARIO,
        '--seed',
        String(EXAMPLE_SEED),
        '--quiet',
        '--out',
        out,
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.status, child.stderr).toBe(0);
    for (const name of ['results.json', 'checkpoints.csv', 'summary.md', 'summary.html']) {
      expect(
        readFileSync(join(out, name), 'utf8') === readFileSync(join(ROOT, 'reports/example', name), 'utf8'),
        name,
      ).toBe(true);
    }
  });
});
