import { Worker } from 'node:worker_threads';

/** What a pool worker posts back: progress (units of work done since its last report), a result, or a failure. */
export type WorkerMessage<Result> =
  | { type: 'progress'; done: number }
  | { type: 'result'; index: number; result: Result }
  | { type: 'error'; message: string; stack?: string };

/** What the pool posts to a worker: one task, by its index in the task list. */
export interface TaskMessage<Task> {
  type: 'task';
  index: number;
  task: Task;
}

export interface WorkerPoolOptions<Task> {
  /** The worker script (plain JavaScript: workers run compiled code from `dist/`). */
  script: URL;
  /** Handed to every worker once, as `workerData` (the plan and settings). */
  workerData: unknown;
  /** Threads to start, ≥ 1 (never more than there are tasks). */
  workers: number;
  tasks: readonly Task[];
  /** Called on the main thread with each progress report's units of work. */
  onProgress?: (done: number) => void;
}

/**
 * Runs tasks on a pool of worker threads and resolves with their results in task order, whatever order
 * they finished in. Tasks are handed out one at a time as workers become free, so a faster worker takes
 * more. A failure in any worker (a thrown error, a crash) terminates the pool and rejects with that
 * error; the message protocol is {@link WorkerMessage} / {@link TaskMessage}.
 *
 * @example const tallies = await runInWorkerPool({ script, workerData: { plan }, workers: 2, tasks: [[0, 500], [500, 1000]] })
 */
export function runInWorkerPool<Task, Result>(options: WorkerPoolOptions<Task>): Promise<Result[]> {
  const { tasks } = options;
  const results: Result[] = new Array(tasks.length);
  if (tasks.length === 0) return Promise.resolve(results);
  const threads = Math.max(1, Math.min(options.workers, tasks.length));
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    /** Workers holding a task: one that exits while busy has lost its task. */
    const busy = new Set<Worker>();
    let next = 0;
    let finished = 0;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      for (const worker of workers) void worker.terminate();
      reject(error);
    };
    const complete = (index: number, result: Result) => {
      results[index] = result;
      finished++;
      if (finished === tasks.length) {
        for (const worker of workers) void worker.terminate();
        resolve(results);
      }
    };
    const dispatch = (worker: Worker) => {
      if (failed) return;
      if (next >= tasks.length) {
        void worker.terminate();
        return;
      }
      busy.add(worker);
      const index = next++;
      const message: TaskMessage<Task> = { type: 'task', index, task: tasks[index]! };
      worker.postMessage(message);
    };
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(options.script, { workerData: options.workerData });
      workers.push(worker);
      worker.on('message', (message: WorkerMessage<Result>) => {
        if (failed) return;
        if (message.type === 'progress') options.onProgress?.(message.done);
        else if (message.type === 'error') {
          const error = new Error(message.message);
          if (message.stack !== undefined) error.stack = message.stack;
          fail(error);
        } else {
          busy.delete(worker);
          complete(message.index, message.result);
          dispatch(worker);
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (busy.has(worker))
          fail(new Error(`a worker thread stopped (exit code ${code}) before its task was done`));
      });
      dispatch(worker);
    }
  });
}
