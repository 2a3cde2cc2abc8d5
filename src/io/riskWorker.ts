/**
 * The worker thread of `rehearse risk`: receives the plan and settings once (`workerData`), then
 * tallies the run ranges it is sent and posts each tally back (the protocol of `io/workerPool.ts`).
 * Runs as compiled JavaScript from `dist/src/io/riskWorker.js`.
 */
import { workerData } from 'node:worker_threads';
import type { RiskTally } from '../risk/riskTally.js';
import { type RiskTask, type RiskWorkerData, riskTask } from './riskTask.js';
import { serveWorkerTasks } from './serveWorkerTasks.js';

const data = workerData as RiskWorkerData;

serveWorkerTasks<RiskTask, RiskTally>('riskWorker.js', (task, progress) => riskTask(data, task, progress));
