import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PoolJob, rangeTasks, WorkerPool } from '../../src/io/workerPool.js';
import { ensureBuilt } from '../support/ensureBuilt.js';

let dir: string;

/**
 * A worker script in plain JavaScript, as the pool runs them: for each job, takes the job's tasks from its
 * shared counter and runs `onTask` on each (with `index` and `task` in scope, the context in
 * `globalThis.context`).
 */
async function script(name: string, onTask: string): Promise<URL> {
  const path = join(dir, name);
  await writeFile(
    path,
    `import { parentPort, threadId, workerData } from 'node:worker_threads';
parentPort.on('message', ({ context, tasks, counter }) => {
  globalThis.context = context;
  const next = new Int32Array(counter);
  for (;;) {
    const index = Atomics.add(next, 0, 1);
    if (index >= tasks.length) return;
    const task = tasks[index];
    ${onTask}
  }
});\n`,
  );
  return pathToFileURL(path);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rehearse-pool-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** One job on a pool of its own, stopped afterwards. */
async function runJob<Task, Result>(script: URL, job: PoolJob<Task, Result, unknown>): Promise<Result[]> {
  const pool = new WorkerPool<Task, Result, unknown>(script);
  try {
    return await pool.run(job);
  } finally {
    await pool.close();
  }
}

describe('a WorkerPool job', () => {
  it('returns results in task order, whatever order they finish in, with progress', async () => {
    // Earlier tasks sleep longer, so they finish last.
    const url = await script(
      'square.mjs',
      `setTimeout(() => { parentPort.postMessage({ type: 'progress', done: 1 });
        parentPort.postMessage({ type: 'result', index, result: task * task + globalThis.context.offset }); }, (8 - task) * 5);`,
    );
    let progress = 0;
    const results = await runJob<number, number>(url, {
      context: { offset: 1 },
      workers: 3,
      tasks: [0, 1, 2, 3, 4, 5, 6, 7],
      onProgress: (done) => {
        progress += done;
      },
    });
    expect(results).toEqual([1, 2, 5, 10, 17, 26, 37, 50]);
    expect(progress).toBe(8);
  });

  it('runs tasks on this thread too with runHere, starting one worker fewer', async () => {
    const url = await script(
      'double.mjs',
      `parentPort.postMessage({ type: 'progress', done: 1 });
       parentPort.postMessage({ type: 'result', index, result: task * 10 });`,
    );
    let progress = 0;
    const results = await runJob<number, number>(url, {
      context: null,
      workers: 2,
      tasks: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      onProgress: (done) => {
        progress += done;
      },
      runHere: (task, report) => {
        report(1);
        return task * 10;
      },
    });
    expect(results).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(progress).toBe(10);
  });

  describe('with hereAfter, this thread takes tasks only once it settles; the workers start at once', () => {
    /** Each task holds its worker 5 ms, so this thread would take some of 40 if it could. */
    async function slowTens(): Promise<URL> {
      return script(
        'slowTens.mjs',
        `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
         parentPort.postMessage({ type: 'result', index, result: task * 10 });`,
      );
    }
    const tasks = Array.from({ length: 40 }, (_, task) => task);

    it('never settling: the worker takes every task', async () => {
      let ranHere = 0;
      const results = await runJob<number, number>(await slowTens(), {
        context: null,
        workers: 2,
        tasks,
        hereAfter: new Promise(() => undefined),
        runHere: (task) => {
          ranHere++;
          return task * 10;
        },
      });
      expect(results).toEqual(tasks.map((task) => task * 10));
      expect(ranHere).toBe(0);
    });

    it('settling (here by rejecting) mid-job: this thread joins in then, not before', async () => {
      let released = false;
      const calls: boolean[] = [];
      const hereAfter = new Promise((_, reject) =>
        setTimeout(() => {
          released = true;
          reject(new Error('its outcome is the caller’s'));
        }, 30),
      );
      hereAfter.catch(() => undefined);
      const results = await runJob<number, number>(await slowTens(), {
        context: null,
        workers: 2,
        tasks,
        hereAfter,
        runHere: (task) => {
          calls.push(released);
          return task * 10;
        },
      });
      expect(results).toEqual(tasks.map((task) => task * 10));
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.every((afterRelease) => afterRelease)).toBe(true);
    });
  });

  it('rejects with the error a worker reports', async () => {
    const url = await script(
      'fails.mjs',
      `if (task === 2) parentPort.postMessage({ type: 'error', message: 'task 2 went wrong' });
       else parentPort.postMessage({ type: 'result', index, result: task });`,
    );
    await expect(runJob(url, { context: null, workers: 2, tasks: [0, 1, 2, 3] })).rejects.toThrow(
      'task 2 went wrong',
    );
  });

  it('rejects when a worker dies holding a task', async () => {
    const url = await script('dies.mjs', `process.exit(7);`);
    await expect(runJob(url, { context: null, workers: 1, tasks: [0] })).rejects.toThrow(/exit code 7/);
  });

  it('resolves at once with no tasks', async () => {
    const url = await script('idle.mjs', '');
    expect(await runJob(url, { context: null, workers: 2, tasks: [] })).toEqual([]);
  });
});

