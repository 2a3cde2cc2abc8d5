import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Condition } from '../../src/gates/index.js';
import { formatPercent } from '../../src/gates/index.js';
import { readScenario } from '../../src/io/readScenario.js';
import { readWhatifTemplates } from '../../src/io/whatifScenario.js';
import { buildWhatifView } from '../../src/report/buildWhatifView.js';
import { renderReport, stringifyWhatif, WHATIF_REPORT } from '../../src/report/index.js';
import { formatDuration } from '../../src/scenario/duration.js';
import { formatProblem, type Plan } from '../../src/scenario/index.js';
import type { NamedFault } from '../../src/whatif/namedFault.js';
import { parseFaultFile } from '../../src/whatif/parseFaultFile.js';
import { summarizeWhatif } from '../../src/whatif/summarizeWhatif.js';
import { prepareWhatif, runWhatifInThread, type WhatifJob, whatifRun } from '../../src/whatif/whatif.js';
import type { WhatifResults } from '../../src/whatif/whatifResults.js';
import { makePlan } from '../engine/makePlan.js';
import { makeFault } from '../support/makeFault.js';
import { schemaErrors } from '../support/schemaErrors.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const P99_GUARD: Condition = { metric: 'p99LatencyMs', op: 'above', threshold: 250 };
const META = {
  tool: { name: 'rollout-rehearsal', version: '0.0.0-test' },
  scenarioFile: 'fixture.yaml',
  fidelity: 'aggregate' as const,
};

function named(fault: NamedFault['fault'], name: string, claim: NamedFault['claim'] = null): NamedFault {
  return { name, source: 'test', spec: name, fault, claim };
}

async function whatif(plan: Plan, faults: NamedFault[], runs: number, seed = 11): Promise<WhatifResults> {
  const job: WhatifJob = { plan, faults: faults.map((each) => each.fault), seed, fidelity: 'aggregate' };
  return summarizeWhatif(plan, faults, await runWhatifInThread(job, runs), { ...META, seed });
}

/**
 * A busy canary: 100,000 learners at 24 requests per learner-hour, 5% (5,000 learners) on the candidate,
 * so a 30 s window holds 5,000 × 24 / 120 = 1,000 requests on average; a 2 h canary with the seed plan's
 * 250 ms p99 guard and no gates.
 */
function busyCanary(): Plan {
  return makePlan({
    learners: 100_000,
    requestsPerLearnerHour: 24,
    guards: [P99_GUARD],
    phases: [
      { name: 'canary', traffic: 0.05, durationMs: 2 * HOUR_MS, checkpointsMs: [HOUR_MS, 2 * HOUR_MS] },
    ],
  });
}

const spike = makeFault(
  'latency-spike',
  { factor: 10, share: 1 },
  { atMs: 30 * MINUTE_MS, durationMs: 20 * MINUTE_MS },
);

describe('whatif: a ×10 latency spike against a 250 ms p99 guard', () => {
  let busy: WhatifResults;
  let markdown: string;

  beforeAll(async () => {
    busy = await whatif(busyCanary(), [named(spike, 'Latency spike ×10')], 200);
    const templates = await readWhatifTemplates('templates');
    markdown = (await renderReport(WHATIF_REPORT, busy, templates)).find((file) => file.name === 'whatif.md')!
      .content as string;
  });

  it('is caught within one interval in every run of a canary with ~1,000 requests per window', () => {
    // p99 of a window under the spike ≈ 10 × 46 = 460 ms against 250 ms: the first window trips.
    const [row] = busy.faults;
    expect(row!.pOccurred.p).toBe(1);
    expect(row!.pDetected.p).toBe(1);
    expect(row!.pDetected.ci95[0]).toBeGreaterThan(0.98);
    expect(row!.detectedBy).toEqual([
      expect.objectContaining({
        kind: 'guard',
        metric: 'p99LatencyMs',
        condition: 'guard p99LatencyMs > 250 ms',
        share: 1,
      }),
    ]);
    expect(row!.timeToDetectMs).toEqual({ p10: 30_000, p50: 30_000, p90: 30_000 });
    expect(row!.timeToRollbackMs).toEqual({ p10: 30_000, p50: 30_000, p90: 30_000 });
    // 1,000 requests met the spike before the rollback: the expected count (5,000 learners × 24 requests an
    // hour × 30 s), the same in every run.
    expect(row!.requestsExposed!.p50).toBeCloseTo(1000, 6);
  });

  it('whatif.md says so with the figures', () => {
    expect(markdown).toContain(
      'Detected in 100.00% of the 200 runs in which it began (100.00% of 200; 95% CI 98.12% to 100.00%), first by guard p99LatencyMs > 250 ms in 100.00% of those. ' +
        'Detection came 30s after the fault began at the median (1 interval of 30s; p90 30s), the rollback 30s after (p90 30s).',
    );
    expect(markdown).toContain(
      '| 1 | Latency spike ×10 | 100.00% | 100.00% (95% CI 98.12% to 100.00%) | guard p99LatencyMs > 250 ms (100.00%) | 30s / 30s | 30s / 30s |',
    );
  });
});

