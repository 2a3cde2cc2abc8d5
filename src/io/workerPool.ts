import { Worker } from 'node:worker_threads';

/** What a pool worker posts back: progress (units of work done since its last report), a result, or a failure. */
export type WorkerMessage<Result> =
  | { type: 'progress'; done: number }
  | { type: 'result'; index: number; result: Result }
  | { type: 'error'; message: string; stack?: string };

/**
 * What the pool posts to a worker: a job, once, with the context its tasks need (a study's plan and
 * settings), all its tasks, and the job's shared task counter. The worker then takes tasks itself, the
 * next index by `Atomics.add(counter, 0, 1)` on that counter (as this thread does), until the index passes
 * the last task, and posts each task's result as it finishes it (see `serveWorkerTasks`).
 */
export interface PoolMessage<Task, Context> {
  type: 'job';
  context: Context;
  tasks: readonly Task[];
  /** One Int32: the index of the next task to take. */
  counter: SharedArrayBuffer;
}

/** One job for a pool: tasks, the context they need, and how to report progress. */
export interface PoolJob<Task, Result, Context> {
  tasks: readonly Task[];
  /**
   * Threads to work on the tasks, ≥ 1 (never more than there are tasks), counting this one if `runHere` is
   * given. The pool starts the worker threads it lacks and leaves any others idle.
   */
  workers: number;
  /** What every task of the job needs (a study's plan and settings): sent to each worker once, before its tasks. */
  context: Context;
  /** Called on the main thread with each progress report's units of work. */
  onProgress?: (done: number) => void;
  /**
   * Runs a task on this thread, exactly as the worker script would, reporting units of work through
   * `progress`. Given it, this thread takes tasks too and only `workers − 1` worker threads work: on a
   * 2-core machine that spares a worker's start-up and JIT warm-up while this thread would only wait.
   */
  runHere?: (task: Task, progress: (done: number) => void) => Result;
  /**
   * Work this thread does before it takes tasks of its own (a study's exact analysis): with `runHere`, its
   * first task waits until this settles, however it settles (its outcome is the caller's to handle). The
   * workers start on theirs at once.
   */
  hereAfter?: Promise<unknown>;
}

/**
 * This process's Node options, which workers inherit, less `--input-type` (a worker runs a script file,
 * and Node refuses that option for one: a process started as `node --input-type=module -e …` would see
 * every worker fail at start) and less the options Node refuses in a worker's own list, V8's and the
 * process-wide ones (`node --max-old-space-size=8192 bin/rehearse.js risk --workers 2`): those apply to
 * every thread of the process anyway. Node names the refused ones when a worker is constructed with them
 * (synchronously, before its thread starts), so the first worker finds them and the list is kept.
 */
let workerOptions: string[] | null = null;

function startWorker(script: URL): Worker {
  const execArgv = workerOptions ?? process.execArgv.filter((option) => !option.startsWith('--input-type'));
  try {
    const worker = new Worker(script, { execArgv });
    workerOptions = execArgv;
    return worker;
  } catch (error) {
    const refused = refusedOptions(error);
    if (workerOptions !== null || refused === null) throw error;
    workerOptions = execArgv.filter((option) => !refused.has(option));
    return new Worker(script, { execArgv: workerOptions });
  }
}