describe('rangeTasks', () => {
  it('covers the range once, in tasks that shrink from the largest size to the least', () => {
    const tasks = rangeTasks(0, 10_000, 2, { minRuns: 25, maxRuns: 250 });
    expect(tasks.length).toBe(58);
    expect(tasks[0]).toEqual([0, 250]);
    expect(tasks.at(-1)![1]).toBe(10_000);
    tasks.forEach(([from, to], t) => {
      expect(from).toBe(t === 0 ? 0 : tasks[t - 1]![1]);
      // Only the last task, the remainder, may be smaller than the least size.
      if (t < tasks.length - 1) expect(to - from).toBeGreaterThanOrEqual(25);
      expect(to - from).toBeLessThanOrEqual(250);
      if (t > 0) expect(to - from).toBeLessThanOrEqual(tasks[t - 1]![1] - tasks[t - 1]![0]);
    });
  });
});

describe('WorkerPool', () => {
  /** Answers each task with the worker's thread id, the job's context and the task. */
  async function echoScript(): Promise<URL> {
    return script(
      'echo.mjs',
      `parentPort.postMessage({ type: 'result', index, result: { thread: threadId, job: globalThis.context, task } });`,
    );
  }

  it('keeps its workers between jobs and sends each job its context with its tasks', async () => {
    // Task 0 holds its thread until task 1 is taken: two threads must serve each job.
    const url = await script(
      'pair.mjs',
      `const { name, barrier } = globalThis.context;
       const flag = new Int32Array(barrier);
       if (index === 0) Atomics.wait(flag, 0, 0, 10_000);
       if (index === 1) { Atomics.store(flag, 0, 1); Atomics.notify(flag, 0); }
       parentPort.postMessage({ type: 'result', index, result: { thread: threadId, job: name, task } });`,
    );
    type Echo = { thread: number; job: string; task: number };
    const pool = new WorkerPool<number, Echo, { name: string; barrier: SharedArrayBuffer }>(url);
    const context = (name: string) => ({ name, barrier: new SharedArrayBuffer(4) });
    try {
      const first = await pool.run({ tasks: [1, 2, 3, 4], workers: 2, context: context('study A') });
      const second = await pool.run({ tasks: [5, 6], workers: 2, context: context('study B') });
      expect(first.map((result) => [result.job, result.task])).toEqual([
        ['study A', 1],
        ['study A', 2],
        ['study A', 3],
        ['study A', 4],
      ]);
      expect(second.map((result) => [result.job, result.task])).toEqual([
        ['study B', 5],
        ['study B', 6],
      ]);
      // Two workers served the first job; the second ran on the same two threads, none new.
      const threads = new Set(first.map((result) => result.thread));
      expect(threads.size).toBe(2);
      expect(new Set(second.map((result) => result.thread))).toEqual(threads);
    } finally {
      await pool.close();
    }
  });

  it('runs jobs started together one after the other, each with its own context', async () => {
    const pool = new WorkerPool<number, { job: string; task: number }, string>(await echoScript());
    try {
      const [a, b] = await Promise.all([
        pool.run({ tasks: [1, 2, 3], workers: 2, context: 'A' }),
        pool.run({ tasks: [4, 5, 6], workers: 2, context: 'B' }),
      ]);
      expect(a.map((result) => `${result.job}${result.task}`)).toEqual(['A1', 'A2', 'A3']);
      expect(b.map((result) => `${result.job}${result.task}`)).toEqual(['B4', 'B5', 'B6']);
    } finally {
      await pool.close();
    }
  });

  it('hands the workers their tasks before run returns, so this thread can work meanwhile', async () => {
    // The worker raises a shared flag when it gets its task; this thread waits for the flag without
    // yielding to the event loop, as it does while it computes a study's exact analysis.
    const url = await script(
      'flag.mjs',
      `const flag = new Int32Array(globalThis.context);
       Atomics.store(flag, 0, 1); Atomics.notify(flag, 0);
       parentPort.postMessage({ type: 'result', index, result: task });`,
    );
    const pool = new WorkerPool<number, number, SharedArrayBuffer>(url);
    try {
      const shared = new SharedArrayBuffer(4);
      const job = pool.run({ tasks: [7], workers: 1, context: shared });
      expect(Atomics.wait(new Int32Array(shared), 0, 0, 10_000)).not.toBe('timed-out');
      expect(await job).toEqual([7]);
    } finally {
      await pool.close();
    }
  });

  it('a worker goes on taking tasks while this thread is busy and yields to nothing', async () => {
    // The worker counts the tasks it took in shared memory; this thread blocks until it took 5, which it
    // can only do by taking them itself from the job's counter (nobody hands it any meanwhile).
    const url = await script(
      'counts.mjs',
      `const taken = new Int32Array(globalThis.context);
       Atomics.add(taken, 0, 1); Atomics.notify(taken, 0);
       parentPort.postMessage({ type: 'result', index, result: task });`,
    );
    const pool = new WorkerPool<number, number, SharedArrayBuffer>(url);
    try {
      const shared = new SharedArrayBuffer(4);
      const taken = new Int32Array(shared);
      const tasks = Array.from({ length: 12 }, (_, i) => i);
      const job = pool.run({ tasks, workers: 2, context: shared, runHere: (task) => task });
      for (let seen = 0; seen < 5; seen = Atomics.load(taken, 0)) {
        expect(Atomics.wait(taken, 0, seen, 10_000)).not.toBe('timed-out');
      }
      expect(await job).toEqual(tasks);
    } finally {
      await pool.close();
    }
  });

  it('starts fresh workers for the next job after one fails', async () => {
    const url = await script(
      'failsOnce.mjs',
      `if (task < 0) parentPort.postMessage({ type: 'error', message: 'negative task' });
       else parentPort.postMessage({ type: 'result', index, result: task + 1 });`,
    );
    const pool = new WorkerPool<number, number, string>(url);
    try {
      await expect(pool.run({ tasks: [1, -1, 2], workers: 2, context: 'x' })).rejects.toThrow(
        'negative task',
      );
      expect(await pool.run({ tasks: [1, 2, 3], workers: 2, context: 'y' })).toEqual([2, 3, 4]);
    } finally {
      await pool.close();
    }
  });

  it('lets the process exit while its workers wait idle, prestarted or after a job', async () => {
    await ensureBuilt();
    const url = await echoScript();
    const pool = new URL('../../dist/src/io/workerPool.js', import.meta.url).href;
    // A child process that prestarts two workers, runs a job, and then simply ends its script.
    const main = join(dir, 'main.mjs');
    await writeFile(
      main,
      `const { WorkerPool } = await import(${JSON.stringify(pool)});
      const pool = new WorkerPool(new URL(${JSON.stringify(url.href)}));
      pool.prestart(2);
      const results = await pool.run({ tasks: [1, 2, 3], workers: 2, context: 'c' });
      console.log(results.map((result) => result.task).join(','));`,
    );
    const child = spawnSync(process.execPath, [main], { encoding: 'utf8', timeout: 20_000 });
    expect(child.signal, 'still running when killed: the idle workers kept it alive').toBeNull();
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('1,2,3');
    expect(child.status).toBe(0);
  });
});
