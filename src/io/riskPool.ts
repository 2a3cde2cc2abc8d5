import { InternalError } from '../errors.js';
import type { RiskTally } from '../risk/riskTally.js';
import type { RiskTask, RiskWorkerData } from './riskTask.js';
import { WorkerPool } from './workerPool.js';
import { workerScript } from './workerScript.js';

let sharedPool: WorkerPool<RiskTask, RiskTally, RiskWorkerData> | null = null;

/**
 * The process's risk workers, kept between studies: a second study (a benchmark round, a tuning loop
 * calling `tallyInWorkers` again) finds them with their modules loaded and their code compiled.
 * Idle workers do not keep the process alive. A module of its own, importing only the pool, so that
 * `rehearse risk` can start the workers before it loads the engine, the scenario reader or the report.
 */
export function riskPool(): WorkerPool<RiskTask, RiskTally, RiskWorkerData> {
  sharedPool ??= new WorkerPool(workerScript('riskWorker.js'));
  return sharedPool;
}

/**
 * Starts the worker threads a study on `workers` threads will use (`workers − 1`: this thread works too),
 * so that their start-up overlaps this thread's loading modules and reading the scenario: the `risk`
 * command's action (before the command's modules load) and `runRiskStudy` call it first thing. Never throws: a missing build is reported by the study itself,
 * and only if it needs the workers.
 */
export function prestartRiskWorkers(workers: number): void {
  if (workers <= 1) return;
  try {
    riskPool().prestart(workers - 1);
  } catch (error) {
    if (!(error instanceof InternalError)) throw error;
  }
}

/** Stops the kept risk workers (tests and embedders that want a clean exit; idle ones never block it). */
export async function closeRiskWorkers(): Promise<void> {
  await sharedPool?.close();
}