/** The options a worker's `ERR_WORKER_INVALID_EXEC_ARGV` names ("…invalid execArgv flags: --a, --b"), or null. */
function refusedOptions(error: unknown): Set<string> | null {
  if (!(error instanceof Error) || (error as { code?: unknown }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV')
    return null;
  const at = error.message.indexOf(': ');
  return at < 0 ? null : new Set(error.message.slice(at + 2).split(', '));
}

/**
 * Worker threads running one script, kept between jobs: a worker that has run a job has its modules loaded
 * and its code compiled by the JIT, so the next job (another study in the same process, a benchmark's
 * next round) starts at full speed instead of paying ~0.2 s of start-up and warm-up per worker. Idle
 * workers do not keep the process alive. One job runs at a time; a job started while another runs waits.
 *
 * Threads take tasks from one shared counter (a SharedArrayBuffer, `Atomics.add`), so a faster thread takes
 * more and no thread ever waits to be handed its next task: not even while this thread is busy with other
 * work (a study's exact analysis) or with a task of its own. Results come back in task order whatever
 * order they finished in. A failure anywhere (a thrown error, a crash) stops the counter, terminates the
 * pool's workers and rejects the job with that error; the pool starts fresh workers for the next job.
 *
 * The worker side is `serveWorkerTasks` (serveWorkerTasks.ts); the protocol is {@link PoolMessage} /
 * {@link WorkerMessage}.
 *
 * @example
 * const pool = new WorkerPool<RiskTask, RiskTally, RiskWorkerData>(workerScript('riskWorker.js'));
 * const tallies = await pool.run({ tasks: [[0, 500], [500, 1000]], workers: 2, context: { plan, settings } });
 */
export class WorkerPool<Task, Result, Context> {
  private readonly workers: Worker[] = [];
  /** Jobs running or waiting, and the promise that settles when the last of them has. */
  private jobs = 0;
  private queue: Promise<unknown> = Promise.resolve();

  /** @param script the worker script (plain JavaScript: workers run compiled code from `dist/`). */
  constructor(private readonly script: URL) {}

  /**
   * Starts worker threads until there are `count`, so that their start-up (loading modules) overlaps
   * whatever this thread does before the first job; they wait idle and do not keep the process alive.
   */
  prestart(count: number): void {
    while (this.workers.length < count) {
      const worker = startWorker(this.script);
      worker.unref();
      // A crash while idle only loses the worker: the next job starts a fresh one.
      worker.on('error', () => this.forget(worker));
      worker.on('exit', () => this.forget(worker));
      this.workers.push(worker);
    }
  }

  /**
   * Runs a job and resolves with its results in task order. With no job running, the workers are handed
   * their first tasks before `run` returns, so this thread can do other work while they start on them (it
   * takes its own tasks once it yields); otherwise the job waits for the ones before it.
   */
  run(job: PoolJob<Task, Result, Context>): Promise<Result[]> {
    const start = () => {
      try {
        return this.runNow(job);
      } catch (error) {
        return Promise.reject(error);
      }
    };
    const result = this.jobs === 0 ? start() : this.queue.then(start);
    this.jobs++;
    this.queue = result
      .catch(() => undefined)
      .finally(() => {
        this.jobs--;
      });
    return result;
  }

  /** Stops every worker; the pool can still run jobs afterwards, starting fresh ones. */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private forget(worker: Worker): void {
    const at = this.workers.indexOf(worker);
    if (at >= 0) this.workers.splice(at, 1);
  }

  private runNow(job: PoolJob<Task, Result, Context>): Promise<Result[]> {
    const { tasks, runHere } = job;
    const results: Result[] = new Array(tasks.length);
    if (tasks.length === 0) return Promise.resolve(results);
    const count =
      runHere === undefined
        ? Math.max(1, Math.min(job.workers, tasks.length))
        : Math.max(0, Math.min(job.workers - 1, tasks.length - 1));
    this.prestart(count);
    const workers = this.workers.slice(0, count);
    const counter = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const next = new Int32Array(counter);
    return new Promise((resolve, reject) => {
      let finished = 0;
      let settled = false;
      const detach = () => {
        for (const worker of workers) {
          worker.off('message', onMessage);
          worker.off('error', fail);
          worker.off('exit', onExit);
          worker.unref();
        }
      };
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        // No thread takes another task of this job.
        Atomics.store(next, 0, tasks.length);
        detach();
        void this.close();
        reject(error);
      };
      const complete = (index: number, result: Result) => {
        results[index] = result;
        finished++;
        if (finished === tasks.length && !settled) {
          settled = true;
          detach();
          resolve(results);
        }
      };
      const onMessage = (message: WorkerMessage<Result>) => {
        if (settled) return;
        if (message.type === 'progress') job.onProgress?.(message.done);
        else if (message.type === 'error') {
          const error = new Error(message.message);
          if (message.stack !== undefined) error.stack = message.stack;
          fail(error);
        } else complete(message.index, message.result);
      };
      // A worker that stops while the job runs may hold a task it took: the job cannot finish.
      const onExit = (code: number) =>
        fail(new Error(`a worker thread stopped (exit code ${code}) before its tasks were done`));
      const message: PoolMessage<Task, Context> = { type: 'job', context: job.context, tasks, counter };
      for (const worker of workers) {
        worker.on('message', onMessage);
        worker.on('error', fail);
        worker.on('exit', onExit);
        worker.ref();
        worker.postMessage(message);
      }
      if (runHere === undefined) return;
      // This thread's share: one task at a time from the same counter, yielding between tasks so that the
      // workers' messages (results, progress) are handled.
      const progress = (done: number) => job.onProgress?.(done);
      const workHere = () => {
        if (settled) return;
        const index = Atomics.add(next, 0, 1);
        if (index >= tasks.length) return;
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
      const startHere = () => setImmediate(workHere);
      if (job.hereAfter === undefined) startHere();
      else job.hereAfter.then(startHere, startHere);
    });
  }
}

/**
 * The half-open run range [from, to) as tasks, largest first (guided scheduling): each takes a share of
 * what is left, between `minRuns` and `maxRuns` runs, so threads rarely wait on each other at the start and
 * finish within a small task of each other at the end.
 *
 * @example rangeTasks(0, 10_000, 2, { minRuns: 25, maxRuns: 250 }).length // 58: 250 runs each at first, 25 at the end
 */
export function rangeTasks(
  from: number,
  to: number,
  workers: number,
  sizes: { minRuns: number; maxRuns: number },
): Array<[number, number]> {
  const tasks: Array<[number, number]> = [];
  for (let start = from; start < to; ) {
    const size = Math.max(sizes.minRuns, Math.min(sizes.maxRuns, Math.ceil((to - start) / (workers * 4))));
    tasks.push([start, Math.min(to, start + size)]);
    start += size;
  }
  return tasks;
}
