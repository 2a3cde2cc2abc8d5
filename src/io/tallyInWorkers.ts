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

/** Largest number of runs in one task: small enough to balance two workers, large enough to cost nothing. */
const MAX_TASK_RUNS = 250;

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

/** The run ranges of [from, to) in tasks of at most {@link MAX_TASK_RUNS}, about four per worker. */
export function riskTasks(from: number, to: number, workers: number): RiskTask[] {
  const size = Math.max(1, Math.min(MAX_TASK_RUNS, Math.ceil((to - from) / (workers * 4))));
  const tasks: RiskTask[] = [];
  for (let start = from; start < to; start += size) tasks.push([start, Math.min(to, start + size)]);
  return tasks;
}

/**
 * Tallies runs [from, to) of a study on `workers` threads (1: on this thread, no worker). The tallies
 * are exact integer counts, so the merged tally is the same for any number of workers and any order
 * in which their tasks finish.
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
