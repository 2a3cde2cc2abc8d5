import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InternalError } from '../errors.js';
import {
  emptyTally,
  mergeTallies,
  type RiskTally,
  type StudySettings,
  tallyRuns,
  tallyShape,
} from '../risk/index.js';
import type { Plan } from '../scenario/plan.js';
import { packageInfo } from './packageRoot.js';
import type { RiskTask, RiskWorkerData } from './riskWorker.js';
import { runInWorkerPool } from './workerPool.js';

/** Largest and smallest number of runs in one task. */
const MAX_TASK_RUNS = 250;
const MIN_TASK_RUNS = 25;

/**
 * The compiled worker script. Workers run plain JavaScript, so the script is always the built one in
 * `<package root>/dist/src/io/riskWorker.js`, whether this module runs from `dist/` (the CLI) or from
 * `src/` (vitest): tests that start workers build first (`test/risk/ensureBuilt.ts`).
 */
export function riskWorkerScript(): URL {
  const path = join(packageInfo().root, 'dist', 'src', 'io', 'riskWorker.js');
  if (!existsSync(path)) {
    throw new InternalError(
      `the worker script ${path} is missing: run \`npm run build\` (or use --workers 1)`,
    );
  }
  return pathToFileURL(path);
}

/**
 * The run ranges of [from, to) as tasks, largest first (guided scheduling): each takes a share of what
 * is left, between {@link MIN_TASK_RUNS} and {@link MAX_TASK_RUNS} runs, so workers rarely wait on each
 * other at the start and finish within a small task of each other at the end.
 *
 * @example riskTasks(0, 10_000, 2).length // 58: 250 runs each at first, 25 at the end
 */
export function riskTasks(from: number, to: number, workers: number): RiskTask[] {
  const tasks: RiskTask[] = [];
  for (let start = from; start < to; ) {
    const size = Math.max(MIN_TASK_RUNS, Math.min(MAX_TASK_RUNS, Math.ceil((to - start) / (workers * 4))));
    tasks.push([start, Math.min(to, start + size)]);
    start += size;
  }
  return tasks;
}

/**
 * Tallies runs [from, to) of a study on `workers` worker threads (1: on this thread, no worker). The
 * tallies are exact integer counts, so the merged tally is the same for any number of workers and any
 * order in which their tasks finish.
 *
 * @param onProgress called with the number of runs finished since the previous call.
 */
export async function tallyInWorkers(
  plan: Plan,
  settings: StudySettings,
  range: [number, number],
  workers: number,
  onProgress?: (done: number) => void,
): Promise<RiskTally> {
  const [from, to] = range;
  if (workers <= 1 || to - from <= 1) {
    let reported = 0;
    return tallyRuns(plan, settings, from, to, (done) => {
      onProgress?.(done - reported);
      reported = done;
    });
  }
  const workerData: RiskWorkerData = { plan, settings };
  const tallies = await runInWorkerPool<RiskTask, RiskTally>({
    script: riskWorkerScript(),
    workerData,
    workers,
    tasks: riskTasks(from, to, workers),
    ...(onProgress === undefined ? {} : { onProgress }),
  });
  const total = emptyTally(tallyShape(plan));
  for (const tally of tallies) mergeTallies(total, tally);
  return total;
}