describe('whatif: the seed report residual risks on the seed plan (thin canary traffic)', () => {
  let plan: Plan;
  let seedRisks: WhatifResults;
  let markdown: string;

  beforeAll(async () => {
    plan = await readScenario('scenarios/sprint2-rollout.yaml');
    const file = 'scenarios/faults/seed-risks.yaml';
    const parsed = parseFaultFile(await readFile(file, 'utf8'), file, plan);
    if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
    seedRisks = await whatif(plan, parsed.faults, 200, plan.seed);
    const templates = await readWhatifTemplates('templates');
    markdown = (await renderReport(WHATIF_REPORT, seedRisks, templates)).find(
      (file) => file.name === 'whatif.md',
    )!.content as string;
  });

  it('shows the p99 guard at ~1.6 requests per window as it is: one slow request trips it, an empty window cannot', () => {
    const row = seedRisks.faults.find((each) => each.fault.kind === 'latency-spike')!;
    expect(row.requestsPerInterval).toBeCloseTo(380 / 240, 1);
    expect(markdown).toContain('While it acted, a 30s interval held 1.58 of the requests it hit on average.');
    // A window holds Poisson(380 / 240 ≈ 1.6) requests: empty in e^−1.6 ≈ 21% of windows, where the guard has
    // no value and cannot trip; and a ×10 request (median 250 ms) is above 250 ms only about half the time.
    expect(row.pDetected.p).toBeGreaterThan(0.95);
    expect(row.timeToDetectMs!.p50).toBeGreaterThanOrEqual(30_000);
    expect(row.timeToDetectMs!.p90).toBeGreaterThan(30_000);
    const [first] = row.detectedBy;
    expect(markdown).toContain(
      `Detected in ${formatPercent(row.pDetected.p!)} of the ${row.pDetected.runs} runs in which it began (${formatPercent(row.pOccurred.p!)} of 200; `,
    );
    expect(markdown).toContain(
      `first by ${first!.condition} in ${formatPercent(first!.share)} of those. Detection came ${formatDuration(row.timeToDetectMs!.p50)} after the fault began at the median`,
    );
    expect(markdown).toContain(`p90 ${formatDuration(row.timeToDetectMs!.p90)}`);
  });

  it('reports the data inconsistency as undetected: the plan has no integrity gate', () => {
    const row = seedRisks.faults.find((each) => each.fault.kind === 'data-inconsistency')!;
    expect(row.pOccurred.runs).toBe(200);
    expect(row.pDetected).toMatchObject({ p: 0 });
    expect(row.pUndetected).toMatchObject({ p: 1 });
    expect(row.detectedBy).toEqual([]);
    expect(row.wrongResponses!.p50).toBeGreaterThan(0);
    expect(row.claim).toMatchObject({ detectedBy: 'integrityErrorRate', pHolds: { p: 0 } });
    expect(markdown).toMatch(
      /### \d\. Data inconsistency \(2% of responses, ramp, 1 h\)\n\nWhile it acted, a 30s interval held [\d.,]+ of the requests it hit on average\. Undetected in all \d+ runs in which it began/,
    );
  });

  it('sorts rows by expected harm and ranks them 1..n', () => {
    const rows = seedRisks.faults;
    expect(rows.map((row) => row.rank)).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < rows.length; i++) {
      const [before, after] = [rows[i - 1]!.expectedHarm, rows[i]!.expectedHarm];
      expect(
        before.revenueLostUsd > after.revenueLostUsd ||
          (before.revenueLostUsd === after.revenueLostUsd && before.badResponses >= after.badResponses),
      ).toBe(true);
    }
  });

  it('writes whatif.json that the schema accepts, with the contract fields', () => {
    const json = JSON.parse(stringifyWhatif(seedRisks));
    expect(schemaErrors('whatif', json)).toEqual([]);
    expect(json).toMatchObject({
      schemaVersion: 1,
      tool: { name: 'rollout-rehearsal' },
      scenario: { name: 'Sprint 2 cohort analyzer', sha256: plan.scenarioSha256 },
      seed: 20251031,
      fidelity: 'aggregate',
      runs: 200,
    });
  });
});

