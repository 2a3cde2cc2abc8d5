/**
 * The reference figures of `npm run bench`: `rehearse risk` against a vectorized NumPy Monte Carlo of the
 * same model (bench/reference/montecarlo.py, both ways of drawing latency) and against the bare draws a
 * rehearsal needs (the floor, bench/drawFloor.ts), all in one run and printed as ratios, with the targets
 * they are read against. The NumPy part is skipped, with a note, where python3 has no numpy or PyYAML.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageInfo } from '../src/io/packageRoot.js';
import { readScenario } from '../src/io/readScenario.js';
import { candidateTraffic, type RiskTally, tallyRuns } from '../src/risk/index.js';
import type { Plan } from '../src/scenario/index.js';
import { drawFloorWorkload } from './drawFloor.js';
import { candidateTable, fixed, guardTailShare, line, median, msPerCall } from './measure.js';
import { cliMedianSeconds, windowsPerPhase } from './risk.js';

const RUNS = 10_000;
const ROUNDS = 3;
const VARIANTS = ['tail', 'full'] as const;
type Variant = (typeof VARIANTS)[number];
/** Rehearsals' worth of windows per timed call of the floor, untimed calls first, timed calls per round. */
const FLOOR_REHEARSALS = 2_000;
const FLOOR_WARMUP = 2;
const FLOOR_REPEATS = 5;

interface NumpyTiming {
  /** The script's own time for the study, after its imports and reading the scenario. */
  inProcessS: number;
  /** The whole process: interpreter start, imports, reading, study, printing. */
  processS: number;
}

/**
 * The environment for the NumPy process: OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, set on some machines for
 * old OpenBLAS builds, slow a current NumPy; both are dropped together, for this process alone.
 */
function numpyEnvironment(): NodeJS.ProcessEnv {
  const { OPENBLAS_CORETYPE: _coretype, OPENBLAS_L2_SIZE: _l2, ...rest } = process.env;
  return rest;
}

/** Whether `python3` can import what the reference needs. */
function numpyAvailable(): boolean {
  const probe = spawnSync('python3', ['-c', 'import numpy, yaml'], { env: numpyEnvironment() });
  return probe.status === 0;
}

function numpySeconds(root: string, variant: Variant): NumpyTiming {
  const script = join(root, 'bench', 'reference', 'montecarlo.py');
  const args = [script, '--runs', String(RUNS), '--variant', variant, '--summary'];
  const start = performance.now();
  const child = spawnSync('python3', args, { cwd: root, env: numpyEnvironment() });
  const processS = (performance.now() - start) / 1000;
  if (child.status !== 0) throw new Error(`the NumPy reference failed: ${child.stderr.toString()}`);
  const study = JSON.parse(child.stdout.toString()) as { seconds: number };
  return { inProcessS: study.seconds, processS };
}

/** The floor's phases: each phase's windows per rehearsal in `tally`, at the phase's traffic. */
function floorPhases(plan: Plan, tally: RiskTally) {
  return windowsPerPhase(plan, tally).map((windows, p) => {
    const traffic = candidateTraffic(plan, p);
    return {
      windowsPerRehearsal: windows / tally.runs,
      requestsPerWindow: traffic.requestsPerInterval,
      errorRate: traffic.errorRate,
    };
  });
}

