import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, type RunFlags, runCommand } from '../../src/cli/commands/run.js';
import { buildProgram } from '../../src/cli/program.js';
import { reportError } from '../../src/cli/reportError.js';
import { schemaErrors } from '../support/schemaErrors.js';

/** A small scenario: a 1h canary at 1% and a 1h rollout at 100%, 30s monitoring. */
function scenarioYaml(
  options: { candidateErrorRate?: number; guards?: boolean; advance?: 'auto' | 'manual' } = {},
) {
  const guards = options.guards ?? true;
  return `name: Test rollout
seed: 7
start: 2025-10-31T12:00:00Z
population:
  learners: 100000
  requestsPerLearnerHour: 0.5
analyzers:
  baseline:  { errorRate: 0.001, latencyMs: { p50: 60, p99: 180 }, availability: 0.9995 }
  candidate: { errorRate: ${options.candidateErrorRate ?? 0.001}, latencyMs: { p50: 25, p99: 46 }, availability: 0.9997 }
${guards ? 'guards:\n  rollbackWhen: { errorRate: { above: 0.05 }, p99LatencyMs: { above: 250 } }\n' : ''}phases:
  - name: canary
    traffic: 0.01
    duration: 1h
    checkpoints: [30m, 1h]
    gates: { errorRate: { below: 0.05 }, p99LatencyMs: { below: 200 } }
  - name: rollout
    traffic: 1
    duration: 1h
    checkpoints: [1h]
    gates: { errorRate: { below: 0.05 } }
    advance: ${options.advance ?? 'auto'}
`;
}

const RUN_FILES = ['checkpoints.csv', 'results.json', 'summary.html', 'summary.md'];

let dir: string;
let completes: string;
let rollsBack: string;
let awaitsApproval: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rehearse-run-'));
  completes = join(dir, 'completes.yaml');
  rollsBack = join(dir, 'rolls-back.yaml');
  awaitsApproval = join(dir, 'awaits-approval.yaml');
  await writeFile(completes, scenarioYaml({ guards: false }));
  await writeFile(rollsBack, scenarioYaml({ candidateErrorRate: 0.3 }));
  await writeFile(awaitsApproval, scenarioYaml({ advance: 'manual', guards: false }));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `rehearse run` in-process; returns the exit code as main() would map it, and what was printed. */
async function run(
  scenario: string | undefined,
  flags: RunFlags,
  options: { cwd?: string; color?: boolean } = {},
) {
  let stdout = '';
  let stderr = '';
  const context = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    color: options.color ?? false,
    cwd: options.cwd,
  };
  let code: number;
  try {
    code = await runCommand(scenario, flags, context);
  } catch (error) {
    code = reportError(error, context.stderr);
  }
  return { code, stdout, stderr };
}

async function readAll(folder: string): Promise<Record<string, string>> {
  const names = (await readdir(folder)).sort();
  const entries = await Promise.all(
    names.map(async (name) => [name, await readFile(join(folder, name), 'utf8')]),
  );
  return Object.fromEntries(entries);
}

