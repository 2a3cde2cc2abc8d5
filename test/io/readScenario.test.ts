import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readScenario } from '../../src/io/readScenario.js';
import { lineOf, makeScenario, toYaml } from '../scenario/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'read-scenario-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function problemsOf(path: string) {
  const error = await readScenario(path).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).problems;
}

const hourly = (factor: (hour: number) => number) =>
  `hour,factor\n${Array.from({ length: 24 }, (_, hour) => `${hour},${factor(hour)}`).join('\n')}\n`;

describe('readScenario', () => {
  it('compiles a YAML file and records the sha256 of its bytes', async () => {
    const text = toYaml(makeScenario());
    const plan = await readScenario(write('ok.yaml', text));
    expect(plan.name).toBe('fixture');
    expect(plan.scenarioSha256).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('reads JSON when the name ends in .json', async () => {
    const plan = await readScenario(write('ok.json', JSON.stringify(makeScenario(), null, 2)));
    expect(plan.phases.map((phase) => phase.name)).toEqual(['canary', 'full']);
  });

  it('reads the diurnal CSV relative to the scenario file', async () => {
    mkdirSync(join(dir, 'profiles'), { recursive: true });
    write(
      'profiles/day.csv',
      hourly((hour) => (hour < 12 ? 1 : 3)),
    );
    const plan = await readScenario(
      write('diurnal.yaml', toYaml(makeScenario({ population: { diurnal: { file: 'profiles/day.csv' } } }))),
    );
    expect(plan.diurnal).toEqual([...new Array(12).fill(0.5), ...new Array(12).fill(1.5)]);
  });

  it.each([
    ['a missing file', join(dir, 'nope.yaml'), `no file at ${join(dir, 'nope.yaml')}`],
    ['a directory', dir, 'a directory'],
  ])('reports %s as one problem', async (_title, path, found) => {
    expect(await problemsOf(path)).toEqual([
      {
        file: path,
        line: null,
        column: null,
        path: '',
        expected: 'a readable scenario file (YAML or JSON)',
        found,
      },
    ]);
  });

  it('reports binary data', async () => {
    const path = write('binary.yaml', new Uint8Array([0x6e, 0x61, 0xff, 0x00, 0x10]));
    expect(await problemsOf(path)).toEqual([
      {
        file: path,
        line: 1,
        column: null,
        path: '',
        expected: 'a UTF-8 text file',
        found: 'binary data (byte 0xff is not UTF-8)',
      },
    ]);
  });

  it('reports every schema problem at once', async () => {
    const path = write('bad.yaml', toYaml(makeScenario({ seed: -1, phases: [{ traffic: 2 }] })));
    expect((await problemsOf(path)).map((problem) => problem.path)).toEqual(['seed', 'phases[0].traffic']);
  });

  it('points a missing diurnal file at the line that names it', async () => {
    const text = toYaml(makeScenario({ population: { diurnal: { file: 'missing.csv' } } }));
    const path = write('nocsv.yaml', text);
    expect(await problemsOf(path)).toEqual([
      {
        file: path,
        line: lineOf(text, 'file: missing.csv'),
        column: 11,
        path: 'population.diurnal.file',
        expected: 'a readable CSV file with columns hour,factor (relative to the scenario file)',
        found: `"missing.csv": no file at ${join(dir, 'missing.csv')}`,
      },
    ]);
  });

  it('reports problems of the diurnal CSV with its own name and lines', async () => {
    write(
      'bad.csv',
      hourly((hour) => (hour === 2 ? -1 : 1)),
    );
    const path = write('badcsv.yaml', toYaml(makeScenario({ population: { diurnal: { file: 'bad.csv' } } })));
    expect(await problemsOf(path)).toEqual([
      {
        file: join(dir, 'bad.csv'),
        line: 4,
        column: null,
        path: 'factor',
        expected: 'a positive number',
        found: '"-1"',
      },
    ]);
  });
});
