import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { trafficCommand } from '../../src/cli/commands/traffic.js';
import { formatRequestLogInterval, phaseRequestLog, rehearse } from '../../src/engine/index.js';
import { InputError } from '../../src/errors.js';
import { makePlan } from './makePlan.js';

const HOUR_MS = 3_600_000;

setFlagsFromString('--expose_gc');
/** V8's garbage collector, so that heap samples measure what is retained rather than garbage not yet collected. */
const collectGarbage = runInNewContext('gc') as () => void;

function retainedHeap(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/**
 * A sink that counts what it is given and keeps none of it, slow enough (one write per event-loop turn)
 * that the writer has to wait for 'drain'. Every 2 MB it samples the retained heap.
 */
class CountingSink extends Writable {
  bytes = 0;
  lines = 0;
  maxHeapGrowth = 0;
  private readonly heapAtStart = retainedHeap();
  private nextSampleAt = 2_000_000;

  constructor() {
    super({ highWaterMark: 64 * 1024 });
  }

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) this.lines++;
    if (this.bytes >= this.nextSampleAt) {
      this.nextSampleAt += 2_000_000;
      this.maxHeapGrowth = Math.max(this.maxHeapGrowth, retainedHeap() - this.heapAtStart);
    }
    setImmediate(done);
  }
}

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

describe('phaseRequestLog', () => {
  const plan = makePlan({
    learners: 4000,
    requestsPerLearnerHour: 3,
    segments: [
      { id: 'web', share: 0.6 },
      { id: 'mobile', share: 0.4 },
    ],
    candidate: { availability: 0.99, meanOutageMs: 60_000, errorRate: 0.01 },
    phases: [
      { name: 'canary', traffic: 0.05, durationMs: HOUR_MS, checkpointsMs: [HOUR_MS] },
      { name: 'ramp', traffic: 0.25, durationMs: HOUR_MS, checkpointsMs: [HOUR_MS / 2, HOUR_MS] },
    ],
  });

  it('holds exactly the requests a request-fidelity rehearsal with the same seed simulates in that phase', () => {
    const rehearsal = rehearse(plan, { seed: 8, fidelity: 'request' });
    expect(rehearsal.outcome.status).toBe('completed');
    let candidate = 0;
    let baseline = 0;
    let candidateErrors = 0;
    for (const interval of phaseRequestLog(plan, 1, 8)) {
      candidate += interval.candidate.count;
      baseline += interval.baseline.count;
      for (let i = 0; i < interval.candidate.count; i++)
        if (interval.candidate.status[i] !== 200) candidateErrors++;
    }
    const ramp = rehearsal.phases[1]!;
    expect(candidate).toBe(ramp.candidate.requests);
    expect(candidateErrors).toBe(ramp.candidate.errors);
    expect(baseline).toBe(ramp.baseline.requests);
  });

  it('formats rows merged in time order, with learners of the right cohort and segment', () => {
    const segmentIds = plan.segments.map((segment) => segment.id);
    const rows: string[] = [];
    for (const interval of phaseRequestLog(plan, 0, 8)) {
      rows.push(
        ...formatRequestLogInterval(interval, segmentIds, 'csv', Number.POSITIVE_INFINITY)
          .text.split('\n')
          .slice(0, -1),
      );
    }
    expect(rows.length).toBeGreaterThan(10_000);
    const times = rows.map((row) => Date.parse(row.split(',')[0]!));
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
    expect(times[0]).toBeGreaterThanOrEqual(Date.UTC(2025, 9, 31, 12));
    expect(times.at(-1)).toBeLessThan(Date.UTC(2025, 9, 31, 13));
    // Learners are numbered segment by segment (web 0..2399, mobile 2400..3999); the canary's 200
    // candidates are the first 120 of web and the first 80 of mobile.
    for (const row of rows) {
      const [, learner, segment, cohort, latency, status] = row.split(',');
      const id = Number(learner!.slice(1));
      const first = segment === 'web' ? 0 : 2400;
      const candidates = segment === 'web' ? 120 : 80;
      const inCandidate = id >= first && id < first + candidates;
      expect(cohort === 'candidate').toBe(inCandidate);
      expect(Number(latency)).toBeGreaterThan(0);
      expect(['200', '500', '503']).toContain(status);
    }
  });
});

/** stderr as a CI log has it (not a terminal); these tests do not read what goes there. */
const NO_TTY = { write: () => true, isTTY: false };

describe('rehearse traffic', () => {
  it('streams the default scenario as CSV or NDJSON, honouring --limit and --seed', async () => {
    const csv = new CountingSink();
    expect(
      await trafficCommand(undefined, { phase: 'canary', limit: '50' }, { stdout: csv, stderr: NO_TTY }),
    ).toBe(50);
    csv.end();
    await once(csv, 'finish');
    expect(csv.lines).toBe(51);
    const folder = await mkdtemp(join(tmpdir(), 'traffic-'));
    folders.push(folder);
    const out = join(folder, 'canary.ndjson');
    await trafficCommand(
      undefined,
      { phase: 'canary', format: 'ndjson', seed: '5', limit: '20', out },
      { stdout: new CountingSink(), stderr: NO_TTY },
    );
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(20);
    expect(Object.keys(JSON.parse(lines[0]!))).toEqual([
      'timestamp',
      'learner_id',
      'segment',
      'cohort',
      'latency_ms',
      'status',
    ]);
    expect(await readdir(folder)).toEqual(['canary.ndjson']);
  });

  it('shows it is alive in a log: heartbeat lines in simulated minutes, none with --quiet', async () => {
    for (const quiet of [false, true]) {
      const written: string[] = [];
      let nowMs = 0;
      await trafficCommand(
        undefined,
        { phase: 'canary', limit: '3000', quiet },
        {
          stdout: new CountingSink(),
          stderr: { write: (text: string) => written.push(text), isTTY: false },
          now: () => (nowMs += 5000),
        },
      );
      // The canary is 2 h: 120 simulated minutes; 3,000 rows are its first ten minutes or so.
      if (quiet) expect(written).toEqual([]);
      else expect(written[0]).toMatch(/^traffic: [\d.]+\/120 simulated minutes \(\d+%\), 10s elapsed, /);
    }
  });

  it('reports every bad flag at once as bad input', async () => {
    const attempt = trafficCommand(
      undefined,
      { phase: 'nope', format: 'xml', seed: '-1', limit: '0' },
      { stdout: new CountingSink(), stderr: NO_TTY },
    );
    await expect(attempt).rejects.toBeInstanceOf(InputError);
    const error = (await attempt.catch((caught: unknown) => caught)) as InputError;
    expect(error.problems.map((problem) => problem.file)).toEqual([
      '--phase',
      '--format',
      '--seed',
      '--limit',
    ]);
  });

  it('streams a day of 500,000 learners in bounded memory, waiting for a slow reader', async () => {
    // The default scenario's 100% phase: 500,000 learners × 0.038 requests/learner-hour ≈ 456,000 requests a
    // day, ~40 MB of CSV. Holding the log would grow the heap by at least that; streaming keeps it to one
    // interval's rows plus the sink's buffer: the retained heap (sampled after a full GC) stays under 8 MB.
    const sink = new CountingSink();
    const rows = await trafficCommand(
      undefined,
      { phase: 'rollout', limit: '456000', quiet: true },
      { stdout: sink, stderr: NO_TTY },
    );
    expect(rows).toBe(456_000);
    sink.end();
    await once(sink, 'finish');
    expect(sink.bytes).toBeGreaterThan(30_000_000);
    expect(sink.maxHeapGrowth).toBeLessThan(8_000_000);
  });
});
