import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeCommand } from '../../src/cli/commands/merge.js';
import { type RiskFlags, riskCommand } from '../../src/cli/commands/risk.js';
import { buildProgram } from '../../src/cli/program.js';
import { createProgressBar, formatProgress } from '../../src/cli/progressBar.js';
import { reportError } from '../../src/cli/reportError.js';
import { closeRiskWorkers } from '../../src/io/riskPool.js';
import { ensureBuilt } from '../support/ensureBuilt.js';
import { schemaErrors } from '../support/schemaErrors.js';
import { textSink } from '../support/textSink.js';

const RUNS = '400';
const FILES = ['risk.json', 'risk.md', 'risk.html'];

let dir: string;

async function risk(out: string, flags: RiskFlags = {}) {
  const stdout = textSink();
  const code = await riskCommand(
    undefined,
    { runs: RUNS, out, ...flags },
    { stdout, stderr: { write: () => true }, cwd: dir },
  );
  return { code, stdout: stdout.text };
}

async function files(out: string): Promise<string[]> {
  return Promise.all(FILES.map((name) => readFile(join(dir, out, name), 'utf8')));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rehearse-risk-'));
  await ensureBuilt();
});

afterAll(async () => {
  await closeRiskWorkers();
  await rm(dir, { recursive: true, force: true });
});

