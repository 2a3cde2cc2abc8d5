/**
 * The worker thread of `rehearse whatif`: receives each job (the pool's context), then runs the run ranges
 * it is sent and posts their records back (the protocol of `io/workerPool.ts`). Runs as compiled
 * JavaScript bundled into `dist/workers/whatifWorker.js`.
 */
import { prepareWhatif, type WhatifContext, type WhatifJob, type WhatifRun } from '../whatif/whatif.js';
import { serveWorkerTasks } from './serveWorkerTasks.js';
import { type WhatifTask, whatifTask } from './whatifTask.js';

serveWorkerTasks<WhatifTask, WhatifRun[], WhatifJob, WhatifContext>(
  'whatifWorker.js',
  (task, progress, ready) => whatifTask(ready, task, progress),
  prepareWhatif,
);
