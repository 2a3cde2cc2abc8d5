/**
 * The worker thread of `rehearse whatif`: receives the job once (`workerData`), then runs the run ranges
 * it is sent and posts their records back (the protocol of `io/workerPool.ts`). Runs as compiled
 * JavaScript from `dist/src/faults/whatifWorker.js`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type WhatifJob, type WhatifRun, whatifRun } from '../engine/whatif.js';
import type { TaskMessage, WorkerMessage } from '../io/workerPool.js';

/** One task: the half-open range of runs [from, to). */
export type WhatifTask = [from: number, to: number];

const port = parentPort;
if (port === null) throw new Error('whatifWorker.js must run in a worker thread');
const job = workerData as WhatifJob;

port.on('message', (message: TaskMessage<WhatifTask>) => {
  try {
    const [from, to] = message.task;
    const records: WhatifRun[] = [];
    for (let run = from; run < to; run++) {
      records.push(whatifRun(job, run));
      port.postMessage({ type: 'progress', done: 1 } satisfies WorkerMessage<WhatifRun[]>);
    }
    port.postMessage({ type: 'result', index: message.index, result: records } satisfies WorkerMessage<
      WhatifRun[]
    >);
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    port.postMessage({
      type: 'error',
      message: failure.message,
      stack: failure.stack,
    } satisfies WorkerMessage<WhatifRun[]>);
  }
});
