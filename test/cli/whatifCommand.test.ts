import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WhatifFlags, whatifCommand } from '../../src/cli/commands/whatif.js';
import { reportError } from '../../src/cli/reportError.js';
import { schemaErrors } from '../support/schemaErrors.js';

/** A 1 h canary at 5% of 20,000 learners (about 200 requests a window), a p99 guard; one fault of its own. */
const SCENARIO = `name: Whatif test
seed: 7
start: 2025-10-31T12:00:00Z
population:
  learners: 20000
  requestsPerLearnerHour: 24
analyzers:
  baseline:  { errorRate: 0.001, latencyMs: { p50: 60, p99: 180 }, availability: 0.9995 }
  candidate: { errorRate: 0.001, latencyMs: { p50: 25, p99: 46 }, availability: 0.9997 }
guards:
  rollbackWhen: { p99LatencyMs: { above: 250 } }
phases:
  - name: canary
    traffic: 0.05
    duration: 1h
    checkpoints: [30m, 1h]
faults:
  - { kind: outage, phase: canary, at: 10m, duration: 5m }
`;

let dir: string;
let scenario: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rehearse-whatif-'));
  scenario = join(dir, 'plan.yaml');
  await writeFile(scenario, SCENARIO);
  await writeFile(
    join(dir, 'faults.yaml'),
    'faults:\n  - { name: Slow, kind: latency-spike, phase: canary, at: 20m, duration: 10m, factor: 10 }\n',
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function sink() {
  const lines: string[] = [];
  return { lines, write: (text: string) => lines.push(text) };
}

async function run(flags: WhatifFlags, out: string) {
  const stdout = sink();
  const stderr = sink();
  try {
    const code = await whatifCommand(
      scenario,
      { workers: '1', runs: '20', ...flags, out: join(dir, out) },
      { stdout, stderr },
    );
    return { code, stdout: stdout.lines.join(''), stderr: stderr.lines.join('') };
  } catch (error) {
    const code = reportError(error, stderr);
    return { code, stdout: stdout.lines.join(''), stderr: stderr.lines.join('') };
  }
}

describe('rehearse whatif', () => {
  it("rehearses the scenario's own faults by default and writes the three files", async () => {
    const result = await run({}, 'own');
    expect(result.code).toBe(0);
    expect((await readdir(join(dir, 'own'))).sort()).toEqual(['whatif.html', 'whatif.json', 'whatif.md']);
    const json = JSON.parse(await readFile(join(dir, 'own', 'whatif.json'), 'utf8'));
    expect(schemaErrors('whatif', json)).toEqual([]);
    expect(json.faults.map((fault: { spec: string }) => fault.spec)).toEqual([
      'outage phase=canary at=10m duration=5m availability=0',
    ]);
    expect(result.stdout).toContain('1. outage phase=canary at=10m duration=5m availability=0: ');
  });

  it('draws the time-to-detect chart into whatif.html as an inline <svg> with a non-zero width', async () => {
    const result = await run({}, 'chart');
    expect(result.code).toBe(0);
    const html = await readFile(join(dir, 'chart', 'whatif.html'), 'utf8');
    const width = /<svg id="time-to-detect"[^>]* width="(\d+(?:\.\d+)?)"/.exec(html)?.[1];
    expect(Number(width)).toBeGreaterThan(0);
  });

  it('takes --faults files and --fault specs instead, and prints JSON with --json', async () => {
    const result = await run(
      {
        faults: [join(dir, 'faults.yaml')],
        fault: ['error-spike phase=canary at=5m addedErrorRate=0.2'],
        json: true,
      },
      'given',
    );
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.faults.map((fault: { name: string }) => fault.name).sort()).toEqual([
      'Slow',
      'error-spike phase=canary at=5m duration=55m addedErrorRate=0.2',
    ]);
    expect(summary.faults.find((fault: { name: string }) => fault.name === 'Slow')).toMatchObject({
      pDetected: 1,
      detectedBy: 'guard p99LatencyMs > 250 ms',
      timeToDetectMsP50: 30_000,
    });
  });

  it('is byte-identical for the same seed', async () => {
    await run({ seed: '99' }, 'a');
    await run({ seed: '99' }, 'b');
    for (const name of ['whatif.json', 'whatif.md', 'whatif.html']) {
      expect(await readFile(join(dir, 'a', name), 'utf8')).toBe(await readFile(join(dir, 'b', name), 'utf8'));
    }
  });

  it.each([
    [
      { fault: ['latency-spike phase=canray at=1m factor=2'] },
      'phase: expected the name of a phase (canary), found "canray"; did you mean "canary"?',
    ],
    [
      { fault: ['latency-spike phase=canary at=1m factor=2 shar=0.5'] },
      "unknown field 'shar'; did you mean 'share'?",
    ],
    [
      { fault: ['segment-regression phase=canary at=1m segment=mobile errorRate=0.1'] },
      'segment: expected a segment id from population.segments (all)',
    ],
    [
      { faults: ['no-such-file.yaml'] },
      'no-such-file.yaml: expected a readable fault file (YAML or JSON), found no file at',
    ],
    [{ runs: '0' }, '--runs: expected a whole number in [1, 1,000,000], found "0"'],
  ] as Array<[WhatifFlags, string]>)(
    'rejects bad input with exit code 2 and writes nothing: %j',
    async (flags, message) => {
      const result = await run(flags, 'bad');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toContain('    at ');
      expect(existsSync(join(dir, 'bad'))).toBe(false);
    },
  );
});
