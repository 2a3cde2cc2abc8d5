/**
 * The worker thread of `rehearse whatif`: receives the job once (`workerData`), then runs the run ranges
 * it is sent and posts their records back (the protocol of `io/workerPool.ts`). Runs as compiled
 * JavaScript from `dist/src/io/whatifWorker.js`.
 */
import { workerData } from 'node:worker_threads';
import { type WhatifJob, type WhatifRun, whatifRun } from '../engine/whatif.js';
import { serveWorkerTasks } from './serveWorkerTasks.js';

/** One task: the half-open range of runs [from, to). */
export type WhatifTask = [from: number, to: number];

const job = workerData as WhatifJob;

serveWorkerTasks<WhatifTask, WhatifRun[]>('whatifWorker.js', ([from, to], progress) => {
  const records: WhatifRun[] = [];
  for (let run = from; run < to; run++) {
    records.push(whatifRun(job, run));
    progress(1);
  }
  return records;
});
