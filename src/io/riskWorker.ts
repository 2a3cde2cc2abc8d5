/**
 * The worker thread of `rehearse risk`: receives each study's plan and settings (the pool's job context),
 * then tallies the run ranges it is sent and posts each tally back (the protocol of `io/workerPool.ts`).
 * It outlives studies: the shared risk pool (tallyInWorkers.ts) keeps it warm between them. Runs as
 * JavaScript bundled into `dist/workers/riskWorker.js`.
 */
import type { RiskTally } from '../risk/riskTally.js';
import {
  type PreparedRiskStudy,
  prepareRiskStudy,
  type RiskTask,
  type RiskWorkerData,
  riskTask,
} from './riskTask.js';
import { serveWorkerTasks } from './serveWorkerTasks.js';

serveWorkerTasks<RiskTask, RiskTally, RiskWorkerData, PreparedRiskStudy>(
  'riskWorker.js',
  (task, progress, study) => riskTask(study, task, progress),
  prepareRiskStudy,
);
