import { once } from 'node:events';
import { createWriteStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { replayObservationsFile } from '../../src/io/readObservations.js';
import { makePlan } from '../engine/makePlan.js';
import { HEADER } from '../replay/fixtures.js';
import { tempDir } from '../support/tempDir.js';

const ROWS = 1_000_000;
const DAY_MS = 86_400_000;

/** 500,000 recorded points two seconds apart, two segment rows each: a 1M-row file, written as a stream. */
async function writeLargeCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${HEADER.replace('phase,at,', 'phase,at,segment,')}\n`);
  let chunk = '';
  for (let point = 1; point <= ROWS / 2; point++) {
    const requests = point * 2;
    const errors = Math.floor(point / 1000);
    chunk += `soak,${point * 2}s,a,${requests},${errors},45,0.9997,0.001\nsoak,${point * 2}s,b,${requests},0,40,0.9997,0.001\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

it(`replays ${ROWS.toLocaleString('en')} rows in bounded memory`, async () => {
  const dir = tempDir();
  const path = join(dir, 'large.csv');
  await writeLargeCsv(path);
  const plan = makePlan({
    segments: [
      { id: 'a', share: 0.5 },
      { id: 'b', share: 0.5 },
    ],
    guards: [{ metric: 'errorRate', op: 'above', threshold: 0.5 }],
    phases: [
      {
        name: 'soak',
        traffic: 1,
        durationMs: 12 * DAY_MS,
        checkpointsMs: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((days) => days * DAY_MS),
        gates: [{ metric: 'errorRate', op: 'below', threshold: 0.01 }],
      },
    ],
  });
  // Live heap, not garbage: collect before each sample (the flag enables `gc` in contexts created after it).
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const baseline = process.memoryUsage().heapUsed;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    gc();
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed - baseline);
  }, 200);
  const { rehearsal, replay } = await replayObservationsFile(path, plan, { lenient: false }).finally(() => {
    clearInterval(sampler);
    rmSync(dir, { recursive: true, force: true });
  });
  expect(replay.rows).toBe(ROWS);
  expect(replay.points).toBe(ROWS / 2);
  // Checkpoints at whole days: 1d = 86,400 s is point 43,200, with 86,400 × 2 requests and 43 errors.
  const first = rehearsal.phases[0]!.checkpoints[0]!;
  expect(first.metrics.requests).toBe(2 * 86_400);
  expect(first.metrics.errorRate).toBe(43 / (2 * 86_400));
  // 11 full days recorded (1,000,000 s ≈ 11.6 d): the 12d checkpoint has no row, so the phase halts.
  expect(rehearsal.phases[0]!.checkpoints.map((checkpoint) => checkpoint.verdict)).toEqual([
    ...Array.from({ length: 11 }, () => 'pass'),
    'inconclusive',
  ]);
  // The file is ~50 MB; holding its rows would take hundreds of MB of heap. Replay holds one open point
  // per phase and the checkpoint results: the live heap stays within a few MB whatever the file's length.
  expect(peakHeap).toBeLessThan(16 * 1024 * 1024);
}, 120_000);
