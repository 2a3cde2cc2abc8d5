import { InternalError } from '../errors.js';
import { emptyTally, mergeTallies, type RiskTally, type StudySettings, tallyShape } from '../risk/index.js';
import type { Plan } from '../scenario/plan.js';
import { prepareRiskStudy, type RiskTask, type RiskWorkerData, riskTask } from './riskTask.js';
import { rangeTasks, WorkerPool } from './workerPool.js';
import { workerScript } from './workerScript.js';

/** Runs in one task: at most 250, down to 25 at the end of a study. */
const TASK_RUNS = { minRuns: 25, maxRuns: 250 };

let sharedPool: WorkerPool<RiskTask, RiskTally, RiskWorkerData> | null = null;

/**
 * The process's risk workers, kept between studies: a second study (a benchmark round, a tuning loop
 * calling {@link tallyInWorkers} again) finds them with their modules loaded and their code compiled.
 * Idle workers do not keep the process alive.
 */
function riskPool(): WorkerPool<RiskTask, RiskTally, RiskWorkerData> {
  sharedPool ??= new WorkerPool(workerScript('riskWorker.js'));
  return sharedPool;
}

/**
 * Starts the worker threads a study on `workers` threads will use (`workers − 1`: this thread works too),
 * so that their start-up overlaps reading the scenario: `runRiskStudy` calls it first thing. Never throws:
 * a missing build is reported by the study itself, and only if it needs the workers.
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
  const study: RiskWorkerData = { plan, settings };
  const progress = (done: number) => onProgress?.(done);
  const here = prepareRiskStudy(study);
  if (workers <= 1 || to - from <= 1) return riskTask(here, range, progress);
  // Workers run the bundled `dist/workers/riskWorker.js`: tests that start workers build first
  // (`test/support/ensureBuilt.ts`).
  const tallies = await riskPool().run({
    context: study,
    workers,
    tasks: rangeTasks(from, to, workers, TASK_RUNS),
    runHere: (task, report) => riskTask(here, task, report),
    ...(onProgress === undefined ? {} : { onProgress }),
  });
  const total = emptyTally(tallyShape(plan));
  for (const tally of tallies) mergeTallies(total, tally);
  return total;
}