/** Prints the reference section of the benchmark. */
export async function benchReference(): Promise<void> {
  const root = packageInfo().root;
  const plan = await readScenario(join(root, 'scenarios', 'sprint2-rollout.yaml'));
  const settings = { seed: plan.seed, fidelity: 'aggregate' as const, approve: true };
  line('');
  line(
    `Reference: rehearse risk against a NumPy Monte Carlo of the same model (bench/reference/) and the draw ` +
      `floor, default scenario, ${RUNS.toLocaleString('en-US')} rehearsals, medians of ${ROUNDS} rounds taken in turn:`,
  );
  const withNumpy = numpyAvailable();
  let tally = tallyRuns(plan, settings, 0, RUNS);
  const table = candidateTable(plan);
  const tailShare = guardTailShare(plan, table);
  // The floor of the model as the engine draws it (the guards' latency tail per window), and the floor
  // with a latency per request (every window's whole histogram), for comparison with earlier figures.
  const floor = drawFloorWorkload(floorPhases(plan, tally), table, FLOOR_REHEARSALS, tailShare);
  const everyFloor = drawFloorWorkload(floorPhases(plan, tally), table, FLOOR_REHEARSALS);
  const toolMs: number[] = [];
  const floorMs: number[] = [];
  const everyFloorMs: number[] = [];
  const numpy: Record<Variant, NumpyTiming[]> = { tail: [], full: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    tally = tallyRuns(plan, settings, 0, RUNS);
    toolMs.push((performance.now() - start) / RUNS);
    const warmup = round === 0 ? FLOOR_WARMUP : 0;
    const [perCall, everyPerCall] = msPerCall([floor, everyFloor], { warmup, repeats: FLOOR_REPEATS });
    floorMs.push(perCall! / FLOOR_REHEARSALS);
    everyFloorMs.push(everyPerCall! / FLOOR_REHEARSALS);
    if (withNumpy) for (const variant of VARIANTS) numpy[variant].push(numpySeconds(root, variant));
  }
  const tool = median(toolMs);
  const toolS = (tool * RUNS) / 1000;
  line(
    `  rehearse risk's tally, in-process, 1 thread: ${fixed(toolS)} s (${fixed(tool, 4)} ms per rehearsal)`,
  );

  const floorPer = median(floorMs);
  const everyFloorPer = median(everyFloorMs);
  const drawn = floor.drawn();
  const perRehearsal = (count: number) =>
    count / ((FLOOR_WARMUP + ROUNDS * FLOOR_REPEATS) * FLOOR_REHEARSALS);
  line(
    `  draw floor (xorshift128, 53-bit uniforms; Poisson and binomial by inversion, alias buckets), ` +
      `${tailShare === null ? 'every request' : "the guards' latency tail"} per window as the engine draws it: ` +
      `${fixed(floorPer * 1000, 1)} µs per rehearsal, ${fixed(floor.uniformsPerRehearsal, 0)} uniforms ` +
      `(${fixed(perRehearsal(drawn.requests), 0)} requests, ${fixed(perRehearsal(drawn.latencies), 2)} latencies, ` +
      `${fixed(perRehearsal(drawn.errors), 2)} errors drawn per rehearsal); tool/floor ${fixed(tool / floorPer, 1)}× ` +
      `(target ≤ 5×); with a latency per request, ${fixed(everyFloor.uniformsPerRehearsal, 0)} uniforms, ` +
      `${fixed(everyFloorPer * 1000, 1)} µs: tool/floor ${fixed(tool / everyFloorPer, 1)}×`,
  );

  const cli = cliMedianSeconds(root);
  line(
    `  rehearse risk --runs ${RUNS} --quiet, each its own process: --workers 1 ${fixed(cli.one)} s, ` +
      `--workers 2 ${fixed(cli.two)} s, --workers 2 --cache ${fixed(cli.twoCached)} s (target < 1.5 s on 2 cores)`,
  );

  if (!withNumpy) {
    line('  NumPy reference: skipped (python3 with numpy and PyYAML not found)');
    return;
  }
  for (const variant of VARIANTS) {
    const inProcess = median(numpy[variant].map((timing) => timing.inProcessS));
    const asProcess = median(numpy[variant].map((timing) => timing.processS));
    const label = variant === 'tail' ? 'latency tail only' : 'every histogram';
    line(
      `  NumPy, ${label}: ${fixed(inProcess)} s in-process, ${fixed(asProcess)} s as a process; ` +
        `tool/NumPy ${fixed(toolS / inProcess)}× in-process, ${fixed(cli.one / asProcess)}× as processes ` +
        `(--workers 1)${variant === 'tail' ? ' (target ≤ 0.5×)' : ''}`,
    );
  }
}