describe('rehearse run: outputs', () => {
  it('writes the four files and prints the outcome table, the outcome line and the paths', async () => {
    const out = join(dir, 'table');
    const { code, stdout, stderr } = await run(rollsBack, { out });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect((await readdir(out)).sort()).toEqual(RUN_FILES);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^phase\s+traffic\s+requests\s+errors\s+p99\s+decision$/);
    expect(lines[1]).toMatch(/^canary\s+1\.00%\s+[\d,]+\s+[\d,]+\s+\S+( ms)?\s+rollback at \d/);
    expect(lines[2]).toMatch(/^rollout\s+100\.00%\s+—\s+—\s+—\s+not reached$/);
    expect(stdout).toMatch(
      /\nrolled-back in canary at \S+: guard tripped: errorRate [\d.]+% > 5\.00% limit .*; trailing 30s window\n/,
    );
    expect(stdout).toContain(`wrote ${join(out, 'results.json')}`);
    expect(stdout).not.toContain('\u001b[');
  });

  it('--no-report writes results.json and checkpoints.csv alone, the same bytes as with the summaries', async () => {
    const out = join(dir, 'no-report');
    const { code, stdout } = await run(rollsBack, { out, report: false });
    expect(code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['checkpoints.csv', 'results.json']);
    const full = await readAll(join(dir, 'table'));
    const data = await readAll(out);
    expect(data['results.json']).toBe(full['results.json']);
    expect(data['checkpoints.csv']).toBe(full['checkpoints.csv']);
    expect(stdout).not.toContain('summary.md');
  });

  it('colours the table only when asked (stdout is a TTY)', async () => {
    const { stdout } = await run(rollsBack, { out: join(dir, 'colour') }, { color: true });
    expect(stdout).toContain('\u001b[31mrolled-back\u001b[39m');
  });

  it('--json prints only the machine-readable summary', async () => {
    const out = join(dir, 'json');
    const { stdout } = await run(rollsBack, { out, json: true });
    const summary = JSON.parse(stdout);
    expect(Object.keys(summary)).toEqual(['outcome', 'phases', 'files']);
    expect(summary.outcome.status).toBe('rolled-back');
    expect(
      summary.phases.map((phase: { name: string; decision: string | null }) => [phase.name, phase.decision]),
    ).toEqual([
      ['canary', 'rollback'],
      ['rollout', null],
    ]);
    expect(summary.files).toEqual(
      RUN_FILES.map((name) => join(out, name)).sort((a, b) => order(a) - order(b)),
    );
  });

  it('--quiet prints nothing', async () => {
    const { code, stdout, stderr } = await run(completes, { out: join(dir, 'quiet'), quiet: true });
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('reads the default scenario from the current folder and writes to reports/<scenario name>/', async () => {
    const cwd = join(dir, 'project');
    await mkdir(join(cwd, 'scenarios'), { recursive: true });
    await writeFile(join(cwd, DEFAULT_SCENARIO), scenarioYaml({ guards: false }));
    const { code, stdout } = await run(undefined, {}, { cwd });
    expect(code).toBe(0);
    expect(stdout).toContain(`wrote ${join('reports', 'sprint2-rollout', 'results.json')}`);
    const results = JSON.parse(await readFile(join(cwd, 'reports/sprint2-rollout/results.json'), 'utf8'));
    expect(results.scenario).toMatchObject({ name: 'Test rollout', file: DEFAULT_SCENARIO });
    expect(results.seed).toBe(7);
  });
});

describe('rehearse run: the default scenario', () => {
  it('falls back to the package’s own scenarios/ when the current folder has none', async () => {
    const cwd = join(dir, 'empty-project');
    await mkdir(cwd, { recursive: true });
    const out = join(dir, 'packaged');
    const { code } = await run(undefined, { out, quiet: true }, { cwd });
    expect(code).toBe(0);
    const packaged = await readFile(join(import.meta.dirname, '../..', DEFAULT_SCENARIO));
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
    expect(results.scenario).toMatchObject({
      name: 'Sprint 2 cohort analyzer',
      file: DEFAULT_SCENARIO,
      sha256: createHash('sha256').update(packaged).digest('hex'),
      release: 'v3.0.0-sprint-2-complete',
    });
    expect(results.seed).toBe(20251031);
    expect(schemaErrors('results', results)).toEqual([]);
  });
});

/** The order files are written and listed in. */
function order(path: string): number {
  return ['results.json', 'checkpoints.csv', 'summary.md', 'summary.html'].findIndex((name) =>
    path.endsWith(name),
  );
}

describe('rehearse run: determinism', () => {
  it('the same scenario and seed give byte-identical files; another seed gives other results', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((name) => join(dir, 'determinism', name));
    await run(completes, { out: a, seed: '42' });
    await run(completes, { out: b, seed: '42' });
    await run(completes, { out: c, seed: '43' });
    const [first, second, other] = await Promise.all([a, b, c].map((folder) => readAll(folder!)));
    expect(Object.keys(first!)).toEqual(RUN_FILES);
    expect(second).toEqual(first);
    expect(other!['results.json']).not.toBe(first!['results.json']);
    expect(JSON.parse(first!['results.json']!).seed).toBe(42);
    expect(schemaErrors('results', JSON.parse(first!['results.json']!))).toEqual([]);
  });

  it('request fidelity is recorded and deterministic too', async () => {
    const [a, b] = ['a', 'b'].map((name) => join(dir, 'request', name));
    await run(completes, { out: a, fidelity: 'request' });
    await run(completes, { out: b, fidelity: 'request' });
    const [first, second] = await Promise.all([readAll(a!), readAll(b!)]);
    expect(second).toEqual(first);
    expect(JSON.parse(first['results.json']!).fidelity).toBe('request');
    expect(schemaErrors('results', JSON.parse(first['results.json']!))).toEqual([]);
  });
});

