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

export interface WorkerPoolOptions<Task, Result> {
  /** The worker script (plain JavaScript: workers run compiled code from `dist/`). */
  script: URL;
  /** Handed to every worker once, as `workerData` (the plan and settings). */
  workerData: unknown;
  /** Threads to work on the tasks, ≥ 1 (never more than there are tasks), counting this one if `runHere` is given. */
  workers: number;
  tasks: readonly Task[];
  /** Called on the main thread with each progress report's units of work. */
  onProgress?: (done: number) => void;
  /**
   * Runs a task on this thread, exactly as the worker script would, reporting units of work through
   * `progress`. Given it, this thread takes tasks too and only `workers − 1` threads are started: on a
   * 2-core machine that spares a worker's start-up and JIT warm-up while this thread would only wait.
   */
  runHere?: (task: Task, progress: (done: number) => void) => Result;
}

/** Tasks a worker holds at once: the next one waits in its queue while this thread is busy with its own. */
const TASKS_IN_FLIGHT = 2;

/**
 * Runs tasks on a pool of worker threads (and on this thread, with `runHere`) and resolves with their
 * results in task order, whatever order they finished in. Tasks are handed out as threads become free, so
 * a faster thread takes more; each worker holds up to {@link TASKS_IN_FLIGHT}, so it never waits for this
 * thread to hand it the next. A failure anywhere (a thrown error, a crash) terminates the pool and rejects
 * with that error; the message protocol is {@link WorkerMessage} / {@link TaskMessage}.
 *
 * @example const tallies = await runInWorkerPool({ script, workerData: { plan }, workers: 2, tasks: [[0, 500], [500, 1000]] })
 */
export function runInWorkerPool<Task, Result>(options: WorkerPoolOptions<Task, Result>): Promise<Result[]> {
  const { tasks, runHere } = options;
  const results: Result[] = new Array(tasks.length);
  if (tasks.length === 0) return Promise.resolve(results);
  const threads =
    runHere === undefined
      ? Math.max(1, Math.min(options.workers, tasks.length))
      : Math.max(0, Math.min(options.workers - 1, tasks.length - 1));
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    /** Tasks each worker holds: one that exits while holding any has lost them. */
    const held = new Map<Worker, number>();
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
      while (!failed && next < tasks.length && (held.get(worker) ?? 0) < TASKS_IN_FLIGHT) {
        held.set(worker, (held.get(worker) ?? 0) + 1);
        const index = next++;
        const message: TaskMessage<Task> = { type: 'task', index, task: tasks[index]! };
        worker.postMessage(message);
      }
      if (!failed && next >= tasks.length && (held.get(worker) ?? 0) === 0) void worker.terminate();
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
          held.set(worker, held.get(worker)! - 1);
          complete(message.index, message.result);
          dispatch(worker);
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if ((held.get(worker) ?? 0) > 0)
          fail(new Error(`a worker thread stopped (exit code ${code}) before its task was done`));
      });
      dispatch(worker);
    }
    if (runHere === undefined) return;
    // This thread's share: one task at a time, yielding between tasks so that workers' messages (results,
    // progress) are handled and they are handed their next tasks.
    const progress = (done: number) => options.onProgress?.(done);
    const workHere = () => {
      if (failed || next >= tasks.length) return;
      const index = next++;
      let result: Result;
      try {
        result = runHere(tasks[index]!, progress);
      } catch (error) {
        fail(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      complete(index, result);
      setImmediate(workHere);
    };
    setImmediate(workHere);
  });
}
