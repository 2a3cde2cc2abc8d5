/**
 * The Monte Carlo figures of `npm run bench` (issue 4): 10,000 rehearsals of the default scenario
 * through `rehearse risk`'s own code path with 1 and 2 worker threads, end to end and per rehearsal,
 * and the cost of one simulated monitoring window against the random draws it needs (the floor).
 * Runs from `dist/` (the workers run the compiled worker script).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageInfo } from '../src/io/packageRoot.js';
import { readScenario } from '../src/io/readScenario.js';
import { runRiskStudy } from '../src/io/runRiskStudy.js';
import { tallyInWorkers } from '../src/io/tallyInWorkers.js';
import { candidateTraffic, type RiskTally, sortedEntries, tallyRuns } from '../src/risk/index.js';
import type { Plan } from '../src/scenario/index.js';
import { fixed, floorWorkload, line, median, msPerCall } from './measure.js';

const RUNS = 10_000;
const ROUNDS = 3;
/** Timed rounds of the 1- and 2-thread tallies, after one untimed round of each (JIT warm-up on both sides). */
const TALLY_ROUNDS = 5;

/** Monitoring windows the candidate was simulated for, per phase, summed over the runs (from the timelines). */
export function windowsPerPhase(plan: Plan, tally: RiskTally): number[] {
  const windows = plan.phases.map(() => 0);
  for (const [signature, count] of sortedEntries(tally.timelines)) {
    const ran = signature.split('|')[1]!;
    if (ran === '') continue;
    ran.split(',').forEach((ranMs, p) => {
      windows[p]! += (Number(ranMs) / plan.intervalMs) * count;
    });
  }
  return windows;
}

/** µs per window of {@link floorWorkload} at a phase's traffic (medians of 5 rounds after a warm-up). */
function floorUsPerWindow(plan: Plan, lambda: number, errorRate: number): number {
  const windows = 200_000;
  const [msPerCallValue] = msPerCall([floorWorkload(plan, lambda, errorRate, windows, 1)], {
    warmup: 2,
    repeats: 5,
  });
  return (msPerCallValue! * 1000) / windows;
}

/** A fixed amount of pure integer work (xorshift steps) in a worker thread; resolves when done. */
function spin(steps: number): Promise<void> {
  const code = `let x = 1; for (let i = 0; i < ${steps}; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; }
    require('node:worker_threads').parentPort.postMessage(x);`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true });
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
}

/**
 * What this machine allows right now: the same CPU-bound loop on 2 threads at once against 1 thread,
 * 2·t₁/t₂. 2.0 on two idle cores; less when other processes hold a core. Measured beside the Monte
 * Carlo, so its speed-up can be read against it.
 */
async function parallelCeiling(): Promise<number> {
  const steps = 300_000_000;
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let start = performance.now();
    await spin(steps);
    const oneMs = performance.now() - start;
    start = performance.now();
    await Promise.all([spin(steps), spin(steps)]);
    ratios.push((2 * oneMs) / (performance.now() - start));
  }
  return median(ratios);
}

/**
 * Registered in each timed `rehearse risk` process (`node --import`): at its exit the main thread writes the
 * process's CPU time, every thread's (getrusage), on stderr for {@link cliSeconds} to read.
 */
const CPU_AT_EXIT =
  'data:text/javascript,import{isMainThread}from"node:worker_threads";if(isMainThread)process.on("exit",()=>' +
  '{const u=process.cpuUsage();process.stderr.write("\\nbench-cpu-us "+(u.user+u.system)+"\\n")})';

/** One timed process: wall-clock seconds and CPU seconds over all its threads (JS, JIT compiler, GC). */
interface ProcessSeconds {
  wall: number;
  cpu: number;
}

/**
 * `rehearse risk --runs RUNS --workers <workers> --quiet` as its own process (start-up, cold JIT, reading,
 * tally, analysis, rendering, writing): what a user waits for, and the CPU it takes. With `cache`, the
 * command is given `--cache <cache>` (the plan's exact analysis read from there once it has been written).
 */
