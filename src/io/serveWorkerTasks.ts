import { parentPort } from 'node:worker_threads';
import type { PoolMessage, WorkerMessage } from './workerPool.js';

/**
 * The worker side of the protocol of `WorkerPool` (workerPool.ts): keeps what `prepare` makes of the
 * current job's context (the context itself by default), runs each task the pool sends with `run` and
 * posts its result back;
 * `run` reports units of work done through `progress`; a thrown error is posted with its stack and fails
 * the job. Call it once at the top of a worker script.
 *
 * @param script the script's name, for the error when it is not run in a worker thread
 * @example serveWorkerTasks<[number, number], number>('sumWorker.js', ([from, to]) => to - from)
 */
export function serveWorkerTasks<Task, Result, Context, Prepared = Context>(
  script: string,
  run: (task: Task, progress: (done: number) => void, prepared: Prepared) => Result,
  prepare: (context: Context) => Prepared = (context) => context as unknown as Prepared,
): void {
  const port = parentPort;
  if (port === null) throw new Error(`${script} must run in a worker thread`);
  const post = (message: WorkerMessage<Result>) => port.postMessage(message);
  let prepared: Prepared | undefined;
  port.on('message', (message: PoolMessage<Task, Context>) => {
    if (message.type === 'context') {
      prepared = prepare(message.context);
      return;
    }
    try {
      if (prepared === undefined) throw new Error(`${script} was sent a task before its job's context`);
      const result = run(message.task, (done) => post({ type: 'progress', done }), prepared);
      post({ type: 'result', index: message.index, result });
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      post({ type: 'error', message: failure.message, stack: failure.stack });
    }
  });
}
