import { runWhatifInThread, type WhatifRun, type WhatifRunner } from '../engine/whatif.js';
import type { WhatifTask } from './whatifWorker.js';
import { runInWorkerPool } from './workerPool.js';
import { workerScript } from './workerScript.js';

/** Largest number of runs in one task: a what-if run rehearses every fault, so tasks stay small. */
const MAX_TASK_RUNS = 50;

/**
 * A {@link WhatifRunner} on `workers` threads of the shared worker pool (1: this thread, no worker). Runs
 * are split into ranges of at most {@link MAX_TASK_RUNS}, about four per worker; every run draws from its
 * own (seed, run) streams, so the records are the same for any number of workers.
 *
 * @example const runner = whatifRunnerOn(2); const records = await runner(job, 500)
 */
export function whatifRunnerOn(workers: number): WhatifRunner {
  if (workers <= 1) return runWhatifInThread;
  return async (job, runs, onProgress) => {
    const size = Math.max(1, Math.min(MAX_TASK_RUNS, Math.ceil(runs / (workers * 4))));
    const tasks: WhatifTask[] = [];
    for (let from = 0; from < runs; from += size) tasks.push([from, Math.min(runs, from + size)]);
    let done = 0;
    const batches = await runInWorkerPool<WhatifTask, WhatifRun[]>({
      script: workerScript('whatifWorker.js'),
      workerData: job,
      workers,
      tasks,
      onProgress: (count) => {
        done += count;
        onProgress?.(done, runs);
      },
    });
    return batches.flat();
  };
}