function cliSeconds(root: string, workers: number, cache?: string): ProcessSeconds {
  const out = mkdtempSync(join(tmpdir(), 'rehearse-bench-'));
  try {
    const start = performance.now();
    const args = ['risk', '--runs', String(RUNS), '--workers', String(workers), '--quiet', '--out', out];
    if (cache !== undefined) args.push('--cache', cache);
    const child = spawnSync(
      process.execPath,
      ['--import', CPU_AT_EXIT, join(root, 'bin', 'rehearse.js'), ...args],
      { cwd: root },
    );
    const wall = (performance.now() - start) / 1000;
    if (child.status !== 0) throw new Error(`rehearse risk failed: ${child.stderr.toString()}`);
    const cpuUs = /bench-cpu-us (\d+)/.exec(child.stderr.toString())?.[1];
    if (cpuUs === undefined) throw new Error('rehearse risk did not report its CPU time');
    return { wall, cpu: Number(cpuUs) / 1e6 };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Medians of {@link cliMedianSeconds}, seconds. */
export interface CliSeconds {
  one: number;
  two: number;
  /** `--workers 2` with `--cache`, the plan's analysis already there. */
  twoCached: number;
  /** CPU seconds (all threads) of the `--workers 1` and `--workers 2` processes. */
  oneCpu: number;
  twoCpu: number;
}

/**
 * Medians of {@link ROUNDS} rounds of {@link cliSeconds} with `--workers 1`, `--workers 2`, and `--workers 2`
 * with a `--cache` folder written by one untimed run first, taken in turn so that load from elsewhere hits
 * all alike.
 */
export function cliMedianSeconds(root: string): CliSeconds {
  const cache = mkdtempSync(join(tmpdir(), 'rehearse-bench-cache-'));
  try {
    cliSeconds(root, 1, cache);
    const one: ProcessSeconds[] = [];
    const two: ProcessSeconds[] = [];
    const twoCached: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      one.push(cliSeconds(root, 1));
      two.push(cliSeconds(root, 2));
      twoCached.push(cliSeconds(root, 2, cache).wall);
    }
    return {
      one: median(one.map((each) => each.wall)),
      two: median(two.map((each) => each.wall)),
      twoCached: median(twoCached),
      oneCpu: median(one.map((each) => each.cpu)),
      twoCpu: median(two.map((each) => each.cpu)),
    };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

/** Rehearsals of the long plan per timed round: each reaches its 13-day phase in most runs. */
const LONG_RUNS = 100;
/** Rehearsals of the default plan per timed round. */
const DEFAULT_RUNS = 2_000;

/**
 * The cost of one rehearsal of a plan whose runs mostly reach the 13-day phase (scenarios/sprint2-tuned.yaml)
 * against one of the default scenario (whose runs mostly end in the canary or the ramp), tallied in
 * alternating rounds on this thread after a warm-up of each: medians of ms per rehearsal.
 */
async function benchLongPlan(root: string, plan: Plan): Promise<void> {
  const long = await readScenario(join(root, 'scenarios', 'sprint2-tuned.yaml'));
  const tally = (each: Plan, runs: number) =>
    tallyRuns(each, { seed: each.seed, fidelity: 'aggregate', approve: true }, 0, runs);
  tally(plan, DEFAULT_RUNS);
  const reached = tally(long, LONG_RUNS).phases.at(-1)!.reached;
  const perRun: Record<'default' | 'long', number[]> = { default: [], long: [] };
  for (let round = 0; round < ROUNDS; round++) {
    let start = performance.now();
    tally(plan, DEFAULT_RUNS);
    perRun.default.push((performance.now() - start) / DEFAULT_RUNS);
    start = performance.now();
    tally(long, LONG_RUNS);
    perRun.long.push((performance.now() - start) / LONG_RUNS);
  }
  const one = median(perRun.default);
  const other = median(perRun.long);
  line(
    `  long plan (scenarios/sprint2-tuned.yaml, ${reached} of ${LONG_RUNS} runs reach its 13-day phase): ` +
      `${fixed(other, 2)} ms per rehearsal against ${fixed(one, 3)} ms for the default: ${fixed(other / one, 0)}× (target ≤ 3×)`,
  );
}

/** Prints the Monte Carlo section of the benchmark. */
export async function benchRisk(): Promise<void> {
  const root = packageInfo().root;
  const scenarioPath = join(root, 'scenarios', 'sprint2-rollout.yaml');
  const plan = await readScenario(scenarioPath);
  const settings = { seed: plan.seed, fidelity: 'aggregate' as const, approve: true };
  line('');
  line(
    `Monte Carlo (rehearse risk), default scenario, ${RUNS.toLocaleString('en-US')} rehearsals, aggregate fidelity:`,
  );
  // Warm both sides alike with one untimed round each: this thread's code and the kept worker's
  // (tallyInWorkers keeps its workers between studies).
  await tallyInWorkers(plan, settings, [0, RUNS], 1);
  await tallyInWorkers(plan, settings, [0, RUNS], 2);
  const tallyMs: Record<1 | 2, number[]> = { 1: [], 2: [] };
  let tally: RiskTally | null = null;
  for (let round = 0; round < TALLY_ROUNDS; round++) {
    for (const workers of [1, 2] as const) {
      const start = performance.now();
      tally = await tallyInWorkers(plan, settings, [0, RUNS], workers);
      tallyMs[workers].push(performance.now() - start);
    }
  }
  const one = median(tallyMs[1]);
  const two = median(tallyMs[2]);
  line(
    `  1 worker:  ${fixed(one / 1000)} s, ${fixed((RUNS / one) * 1000, 0)} rehearsals/s (${fixed(one / RUNS, 3)} ms each)`,
  );
  line(
    `  2 workers: ${fixed(two / 1000)} s, ${fixed((RUNS / two) * 1000, 0)} rehearsals/s (${fixed(two / RUNS, 3)} ms each)`,
  );
  line(
    `  speed-up 2 workers / 1: ${fixed(one / two)}× (both sides warm, medians of ${TALLY_ROUNDS} alternating rounds)`,
  );
  line(`  machine ceiling now (a pure CPU loop, 2 threads / 1): ${fixed(await parallelCeiling())}×`);
  await benchLongPlan(root, plan);

  const cli = cliMedianSeconds(root);
  line(
    `  rehearse risk --runs ${RUNS} --quiet, each its own process: --workers 1 ${fixed(cli.one)} s, ` +
      `--workers 2 ${fixed(cli.two)} s: ${fixed(cli.one / cli.two)}× (target ≥ 1.6×; start-up, cold JIT, analysis and rendering included); ` +
      `--workers 2 --cache (the plan's analysis kept) ${fixed(cli.twoCached)} s`,
  );
  line(
    `  CPU time of those processes, all threads (JS, V8's compiler threads, GC): --workers 1 ${fixed(cli.oneCpu)} s ` +
      `(${fixed(cli.oneCpu / cli.one)} cores busy on average), --workers 2 ${fixed(cli.twoCpu)} s ` +
      `(${fixed(cli.twoCpu / cli.two)} cores): the second thread's own start-up and JIT warm-up cost ` +
      `${fixed(cli.twoCpu - cli.oneCpu)} s more`,
  );

  const start = performance.now();
  await runRiskStudy({
    scenarioPath,
    scenarioFile: 'scenarios/sprint2-rollout.yaml',
    runs: RUNS,
    workers: 2,
    fidelity: 'aggregate',
    approve: true,
  });
  const endToEndS = (performance.now() - start) / 1000;
  line(
    `  end to end (read, 2 workers, exact analysis, finance, render): ${fixed(endToEndS)} s (target < 30 s)`,
  );

  const windows = windowsPerPhase(plan, tally!);
  const totalWindows = windows.reduce((sum, count) => sum + count, 0);
  const perWindowUs = (one * 1000) / totalWindows;
  let floorUs = 0;
  windows.forEach((count, p) => {
    if (count === 0) return;
    const traffic = candidateTraffic(plan, p);
    floorUs +=
      (count / totalWindows) * floorUsPerWindow(plan, traffic.requestsPerInterval, traffic.errorRate);
  });
  const shares = plan.phases.map(
    (phase, p) => `${phase.name} ${fixed((100 * windows[p]!) / totalWindows, 1)}%`,
  );
  line(
    `  ${fixed(totalWindows / RUNS, 1)} candidate windows of 30 s per rehearsal (${shares.join(', ')}): ` +
      `${fixed(perWindowUs)} µs per window on 1 worker; floor (Poisson + binomial + the latencies the guards read, at each ` +
      `phase's traffic) ${fixed(floorUs)} µs; engine/floor ${fixed(perWindowUs / floorUs)}×`,
  );
}