describe('whatif: detection is credited only for what the plan can see', () => {
  const plan = (guards: Condition[]) =>
    makePlan({
      learners: 100_000,
      requestsPerLearnerHour: 24,
      candidate: { errorRate: 0.001 },
      guards,
      phases: [{ name: 'canary', traffic: 0.05, durationMs: HOUR_MS, checkpointsMs: [HOUR_MS] }],
    });
  const inconsistency = makeFault(
    'data-inconsistency',
    { share: 0.02 },
    { atMs: 15 * MINUTE_MS, durationMs: 30 * MINUTE_MS },
  );

  it('data inconsistency: undetected without an integrity gate; caught at once by an integrity guard', async () => {
    const errorGuard: Condition = { metric: 'errorRate', op: 'above', threshold: 0.015 };
    const without = await whatif(plan([errorGuard]), [named(inconsistency, 'wrong data')], 100);
    expect(without.faults[0]).toMatchObject({ pDetected: { p: 0 }, outcomes: { detected: 0 } });

    const integrityGuard: Condition = { metric: 'integrityErrorRate', op: 'above', threshold: 0.005 };
    const claim = { says: 'integrity checks', detectedBy: 'integrityErrorRate' as const, withinMs: 60_000 };
    const caught = await whatif(
      plan([errorGuard, integrityGuard]),
      [named(inconsistency, 'wrong data', claim)],
      100,
    );
    const [row] = caught.faults;
    expect(row!.pDetected.p).toBe(1);
    expect(row!.detectedBy[0]).toMatchObject({ kind: 'guard', metric: 'integrityErrorRate', share: 1 });
    expect(row!.timeToDetectMs!.p90).toBe(30_000);
    expect(row!.claim!.pHolds.p).toBe(1);
  });

  it('a fault that changes nothing is never credited: both runs share every draw', async () => {
    const noop = makeFault('traffic-surge', { factor: 1 }, { atMs: 0, durationMs: HOUR_MS });
    const noisy: Condition = { metric: 'errorRate', op: 'above', threshold: 0.0015 };
    const results = await whatif(plan([noisy]), [named(noop, 'nothing')], 100);
    expect(results.reference.pStopped.p).toBeGreaterThan(0.5);
    expect(results.faults[0]).toMatchObject({ pOccurred: { p: 1 }, pDetected: { p: 0 } });
    expect(results.faults[0]!.outcomes.stoppedAnyway).toBeGreaterThan(50);
  });

  it('a fault the rollout never reaches never began: no detection rate, and the report says why', async () => {
    const failsAt15m = makePlan({
      phases: [
        {
          name: 'canary',
          checkpointsMs: [15 * MINUTE_MS, HOUR_MS],
          durationMs: HOUR_MS,
          gates: [{ metric: 'requests', op: 'above', threshold: 1e9 }],
        },
      ],
    });
    const late = makeFault(
      'outage',
      { availability: 0 },
      { atMs: 30 * MINUTE_MS, durationMs: 10 * MINUTE_MS },
    );
    const results = await whatif(failsAt15m, [named(late, 'late outage')], 20);
    expect(results.faults[0]).toMatchObject({
      pOccurred: { p: 0 },
      pDetected: { p: null, runs: 0 },
      timeToDetectMs: null,
    });
    expect(buildWhatifView(results).rows[0]!.summary).toBe(
      'It never began in 20 runs: every rehearsal ended (completed or stopped) before it.',
    );
    expect(buildWhatifView(results).headline).toBe(
      'Injected late outage: the plan did not catch it in any run, since it began in none.',
    );
    expect(schemaErrors('whatif', JSON.parse(stringifyWhatif(results)))).toEqual([]);
  });
});

describe('whatif: the headline', () => {
  it('names what was injected, whether the plan caught it and how often, with the interval', async () => {
    const plan = busyCanary();
    const one = await whatif(plan, [named(spike, 'the spike')], 20);
    const row = one.faults[0]!;
    const [lo, hi] = row.pDetected.ci95;
    expect(row.pDetected.p).toBeGreaterThan(0);
    expect(buildWhatifView(one).headline).toBe(
      `Injected the spike: the plan caught it in ${formatPercent(row.pDetected.p!)} of the ${row.pDetected.runs} runs it began in (95% CI ${formatPercent(lo)} to ${formatPercent(hi)}).`,
    );
    const noop = makeFault('traffic-surge', { factor: 1 }, { atMs: 0, durationMs: HOUR_MS });
    const two = await whatif(plan, [named(spike, 'the spike'), named(noop, 'nothing')], 20);
    expect(buildWhatifView(two).headline).toMatch(
      /^Injected 2 faults, each on its own: the plan caught \d of them in at least 95% of the runs each began in; the one it caught least, nothing, it did not catch in any of the 20 runs it began in \(95% CI 0\.00% to /,
    );
  });
});

describe('whatif: determinism', () => {
  it('gives byte-identical whatif.json whatever order the runs come back in', async () => {
    const plan = busyCanary();
    const faults = [
      named(spike, 'spike'),
      named(makeFault('error-spike', { addedErrorRate: 0.05 }), 'errors'),
    ];
    const job: WhatifJob = { plan, faults: faults.map((each) => each.fault), seed: 3, fidelity: 'aggregate' };
    const inOrder = await runWhatifInThread(job, 12);
    const shuffled = [...inOrder].reverse();
    const text = (runs: typeof inOrder) =>
      stringifyWhatif(summarizeWhatif(plan, faults, runs, { ...META, seed: 3 }));
    expect(text(shuffled)).toBe(text(inOrder));
    expect(whatifRun(prepareWhatif({ ...job }), 5)).toEqual(inOrder[5]);
  });
});
