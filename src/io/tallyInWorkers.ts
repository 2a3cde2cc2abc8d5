import { emptyTally, mergeTallies, type RiskTally, type StudySettings, tallyShape } from '../risk/index.js';
import type { Plan } from '../scenario/plan.js';
import { type RiskTask, type RiskWorkerData, riskTask } from './riskTask.js';
import { runInWorkerPool } from './workerPool.js';
import { workerScript } from './workerScript.js';

/** Largest and smallest number of runs in one task. */
const MAX_TASK_RUNS = 250;
const MIN_TASK_RUNS = 25;

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
 * Tallies runs [from, to) of a study on `workers` threads: this one and `workers − 1` worker threads
 * (1: this thread alone). The tallies are exact integer counts, so the merged tally is the same for any
 * number of workers and any order in which their tasks finish.
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
  const workerData: RiskWorkerData = { plan, settings };
  const progress = (done: number) => onProgress?.(done);
  if (workers <= 1 || to - from <= 1) return riskTask(workerData, range, progress);
  // Workers run the compiled `dist/src/io/riskWorker.js`: tests that start workers build first
  // (`test/risk/ensureBuilt.ts`).
  const tallies = await runInWorkerPool<RiskTask, RiskTally>({
    script: workerScript('riskWorker.js'),
    workerData,
    workers,
    tasks: riskTasks(from, to, workers),
    runHere: (task, report) => riskTask(workerData, task, report),
    ...(onProgress === undefined ? {} : { onProgress }),
  });
  const total = emptyTally(tallyShape(plan));
  for (const tally of tallies) mergeTallies(total, tally);
  return total;
}