describe('rehearse risk on the default scenario', () => {
  it('writes the same bytes with 1 worker, 2 workers, and 3 merged shards', async () => {
    const one = await risk('w1', { workers: '1' });
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/noise: in the canary, errorRate > 1\.50% trips on noise alone/);
    await risk('w2', { workers: '2' });
    const partials: string[] = [];
    for (const [index, workers] of [
      [1, '2'],
      [2, '1'],
      [3, '2'],
    ] as const) {
      const shard = await risk('shards', { workers, shard: `${index}/3` });
      expect(shard.stdout).toMatch(new RegExp(`^shard ${index}/3: runs \\d+\\.\\.\\d+ of 400`));
      partials.push(join('shards', `risk-partial-${index}-of-3.json`));
    }
    const merged = textSink();
    expect(
      await mergeCommand(
        [partials[2]!, partials[0]!, partials[1]!],
        { out: 'merged' },
        { stdout: merged, stderr: textSink(), cwd: dir },
      ),
    ).toBe(0);
    const [single, twoWorkers, fromShards] = await Promise.all([files('w1'), files('w2'), files('merged')]);
    expect(twoWorkers).toEqual(single);
    expect(fromShards).toEqual(single);
  });

  it('writes the same bytes with --cache, computing the plan analysis once and then reading it', async () => {
    const cache = join(dir, 'cache');
    await risk('cached-1', { workers: '2', cache: 'cache' });
    const [entry] = await readdir(cache);
    expect(entry).toMatch(/^plan-analysis-[0-9a-f]{16}\.json$/);
    const stored = await readFile(join(cache, entry!), 'utf8');
    // A study that computed the analysis again would write the file anew (a new inode, by rename).
    const { ino } = await stat(join(cache, entry!));
    await risk('cached-2', { workers: '1', cache: 'cache' });
    expect(await readdir(cache)).toEqual([entry]);
    expect((await stat(join(cache, entry!))).ino).toBe(ino);
    expect(await readFile(join(cache, entry!), 'utf8')).toBe(stored);
    const [single, missed, hit] = await Promise.all([files('w1'), files('cached-1'), files('cached-2')]);
    expect(missed).toEqual(single);
    expect(hit).toEqual(single);
  });

  it('risk.json follows its schema and the contract’s names', async () => {
    const json = JSON.parse(await readFile(join(dir, 'w1', 'risk.json'), 'utf8'));
    expect(schemaErrors('risk', json)).toEqual([]);
    expect(json.runs).toBe(400);
    expect(json.phases.map((phase: { name: string }) => phase.name)).toEqual(['canary', 'ramp', 'rollout']);
    expect(Object.keys(json.pComplete)).toEqual(['p', 'ci95', 'runs']);
    expect(json.runSeeds.examples[0].reproduce).toBe(
      `rehearse run scenarios/sprint2-rollout.yaml --seed ${json.runSeeds.examples[0].seed}`,
    );
  });

  it('--json names each guard that fires on noise: phase, metric, operator, threshold, minRequests, window', async () => {
    const { stdout } = await risk('json', { workers: '1', json: true });
    const summary = JSON.parse(stdout);
    const json = JSON.parse(await readFile(join(dir, 'json', 'risk.json'), 'utf8'));
    // The default scenario's `errorRate: { above: 0.015 }` guard sets no minimum sample on its 30 s window.
    expect(
      summary.noisyGuards.map((guard: Record<string, unknown>) => [
        guard.phase,
        guard.metric,
        guard.op,
        guard.threshold,
        guard.minRequests,
        guard.windowMs,
      ]),
    ).toEqual(['canary', 'ramp', 'rollout'].map((phase) => [phase, 'errorRate', 'above', 0.015, 0, 30_000]));
    // Each entry's chance is the one risk.json records for that guard (rounded there to 12 significant
    // digits), and risk.json names the guard's metric too.
    for (const guard of summary.noisyGuards) {
      const recorded = json.noise.guards.find((entry: { phase: string }) => entry.phase === guard.phase);
      expect(recorded.metric).toBe('errorRate');
      expect(guard.pFalseTrip.lower).toBeCloseTo(recorded.current.falseTrip.lower, 11);
      expect(guard.pFalseTrip.upper).toBeCloseTo(recorded.current.falseTrip.upper, 11);
    }
    expect(summary.files).toEqual(FILES.map((name) => join('json', name)));
  });

  it('risk.md says plainly that the guard fires on noise, with the probability and the one computed fix', async () => {
    const markdown = await readFile(join(dir, 'w1', 'risk.md'), 'utf8');
    expect(markdown).toContain('**In the canary, the guard errorRate > 1.50% fires on noise alone.**');
    expect(markdown).toMatch(/noise alone trips it with probability 25\.93% \(exact/);
    expect(markdown).not.toContain('**Fix:**');
    expect(markdown.match(/## What to change in the guards/g)).toHaveLength(1);
    expect(markdown).toContain(
      '`monitoring.window: 1m` with `errorRate: { above: 0.015, consecutive: 26 }` in `guards.rollbackWhen`',
    );
    expect(markdown).toContain(
      'a real outage of the candidate (every request failing) rolls back only after 13m1s',
    );
  });

  it('renders risk.md and risk.html as the golden files', async () => {
    const [, markdown, html] = await files('w1');
    // `.golden`, not `.md`/`.html`: Biome formats Markdown and HTML files and would realign the tables.
    await expect(markdown).toMatchFileSnapshot('golden/risk.md.golden');
    await expect(html).toMatchFileSnapshot('golden/risk.html.golden');
  });

  it('draws the outcomes chart into risk.html as an inline <svg> with a non-zero width', async () => {
    const [, , html] = await files('w1');
    const width = /<svg id="outcomes"[^>]* width="(\d+(?:\.\d+)?)"/.exec(html ?? '')?.[1];
    expect(Number(width)).toBeGreaterThan(0);
  });
});

describe('in a log, and without the reports', () => {
  /** A clock that moves 4 s each time it is read: enough for heartbeat lines within a short study. */
  function steppingClock() {
    let nowMs = 0;
    return () => (nowMs += 4000);
  }

  it('prints heartbeat lines on stderr when it is not a terminal, and none with --quiet', async () => {
    for (const quiet of [false, true]) {
      const stderr = textSink();
      await riskCommand(
        undefined,
        { runs: '200', workers: '1', out: 'heartbeat', quiet },
        { stdout: textSink(), stderr, cwd: dir, now: steppingClock() },
      );
      if (quiet) expect(stderr.text).toBe('');
      else expect(stderr.text).toMatch(/^risk: [\d,]+\/200 runs \(\d+%\), \d+s elapsed, /m);
    }
  });

  it('--no-report writes risk.json alone, the same bytes as with the reports', async () => {
    const stdout = textSink();
    await riskCommand(
      undefined,
      { runs: RUNS, workers: '1', out: 'no-report', report: false },
      { stdout, stderr: textSink(), cwd: dir },
    );
    expect(await readdir(join(dir, 'no-report'))).toEqual(['risk.json']);
    expect(await readFile(join(dir, 'no-report', 'risk.json'), 'utf8')).toBe(
      await readFile(join(dir, 'w1', 'risk.json'), 'utf8'),
    );
    expect(stdout.text).toContain(`wrote ${join('no-report', 'risk.json')}\n`);
  });
});

describe('--fail-on', () => {
  async function failOn(thresholds: string[]) {
    const stderr = textSink();
    const code = await riskCommand(
      undefined,
      { runs: '100', workers: '1', out: 'fail-on', quiet: true, failOn: thresholds },
      { stdout: textSink(), stderr, cwd: dir },
    );
    return { code, stderr: stderr.text };
  }

  // The default scenario rolls back on noise in every run: with 100 of 100, Wilson's interval is
  // [96.30%, 100%] (scipy.stats.binomtest(100, 100).proportion_ci(method='wilson').low = 0.96300).
  it.each([
    {
      thresholds: ['false-rollback>5%'],
      code: 3,
      stderr: 'fail-on: false-rollback>5%: 100.00% > 5.00% (95% CI 96.30%–100.00%, 100 runs)\n',
    },
    {
      thresholds: ['complete<90%', 'halt>50%'],
      code: 3,
      stderr: 'fail-on: complete<90%: 0.00% < 90.00% (95% CI 0.00%–3.70%, 100 runs)\n',
    },
    { thresholds: ['halt>50%', 'true-rollback>1%@ci'], code: 3, stderr: 'fail-on: true-rollback>1%@ci' },
    { thresholds: ['halt>50%', 'false-rollback<90%@ci'], code: 0, stderr: '' },
  ])('$thresholds → exit $code', async ({ thresholds, code, stderr }) => {
    const result = await failOn(thresholds);
    expect(result.code).toBe(code);
    expect(result.stderr.startsWith(stderr)).toBe(true);
    if (stderr === '') expect(result.stderr).toBe('');
  });

  it('is checked with the other flags: a bad threshold, or one given to a shard, is exit 2', async () => {
    const stderr = textSink();
    let code = -1;
    try {
      await riskCommand(
        undefined,
        { runs: '10', shard: '1/2', failOn: ['complete<90%', 'completes<90%'] },
        { stdout: textSink(), stderr: { write: () => true }, cwd: dir },
      );
    } catch (error) {
      code = reportError(error, stderr);
    }
    expect(code).toBe(2);
    expect(stderr.text).toContain('found "completes<90%" (did you mean complete?)');
    expect(stderr.text).toContain(
      'error: --fail-on: expected no --shard: a shard has no probabilities yet; give --fail-on to rehearse merge, found --shard "1/2"',
    );
  });
});

describe('bad input', () => {
  it('reports every bad flag at once, exit code 2, nothing written', async () => {
    const stderr = textSink();
    let code = -1;
    try {
      await riskCommand(
        undefined,
        { runs: '0', workers: 'two', shard: '4/3', seed: '-1' },
        { stdout: textSink(), stderr: { write: () => true }, cwd: dir },
      );
    } catch (error) {
      code = reportError(error, stderr);
    }
    expect(code).toBe(2);
    expect(stderr.text).toContain('--runs');
    expect(stderr.text).toContain('--workers');
    expect(stderr.text).toContain('--shard');
    expect(stderr.text).toContain('--seed');
    expect(stderr.text).toContain('4 problems; nothing was written.');
  });

  it('merge refuses a missing shard', async () => {
    const stderr = textSink();
    await risk('lonely', { workers: '1', shard: '1/2', runs: '10' });
    let code = -1;
    try {
      await mergeCommand(
        [join('lonely', 'risk-partial-1-of-2.json')],
        { out: 'never' },
        { stdout: textSink(), stderr: textSink(), cwd: dir },
      );
    } catch (error) {
      code = reportError(error, stderr);
    }
    expect(code).toBe(2);
    expect(stderr.text).toContain('expected all 2 shards, found no shard 2/2');
  });

  it('registers risk and merge on the program', () => {
    const names = buildProgram().commands.map((command) => command.name());
    expect(names).toEqual(expect.arrayContaining(['risk', 'merge']));
  });
});

describe('the progress bar', () => {
  it('shows the share done and the time left', () => {
    expect(formatProgress(2500, 10_000, 4000, 12_000)).toBe(
      '[########......................]  25% 2,500/10,000 runs · 12s left',
    );
    expect(formatProgress(10, 10_000, 400, null)).toMatch(/ 0% 10\/10,000 runs · estimating$/);
    expect(formatProgress(10_000, 10_000, 31_200, 0)).toMatch(/100% 10,000\/10,000 runs · done in 31s$/);
  });

  it('draws only on a terminal', () => {
    const drawn: string[] = [];
    const clock = [0];
    const bar = createProgressBar(
      { write: (text: string) => drawn.push(text), isTTY: true },
      100,
      () => clock[0]!,
    );
    // Workers take 5 s to start; from the first report on, 25 runs take 1 s, so the 50 left take 2 s.
    clock[0] = 5000;
    bar.add(25);
    clock[0] = 6000;
    bar.add(25);
    bar.end();
    expect(drawn[0]).toContain(' 50% 50/100 runs · 2s left');
    const silent: string[] = [];
    createProgressBar({ write: (text: string) => silent.push(text) }, 100).add(100);
    expect(silent).toEqual([]);
  });
});
