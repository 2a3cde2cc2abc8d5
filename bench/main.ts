/**
 * `npm run bench`: how fast the engine is, on this machine. Prints the machine, rehearsals per second
 * of the default scenario in both fidelities, the cost of one aggregate rehearsal as traffic grows 100×,
 * aggregate against request fidelity, and the cost of an interval against the random draws it needs.
 * Medians of several timed batches after a warm-up.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { EngineContext, type Fidelity, rehearse } from '../src/engine/index.js';
import { packageInfo } from '../src/io/packageRoot.js';
import { readScenario } from '../src/io/readScenario.js';
import type { Plan } from '../src/scenario/index.js';
import { benchCli } from './cli.js';
import { fixed, floorWorkload, line, msPerCall, type Workload } from './measure.js';
import { benchReference } from './reference.js';
import { benchRisk } from './risk.js';
import { scalePlan } from './scalePlan.js';

const HOUR_MS = 3_600_000;
const SCALE_DURATION_MS = 6 * HOUR_MS;
const REQUESTS_PER_LEARNER_HOUR = 10;
const INTERVAL_MS = 30_000;

/**
 * Rehearsals of `plan` in `fidelity`, run i drawing from (seed, i), sharing one engine context as a study
 * does; with `skipQuietSpans` false every interval is simulated, as the per-interval figures need.
 */
function rehearsals(plan: Plan, fidelity: Fidelity, batch: number, skipQuietSpans = true): Workload {
  const context = new EngineContext();
  return {
    run: (i) => rehearse(plan, { seed: plan.seed, run: i, fidelity, context, skipQuietSpans }),
    batch,
  };
}

/** The CPU model as /proc/cpuinfo names it (Linux), else as Node reports it. */
function cpuModel(): string {
  try {
    const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1];
    if (model !== undefined) return model.trim();
  } catch {
    // Not Linux: fall through.
  }
  return cpus()[0]?.model ?? 'unknown CPU';
}

/** The machine and how loaded it is now: absolute times move with the load, ratios far less. */
export function machineLine(): string {
  const load = loadavg().map((value) => fixed(value, 2));
  return `machine: ${cpuModel()}, nproc ${availableParallelism()}, Node ${process.version}, load average ${load.join(' ')} (1, 5, 15 min)`;
}

async function main(): Promise<void> {
  line(`rollout-rehearsal ${packageInfo().version} engine benchmark`);
  line(machineLine());
  line('');

  const plan = await readScenario(join(packageInfo().root, 'scenarios', 'sprint2-rollout.yaml'));
  const [aggregateMs, requestMs] = msPerCall(
    [rehearsals(plan, 'aggregate', 200), rehearsals(plan, 'request', 40)],
    {
      warmup: 100,
      repeats: 9,
    },
  ) as [number, number];
  line(
    `default scenario (${plan.name}), seeds ${plan.seed} runs 0.. (most runs roll back in canary or ramp):`,
  );
  line(`  aggregate: ${fixed(1000 / aggregateMs, 0)} rehearsals/s (${fixed(aggregateMs, 3)} ms each)`);
  line(`  request:   ${fixed(1000 / requestMs, 0)} rehearsals/s (${fixed(requestMs, 3)} ms each)`);
  line('');

  const intervals = SCALE_DURATION_MS / INTERVAL_MS;
  line(
    `one aggregate rehearsal, 1 phase of 6 h at 100% traffic, ${REQUESTS_PER_LEARNER_HOUR} requests/learner-hour, ` +
      `${intervals} intervals of 30 s, 8 segments, p99 and error-rate guards every interval, every interval ` +
      'simulated (quiet and trip spans off):',
  );
  const sizes = [5_000, 50_000, 500_000];
  const plans = sizes.map((learners) =>
    scalePlan(plan, {
      learners,
      requestsPerLearnerHour: REQUESTS_PER_LEARNER_HOUR,
      traffic: 1,
      durationMs: SCALE_DURATION_MS,
    }),
  );
  const timed = msPerCall(
    [
      ...plans.map((each) => rehearsals(each, 'aggregate', 5, false)),
      ...plans.map((each) => rehearsals(each, 'aggregate', 5)),
      ...sizes.map((learners) => {
        const requestsPerInterval = (learners * REQUESTS_PER_LEARNER_HOUR * INTERVAL_MS) / HOUR_MS;
        const errorRate = plan.analyzers.candidate.bySegment[0]!.errorRate;
        return floorWorkload(plan, requestsPerInterval, errorRate, intervals, 5);
      }),
    ],
    { warmup: 20, repeats: 15 },
  );
  const scaleMs = timed.slice(0, sizes.length);
  const spansMs = timed.slice(sizes.length, 2 * sizes.length);
  const floorMs = timed.slice(2 * sizes.length).map((ms) => ms / intervals);
  sizes.forEach((learners, i) => {
    const perIntervalUs = (scaleMs[i]! / intervals) * 1000;
    const floorUs = floorMs[i]! * 1000;
    line(
      `  ${learners.toLocaleString('en-US').padStart(7)} learners: ${fixed(scaleMs[i]!, 3)} ms/rehearsal, ` +
        `${fixed(perIntervalUs)} µs/interval; floor (Poisson + binomial + the latencies the guards read) ${fixed(floorUs)} µs/interval, ` +
        `engine/floor ${fixed(perIntervalUs / floorUs)}×`,
    );
  });
  line(`  cost ratio 500K/5K: ${fixed(scaleMs[2]! / scaleMs[0]!)} (target ≤ 1.5)`);
  line(
    `  with quiet spans (where no guard can trip, within 1e-7), as a study runs: ${sizes
      .map((learners, i) => `${learners.toLocaleString('en-US')} ${fixed(spansMs[i]!, 3)} ms`)
      .join(', ')} per rehearsal`,
  );
  line('');

  const largest = plans[2]!;
  const [requestScaleMs] = msPerCall([rehearsals(largest, 'request', 1)], { warmup: 1, repeats: 3 }) as [
    number,
  ];
  line('500,000 learners, same plan, request fidelity (every request generated, ~30 M requests):');
  line(
    `  request: ${fixed(requestScaleMs, 0)} ms/rehearsal; aggregate, every interval simulated: ${fixed(scaleMs[2]!, 3)} ms/rehearsal`,
  );
  line(`  aggregate is ${fixed(requestScaleMs / scaleMs[2]!, 0)}× faster (target ≥ 100×)`);
}

await main();
// Monte Carlo figures (issue 4), bench/risk.ts.
await benchRisk();
// Against a NumPy Monte Carlo of the same model and the draw floor, bench/reference.ts.
await benchReference();
// How long the CLI takes to answer, as ratios to a bare node start, bench/cli.ts.
benchCli();
line('');
line(`at the end: ${machineLine()}`);
