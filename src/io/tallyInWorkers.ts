// Straight from the modules, not risk/index.js, which pulls in the exact analysis and the report: those
// load while the runs are tallied (runRiskStudy).
import { emptyTally, mergeTallies, type RiskTally } from '../risk/riskTally.js';
import { type StudySettings, tallyShape } from '../risk/tallyRuns.js';
import type { Plan } from '../scenario/plan.js';
import { riskPool } from './riskPool.js';
import { prepareRiskStudy, type RiskWorkerData, riskTask } from './riskTask.js';
import { rangeTasks } from './workerPool.js';

/** Runs in one task: at most 250, down to 25 at the end of a study. */
const TASK_RUNS = { minRuns: 25, maxRuns: 250 };

/**
 * Tallies runs [from, to) of a study on `workers` threads: this one and `workers − 1` worker threads
 * (1: this thread alone). The tallies are exact integer counts, so the merged tally is the same for any
 * number of workers and any order in which their tasks finish.
 *
 * @param onProgress called with the number of runs finished since the previous call.
 * @param hereAfter work this thread does first (see `PoolJob.hereAfter`): with workers, this thread's first
 *   task waits for it while the workers start on theirs (alone, this thread tallies at once).
 */
export async function tallyInWorkers(
  plan: Plan,
  settings: StudySettings,
  range: [number, number],
  workers: number,
  onProgress?: (done: number) => void,
  hereAfter?: Promise<unknown>,
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
    ...(hereAfter === undefined ? {} : { hereAfter }),
  });
  const total = emptyTally(tallyShape(plan));
  for (const tally of tallies) mergeTallies(total, tally);
  return total;
}
