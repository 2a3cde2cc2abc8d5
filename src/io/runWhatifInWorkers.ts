import {
  prepareWhatif,
  runWhatifInThread,
  type WhatifJob,
  type WhatifRun,
  type WhatifRunner,
} from '../whatif/whatif.js';
import { type WhatifTask, whatifTask } from './whatifTask.js';
import { rangeTasks, WorkerPool } from './workerPool.js';
import { workerScript } from './workerScript.js';

/** Runs in one task: a what-if run rehearses every fault, so tasks stay small. */
const TASK_RUNS = { minRuns: 1, maxRuns: 50 };

let sharedPool: WorkerPool<WhatifTask, WhatifRun[], WhatifJob> | null = null;

/**
 * A {@link WhatifRunner} on `workers` threads: this one and `workers − 1` worker threads of the process's
 * what-if pool, as `rehearse risk` splits its runs (1: this thread alone). Every run draws from its own
 * (seed, run) streams, so the records are the same for any number of workers.
 *
 * @example const runner = whatifRunnerOn(2); const records = await runner(job, 500)
 */
export function whatifRunnerOn(workers: number): WhatifRunner {
  if (workers <= 1) return runWhatifInThread;
  return async (job, runs, onProgress) => {
    sharedPool ??= new WorkerPool(workerScript('whatifWorker.js'));
    const ready = prepareWhatif(job);
    let done = 0;
    const progress = (count: number) => {
      done += count;
      onProgress?.(done, runs);
    };
    const batches = await sharedPool.run({
      context: job,
      workers,
      tasks: rangeTasks(0, runs, workers, TASK_RUNS),
      runHere: (task, report) => whatifTask(ready, task, report),
      onProgress: progress,
    });
    return batches.flat();
  };
}
