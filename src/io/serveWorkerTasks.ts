import { parentPort } from 'node:worker_threads';
import type { TaskMessage, WorkerMessage } from './workerPool.js';

/**
 * The worker side of the protocol of `runInWorkerPool` (workerPool.ts): runs each task the pool sends with `run`
 * and posts its result back; `run` reports units of work done through `progress`; a thrown error is
 * posted with its stack and fails the pool. Call it once at the top of a worker script.
 *
 * @param script the script's name, for the error when it is not run in a worker thread
 * @example serveWorkerTasks<[number, number], number>('sumWorker.js', ([from, to]) => to - from)
 */
export function serveWorkerTasks<Task, Result>(
  script: string,
  run: (task: Task, progress: (done: number) => void) => Result,
): void {
  const port = parentPort;
  if (port === null) throw new Error(`${script} must run in a worker thread`);
  const post = (message: WorkerMessage<Result>) => port.postMessage(message);
  port.on('message', (message: TaskMessage<Task>) => {
    try {
      const result = run(message.task, (done) => post({ type: 'progress', done }));
      post({ type: 'result', index: message.index, result });
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      post({ type: 'error', message: failure.message, stack: failure.stack });
    }
  });
}
