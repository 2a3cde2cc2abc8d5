import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WhatifFlags, whatifCommand } from '../../src/cli/commands/whatif.js';
import { reportError } from '../../src/cli/reportError.js';
import { rehearse } from '../../src/engine/rehearse.js';
import { readScenario } from '../../src/io/readScenario.js';
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

/** Two phases; the canary's errorRate guard has no minimum sample, so noise alone trips it in most runs. */
const TWO_PHASES = `name: Two phases
seed: 7
start: 2025-10-31T12:00:00Z
population:
  learners: 20000
  requestsPerLearnerHour: 0.5
analyzers:
  baseline:  { errorRate: 0.002, latencyMs: { p50: 60, p99: 180 }, availability: 0.9995 }
  candidate: { errorRate: 0.002, latencyMs: { p50: 25, p99: 46 }, availability: 0.9997 }
guards:
  rollbackWhen: { errorRate: { above: 0.015 } }
phases:
  - name: canary
    traffic: 0.05
    duration: 1h
    checkpoints: [1h]
  - name: ramp
    traffic: 0.5
    duration: 1h
    checkpoints: [1h]
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
    const slow = summary.faults.find((fault: { name: string }) => fault.name === 'Slow');
    expect(slow).toMatchObject({
      runsBegan: 20,
      detectedBy: 'guard p99LatencyMs > 250 ms',
      timeToDetectMsP50: 30_000,
    });
    // Probabilities as whatif.json states them: 20 of 20, Wilson 95% (scipy binomtest(20, 20) wilson: 0.83887).
    expect(Object.keys(slow.pDetected)).toEqual(['p', 'ci95', 'runs']);
    expect(slow.pDetected.p).toBe(1);
    expect(slow.pDetected.ci95[0]).toBeCloseTo(0.8388748419, 9);
    expect(slow.pDetected.ci95[1]).toBe(1);
    expect(slow.pDetected.runs).toBe(20);
    expect(slow.pUndetected).toMatchObject({ p: 0, runs: 20 });
    const written = ['whatif.json', 'whatif.md', 'whatif.html'].map((name) => join(dir, 'given', name));
    expect(summary).toMatchObject({ scenario: 'Whatif test', runs: 20, seed: 7, files: written, written });
  });

  it('a fault in a phase many runs never reach: the runs it began in, and detection among those', async () => {
    // The canary's guard trips on noise alone in most runs (4 requests a 30 s window at 0.2% errors:
    // one error is 25% > 1.5%), so only some runs reach the ramp, where the fault is scheduled.
    const twoPhases = join(dir, 'two-phases.yaml');
    await writeFile(twoPhases, TWO_PHASES);
    const runs = 40;
    // Counted independently: the plan with the fault as its own, rehearsed at the what-if's seeds (seed 7,
    // run i), reaches the ramp in this many runs; the fault begins at the ramp's start, so it begins in
    // exactly those. (With a fault the rehearsal draws per segment, as the what-if's runs do; the plan alone
    // would draw its canary by trip spans, other numbers for the same seed.)
    const withFault = join(dir, 'two-phases-fault.yaml');
    await writeFile(
      withFault,
      `${TWO_PHASES}faults:\n  - { kind: error-spike, phase: ramp, at: 0s, duration: 10m, addedErrorRate: 0.2 }\n`,
    );
    const plan = await readScenario(withFault);
    let reached = 0;
    for (let run = 0; run < runs; run += 1) {
      if (rehearse(plan, { seed: 7, run }).phases[1]!.status !== 'not-reached') reached += 1;
    }
    expect(reached).toBeGreaterThan(0);
    expect(reached).toBeLessThan(runs);
    const flags = {
      runs: String(runs),
      fault: ['error-spike phase=ramp at=0s duration=10m addedErrorRate=0.2'],
    };
    const stdout = sink();
    await whatifCommand(
      twoPhases,
      { ...flags, workers: '1', out: join(dir, 'two'), json: true },
      { stdout, stderr: sink() },
    );
    const fault = JSON.parse(stdout.lines.join('')).faults[0];
    expect(fault.runsBegan).toBe(reached);
    expect(fault.pOccurred).toMatchObject({ p: reached / runs, runs });
    expect(fault.pDetected.runs).toBe(reached);
    const text = sink();
    await whatifCommand(
      twoPhases,
      { ...flags, workers: '1', out: join(dir, 'two') },
      { stdout: text, stderr: sink() },
    );
    expect(text.lines.join('')).toContain(
      `: began in ${reached} of ${runs} runs; detected in ${(fault.pDetected.p * 100).toFixed(2)}% of those (95% CI `,
    );
  });

  it('a fault that began in no run says so instead of a detection share', async () => {
    const noisy = join(dir, 'noisy.yaml');
    // 17 requests a window: the canary's guard trips on noise alone before its hour is out in every run.
    await writeFile(noisy, TWO_PHASES.replace('requestsPerLearnerHour: 0.5', 'requestsPerLearnerHour: 2'));
    const stdout = sink();
    const fault = 'error-spike phase=ramp at=0s duration=10m addedErrorRate=0.2';
    await whatifCommand(
      noisy,
      { runs: '20', workers: '1', fault: [fault], out: join(dir, 'noisy') },
      { stdout, stderr: sink() },
    );
    expect(stdout.lines[0]).toBe(
      `1. ${fault}: began in none of 20 runs: every rehearsal ended before it, so nothing shows whether it is caught\n`,
    );
  });

  it.each([
    // The 10× latency spike trips the 250 ms guard in its first interval in every run in which it began.
    { failOn: ['undetected'], code: 0, reasons: [] },
    { failOn: ['detected<95%'], code: 0, reasons: [] },
    // 20 runs at 100%: the Wilson interval's lower end is 20 / 23.84 = 83.89% (scipy binomtest(20, 20) wilson).
    {
      failOn: ['detected<90%@ci'],
      code: 3,
      reasons: [
        "fail-on: detected<90%@ci: Slow: the 95% interval's lower end 83.89% < 90.00% (estimate 100.00%, 95% CI 83.89%–100.00%, 20 runs in which it began)",
      ],
    },
    {
      failOn: ['undetected>0%', 'detected<=100%'],
      code: 3,
      reasons: [
        'fail-on: detected<=100%: Slow: 100.00% <= 100.00% (95% CI 83.89%–100.00%, 20 runs in which it began)',
      ],
    },
  ])('--fail-on $failOn → exit $code', async ({ failOn, code, reasons }) => {
    const result = await run({ faults: [join(dir, 'faults.yaml')], failOn, quiet: true }, 'fail-on');
    expect(result.code).toBe(code);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual(reasons);
  });

  it('--fail-on claim fails on a contingency claim that does not hold in every run', async () => {
    await writeFile(
      join(dir, 'claims.yaml'),
      'faults:\n  - { name: Churn, kind: churn-spike, phase: canary, at: 10m, duration: 20m, factor: 3,\n      claim: { says: "Churn alerts", detectedBy: churnRate } }\n',
    );
    const result = await run({ faults: [join(dir, 'claims.yaml')], failOn: ['claim'], quiet: true }, 'claim');
    expect(result.code).toBe(3);
    // No gate or guard watches churnRate: the claim holds in none of the 20 runs (Wilson upper end 16.11%).
    expect(result.stderr).toBe(
      'fail-on: claim: Churn: 0.00% < 100.00% (95% CI 0.00%–16.11%, 20 runs in which it began)\n',
    );
  });

  it('in a log: heartbeat lines on stderr (none with --quiet); --no-report writes whatif.json alone', async () => {
    let nowMs = 0;
    const now = () => (nowMs += 3000);
    for (const quiet of [false, true]) {
      const stderr = sink();
      await whatifCommand(
        scenario,
        { workers: '1', runs: '20', quiet, report: false, out: join(dir, 'log') },
        { stdout: sink(), stderr: { ...stderr, isTTY: false }, now },
      );
      const text = stderr.lines.join('');
      if (quiet) expect(text).toBe('');
      else expect(text).toMatch(/^whatif: \d+\/20 runs \(\d+%\), \d+s elapsed, /m);
    }
    expect(await readdir(join(dir, 'log'))).toEqual(['whatif.json']);
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
    [{ failOn: ['detected<95'] }, '--fail-on: expected a threshold between 0% and 100%'],
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
