import { parentPort } from 'node:worker_threads';
import type { PoolMessage, WorkerMessage } from './workerPool.js';

/**
 * The worker side of the protocol of `WorkerPool` (workerPool.ts): for each job, makes what `prepare` makes
 * of its context (the context itself by default), then takes the job's tasks from its shared counter one
 * after another (`Atomics.add`, as the pool's own thread does) until none is left, runs each with `run` and
 * posts its result back; `run` reports units of work done through `progress`; a thrown error is posted
 * with its stack and fails the job. Call it once at the top of a worker script.
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
  const progress = (done: number) => post({ type: 'progress', done });
  port.on('message', (message: PoolMessage<Task, Context>) => {
    const next = new Int32Array(message.counter);
    try {
      const prepared = prepare(message.context);
      for (;;) {
        const index = Atomics.add(next, 0, 1);
        if (index >= message.tasks.length) return;
        post({ type: 'result', index, result: run(message.tasks[index]!, progress, prepared) });
      }
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      post({ type: 'error', message: failure.message, stack: failure.stack });
    }
  });
}
