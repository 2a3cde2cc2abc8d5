import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInWorkerPool } from '../../src/io/workerPool.js';

let dir: string;

/** A worker script in plain JavaScript, as the pool runs them. */
async function script(name: string, onTask: string): Promise<URL> {
  const path = join(dir, name);
  await writeFile(
    path,
    `import { parentPort, workerData } from 'node:worker_threads';
parentPort.on('message', ({ index, task }) => { ${onTask} });\n`,
  );
  return pathToFileURL(path);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rehearse-pool-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runInWorkerPool', () => {
  it('returns results in task order, whatever order they finish in, with progress', async () => {
    // Earlier tasks sleep longer, so they finish last.
    const url = await script(
      'square.mjs',
      `setTimeout(() => { parentPort.postMessage({ type: 'progress', done: 1 });
        parentPort.postMessage({ type: 'result', index, result: task * task + workerData.offset }); }, (8 - task) * 5);`,
    );
    let progress = 0;
    const results = await runInWorkerPool<number, number>({
      script: url,
      workerData: { offset: 1 },
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
    const results = await runInWorkerPool<number, number>({
      script: url,
      workerData: null,
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

  it('rejects with the error a worker reports', async () => {
    const url = await script(
      'fails.mjs',
      `if (task === 2) parentPort.postMessage({ type: 'error', message: 'task 2 went wrong' });
       else parentPort.postMessage({ type: 'result', index, result: task });`,
    );
    await expect(
      runInWorkerPool({ script: url, workerData: null, workers: 2, tasks: [0, 1, 2, 3] }),
    ).rejects.toThrow('task 2 went wrong');
  });

  it('rejects when a worker dies holding a task', async () => {
    const url = await script('dies.mjs', `process.exit(7);`);
    await expect(runInWorkerPool({ script: url, workerData: null, workers: 1, tasks: [0] })).rejects.toThrow(
      /exit code 7/,
    );
  });

  it('resolves at once with no tasks', async () => {
    const url = await script('idle.mjs', '');
    expect(await runInWorkerPool({ script: url, workerData: null, workers: 2, tasks: [] })).toEqual([]);
  });
});
