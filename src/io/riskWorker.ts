/**
 * The worker thread of `rehearse risk`: receives the plan and settings once (`workerData`), then
 * tallies the run ranges it is sent and posts each tally back (see `workerPool.ts` for the protocol).
 * Runs as compiled JavaScript from `dist/src/io/riskWorker.js`.
 */
import { parentPort, workerData } from 'node:worker_threads';
// Straight from the modules, not risk/index.js: the index pulls in the report renderer (Handlebars), and
// every worker would load it at start (170 ms against 35 ms).
import type { RiskTally } from '../risk/riskTally.js';
import { type StudySettings, tallyRuns } from '../risk/tallyRuns.js';
import type { Plan } from '../scenario/plan.js';
import type { TaskMessage, WorkerMessage } from './workerPool.js';

/** What every risk worker is handed at start. */
export interface RiskWorkerData {
  plan: Plan;
  settings: StudySettings;
}

/** One task: the half-open range of runs [from, to). */
export type RiskTask = [from: number, to: number];

/** Runs between progress reports: often enough for a smooth bar, rare enough to cost nothing. */
const PROGRESS_EVERY = 25;

const port = parentPort;
if (port === null) throw new Error('riskWorker.js must run in a worker thread');
const { plan, settings } = workerData as RiskWorkerData;

port.on('message', (message: TaskMessage<RiskTask>) => {
  try {
    const [from, to] = message.task;
    let reported = 0;
    const tally = tallyRuns(
      plan,
      settings,
      from,
      to,
      (done) => {
        port.postMessage({ type: 'progress', done: done - reported } satisfies WorkerMessage<RiskTally>);
        reported = done;
      },
      PROGRESS_EVERY,
    );
    port.postMessage({
      type: 'result',
      index: message.index,
      result: tally,
    } satisfies WorkerMessage<RiskTally>);
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    port.postMessage({
      type: 'error',
      message: failure.message,
      stack: failure.stack,
    } satisfies WorkerMessage<RiskTally>);
  }
});