describe('rehearse run: exit codes', () => {
  it.each<[string, RunFlags, string[]]>([
    ['a bad seed', { seed: 'x' }, ['error: --seed: expected a non-negative integer, found "x"']],
    [
      'a seed beyond 2^53',
      { seed: '9007199254740993' },
      ['error: --seed: expected a non-negative integer up to 9007199254740991, found "9007199254740993"'],
    ],
    [
      'three bad flags, reported together',
      { seed: '-1', fidelity: 'fast', failOn: 'never' },
      [
        'error: --seed: expected a non-negative integer, found "-1"',
        'error: --fidelity: expected one of aggregate, request, found "fast"',
        'error: --fail-on: expected one of rollback, halt, any, found "never"',
      ],
    ],
  ])('%s → 2, each problem once, nothing written', async (_name, flags, messages) => {
    const out = join(dir, 'bad-flags');
    const { code, stdout, stderr } = await run(completes, { ...flags, out });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([
      ...messages,
      `${messages.length} problem${messages.length > 1 ? 's' : ''}; nothing was written.`,
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('a missing scenario file → 2 and the output folder does not exist afterwards', async () => {
    const out = join(dir, 'missing');
    const missing = join(dir, 'no-such.yaml');
    const { code, stderr } = await run(missing, { out });
    expect(code).toBe(2);
    expect(stderr).toContain(
      `error: ${missing}: expected a readable scenario file (YAML or JSON), found no file at`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('an output folder that is a file → 2, naming --out', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    const { code, stderr } = await run(completes, { out: join(file, 'out') });
    expect(code).toBe(2);
    expect(stderr).toContain(
      `error: --out: expected a folder this user can write, found "${join(file, 'out')}" (`,
    );
  });

  it('an invalid scenario → 2 with the file and line, nothing written', async () => {
    const out = join(dir, 'invalid');
    const invalid = join(dir, 'invalid.yaml');
    await writeFile(invalid, scenarioYaml().replace('traffic: 0.01', 'traffic: 2'));
    const { code, stderr } = await run(invalid, { out });
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`^error: ${invalid}:\\d+:\\d+ phases\\[0\\]\\.traffic: expected`));
    expect(existsSync(out)).toBe(false);
  });

  it.each<[string, number, () => string, RunFlags]>([
    ['--fail-on rollback, rolled back', 3, () => rollsBack, { failOn: 'rollback' }],
    ['--fail-on any, rolled back', 3, () => rollsBack, { failOn: 'any' }],
    ['--fail-on halt, rolled back', 0, () => rollsBack, { failOn: 'halt' }],
    ['--fail-on rollback, completed', 0, () => completes, { failOn: 'rollback' }],
    ['--fail-on any, completed', 0, () => completes, { failOn: 'any' }],
    [
      '--no-approve --fail-on halt, manual phase',
      3,
      () => awaitsApproval,
      { approve: false, failOn: 'halt' },
    ],
    ['--fail-on halt, manual phase approved', 0, () => awaitsApproval, { failOn: 'halt' }],
    ['no --fail-on, rolled back', 0, () => rollsBack, {}],
  ])('%s → %i', async (_name, expected, scenario, flags) => {
    const { code } = await run(scenario(), { ...flags, out: join(dir, 'fail-on'), quiet: true });
    expect(code).toBe(expected);
  });

  it('says on stderr which --fail-on matched, with the outcome line; the flag repeats', async () => {
    const { code, stderr } = await run(rollsBack, {
      failOn: ['halt', 'rollback'],
      out: join(dir, 'fail-on-reason'),
      quiet: true,
    });
    expect(code).toBe(3);
    expect(stderr).toMatch(
      /^fail-on: rollback: rolled-back in canary at \S+: guard tripped: errorRate [\d.]+% > 5\.00% limit .*; trailing 30s window\n$/,
    );
  });

  it('the command is registered with its flags: --no-approve, --fail-on and bad values reach the same checks', async () => {
    const program = buildProgram();
    const run = program.commands.find((command) => command.name() === 'run');
    expect(run?.options.map((option) => option.long)).toEqual([
      '--seed',
      '--out',
      '--fidelity',
      '--no-approve',
      '--no-report',
      '--json',
      '--quiet',
      '--fail-on',
    ]);
    await expect(program.parseAsync(['node', 'rehearse', 'run', completes, '--seed', 'x'])).rejects.toThrow(
      '--seed: expected a non-negative integer, found "x"',
    );
  });
});
