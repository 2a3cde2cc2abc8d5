import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineContext, type Rehearsal, rehearse } from '../../src/engine/index.js';
import { QUIET_SPAN_TOLERANCE, quietSpans } from '../../src/engine/quietSpans.js';
import { errorTriplessAt, quantileTriplessAt, tripPhase } from '../../src/engine/tripSpans.js';
import { poissonUpperTail } from '../../src/engine/windowTailBound.js';
import { defaultLatencyBucketsMs, emptyWindowStats, guardTrips } from '../../src/gates/index.js';
import { readScenario } from '../../src/io/readScenario.js';
import type { Plan } from '../../src/scenario/index.js';
import { chiSquareTest } from '../random/support/goodnessOfFit.js';
import { makePlan } from './makePlan.js';
import { chiSquareTwoSample, ksTwoSample, meanZ, TWO_SAMPLE_ALPHA, Z_LIMIT } from './twoSample.js';

const HOUR_MS = 3_600_000;
const scenarios = join(import.meta.dirname, '../../scenarios');

describe('the trip-span closed forms', () => {
  // scipy 1.17: poisson.sf(n - 1, mean).
  it.each([
    [67, 1.5833333333333333, 1.35517107047764e-82, 1e-12],
    [67, 15.833333333333334, 1.1158788667512715e-21, 1e-12],
    [5, 2, 0.052653017343711125, 1e-12],
    [3, 0.3, 0.003599493183089468, 1e-12],
  ])('poissonUpperTail(%d, %d) is scipy poisson.sf(n − 1)', (n, mean, expected, relative) => {
    expect(Math.abs(poissonUpperTail(n, mean) / expected - 1)).toBeLessThan(relative);
  });

  it('is 1 at or below the mean and 0 without requests', () => {
    expect(poissonUpperTail(3, 3)).toBe(1);
    expect(poissonUpperTail(3, 0)).toBe(0);
  });

  /** A window of n requests: one hit (an error, or a request in `bucket`), the rest in bucket 0 without error. */
  function window(n: number, hit: 'error' | number) {
    const stats = emptyWindowStats(defaultLatencyBucketsMs(), 1);
    stats.requests = n;
    stats.latencyCounts[0] = n - 1;
    if (hit === 'error') {
      stats.errors = 1;
      stats.latencyCounts[0]! += 1;
    } else stats.latencyCounts[hit]! += 1;
    return stats;
  }

  it('errorRate above 1.5%: one error trips below 67 requests and not at 67', () => {
    const guard = { metric: 'errorRate' as const, op: 'above' as const, threshold: 0.015 };
    const n = errorTriplessAt(0.015);
    expect(n).toBe(67);
    for (let k = 1; k < n; k++) expect(guardTrips(guard, window(k, 'error'))).toBe(true);
    expect(guardTrips(guard, window(n, 'error'))).toBe(false);
  });

  it('p99 above 250 ms (inside the bucket 248–260.4): one request from that bucket trips below n*, not at n*', () => {
    const bounds = defaultLatencyBucketsMs();
    const first = bounds.findIndex((b) => b > 250);
    expect(bounds[first - 1]).toBe(248);
    const n = quantileTriplessAt(0.99, bounds[first - 1]!, bounds[first]!, 250);
    // 248 + 12.4·(1 − 0.01·N) > 250 ⇔ N < 83.87.
    expect(n).toBe(84);
    const guard = { metric: 'p99LatencyMs' as const, op: 'above' as const, threshold: 250 };
    for (let k = 1; k < n; k++) {
      expect(guardTrips(guard, window(k, first))).toBe(true);
      expect(guardTrips(guard, window(k, bounds.length))).toBe(true); // +Inf
      expect(guardTrips(guard, window(k, first - 1))).toBe(false);
    }
    expect(guardTrips(guard, window(n, first))).toBe(false);
    // At a bound the interpolation starts at it: the 0.99 rank leaves the top bucket at 100 requests.
    expect(quantileTriplessAt(0.99, 248, 260.4, 248)).toBe(100);
  });

  it('qualifies the default plan’s canary and ramp (bound within the per-check budget), not its 100% phase', async () => {
    const plan = await readScenario(join(scenarios, 'sprint2-rollout.yaml'));
    const context = new EngineContext();
    const setup = context.setup(plan);
    const quiet = quietSpans(setup, context.bucketTables);
    const [canary, ramp, rollout] = quiet.trips;
    expect(canary).not.toBeNull();
    expect(ramp).not.toBeNull();
    expect(rollout).toBeNull();
    expect(canary!.minTripless).toBe(67);
    for (const trip of [canary!, ramp!]) {
      expect(trip.perCheckBound * quiet.checks).toBeLessThanOrEqual(QUIET_SPAN_TOLERANCE);
      expect(trip.perCheckBound).toBeCloseTo(
        poissonUpperTail(67, (trip.hitsPerHour + trip.restPerHour) / 120),
        90,
      );
    }
    // Hits per hour: Σ w_s·(1 − (1 − e_s)(1 − s_s)), here ≈ the error rate (the tail past 248 ms is ~1e-11).
    const perHour = setup.phases[0]!.candidateBySegment.reduce(
      (sum, learners, s) => sum + learners * setup.requestsPerLearnerHour[s]!,
      0,
    );
    expect(canary!.hitsPerHour / perHour).toBeCloseTo(0.00079, 9);
    expect(canary!.hitsPerHour + canary!.restPerHour).toBeCloseTo(perHour, 9);
    // A guard on two intervals' window, or of 2 consecutive checks, does not qualify.
    expect(
      tripPhase({ ...setup, guardWindowIntervals: 2 }, setup.phases[0]!, context.bucketTables, 1),
    ).toBeNull();
    const streak = setup.guards.map((guard) => ({ ...guard, consecutive: 2 }));
    expect(tripPhase({ ...setup, guards: streak }, setup.phases[0]!, context.bucketTables, 1)).toBeNull();
  });
});

function sample(plan: Plan, runs: number, skip: boolean, seed: number): Rehearsal[] {
  const context = new EngineContext();
  return Array.from({ length: runs }, (_, run) =>
    rehearse(plan, { seed, run, context, skipQuietSpans: skip }),
  );
}

/** Where and how a rehearsal stopped: its status, cause and the phase it stopped in. */
const outcome = (r: Rehearsal) =>
  `${r.outcome.status} ${r.outcome.cause?.kind ?? ''} ${r.phases.filter((p) => p.status !== 'not-reached').length}`;

/** The first guard trip's phase, time into the rehearsal, metric and window's requests (from its reason). */
function firstTrip(r: Rehearsal) {
  let offsetMs = 0;
  for (const phase of r.phases) {
    const trip = phase.guardTrips[0];
    if (trip !== undefined) {
      const requests = Number(
        /([\d,]+) requests?\)/.exec(trip.reason)?.[1]?.replaceAll(',', '') ?? Number.NaN,
      );
      return {
        atMs: offsetMs + trip.offsetMs,
        metric: trip.metric,
        requests,
        errors: trip.metric === 'errorRate' ? trip.observed! * requests : 0,
      };
    }
    offsetMs += phase.ranMs;
  }
  return null;
}

function compare(skipped: Rehearsal[], simulated: Rehearsal[], checkpointsCompared: number) {
  const categories = [...new Set([...skipped, ...simulated].map(outcome))].sort();
  const counts = (runs: Rehearsal[]) => categories.map((c) => runs.filter((r) => outcome(r) === c).length);
  expect(categories.length).toBeGreaterThanOrEqual(2);
  expect(chiSquareTwoSample(counts(skipped), counts(simulated)).pValue).toBeGreaterThan(TWO_SAMPLE_ALPHA);

  const trips = (runs: Rehearsal[]) => runs.map(firstTrip).filter((t) => t !== null);
  const a = trips(skipped);
  const b = trips(simulated);
  expect(a.length).toBeGreaterThan(skipped.length / 5);
  expect(
    ksTwoSample(
      a.map((t) => t.atMs),
      b.map((t) => t.atMs),
    ).pValue,
  ).toBeGreaterThan(TWO_SAMPLE_ALPHA);
  // The trip window: its requests (1, 2, 3, 4+) and which guard recorded it; its errors.
  const bins = (ts: typeof a) =>
    [1, 2, 3, 4].map((k) => ts.filter((t) => Math.min(4, t.requests) === k).length);
  expect(chiSquareTwoSample(bins(a), bins(b)).pValue).toBeGreaterThan(TWO_SAMPLE_ALPHA);
  const metrics = (ts: typeof a) =>
    ['errorRate', 'p99LatencyMs'].map((m) => ts.filter((t) => t.metric === m).length);
  expect(chiSquareTwoSample(metrics(a), metrics(b)).pValue).toBeGreaterThan(TWO_SAMPLE_ALPHA);
  for (const key of ['requests', 'errors'] as const) {
    expect(
      Math.abs(
        meanZ(
          a.map((t) => t[key]),
          b.map((t) => t[key]),
        ),
      ),
    ).toBeLessThan(Z_LIMIT);
  }

  // Totals: each phase's, and the first checkpoints' candidate requests and error rates, within 4 SE.
  for (let p = 0; p < skipped[0]!.phases.length; p++) {
    for (const pick of [
      (r: Rehearsal) => r.phases[p]!.candidate.requests,
      (r: Rehearsal) => r.phases[p]!.candidate.errors,
      (r: Rehearsal) => r.phases[p]!.baseline.requests,
      (r: Rehearsal) => r.phases[p]!.candidate.learnersExposed ?? 0,
    ]) {
      expect(Math.abs(meanZ(skipped.map(pick), simulated.map(pick)))).toBeLessThan(Z_LIMIT);
    }
  }
  for (let c = 0; c < checkpointsCompared; c++) {
    const at = (runs: Rehearsal[], metric: 'errorRate' | 'p99LatencyMs') =>
      runs.flatMap((r) => {
        const value = r.phases[0]!.checkpoints[c]?.metrics[metric];
        return typeof value === 'number' ? [value] : [];
      });
    const requests = (runs: Rehearsal[]) =>
      runs.flatMap((r) => {
        const checkpoint = r.phases[0]!.checkpoints[c];
        return checkpoint === undefined ? [] : [checkpoint.segments.reduce((s, x) => s + x.requests, 0)];
      });
    expect(Math.abs(meanZ(requests(skipped), requests(simulated)))).toBeLessThan(Z_LIMIT);
    expect(Math.abs(meanZ(at(skipped, 'errorRate'), at(simulated, 'errorRate')))).toBeLessThan(Z_LIMIT);
    expect(ksTwoSample(at(skipped, 'p99LatencyMs'), at(simulated, 'p99LatencyMs')).pValue).toBeGreaterThan(
      TWO_SAMPLE_ALPHA,
    );
  }
}

describe('trip spans against every interval simulated', () => {
  it('agree in distribution on the default plan: outcomes, trip time and window, totals, checkpoints', async () => {
    const plan = await readScenario(join(scenarios, 'sprint2-rollout.yaml'));
    // skipQuietSpans: false is the other path: at one seed the two draw other numbers.
    const context = new EngineContext();
    const requests = (skip: boolean) =>
      Array.from(
        { length: 10 },
        (_, run) =>
          rehearse(plan, { seed: 21, run, context, skipQuietSpans: skip }).phases[0]!.candidate.requests,
      );
    expect(requests(true)).not.toEqual(requests(false));
    compare(sample(plan, 3000, true, 21), sample(plan, 3000, false, 22), 2);
  }, 120_000);

  /**
   * Diurnal traffic (pieces cut at UTC hours), ~6 requests an interval in 3 segments with different error
   * rates, outages of ~10 minutes that trip the error guard, a p99 guard inside a bucket, checkpoint gates.
   */
  const diurnalPlan: Plan = makePlan({
    learners: 50_000,
    requestsPerLearnerHour: 0.012,
    segments: [
      { id: 'a', share: 0.5 },
      { id: 'b', share: 0.3, candidate: { errorRate: 0.0004 } },
      { id: 'c', share: 0.2, candidate: { latencyP99Ms: 120 } },
    ],
    candidate: { errorRate: 0.0001, availability: 0.998, meanOutageMs: 600_000 },
    guards: [
      { metric: 'errorRate', op: 'above', threshold: 0.015 },
      { metric: 'p99LatencyMs', op: 'above', threshold: 250 },
    ],
    diurnal: Array.from({ length: 24 }, (_, hour) => 1 + 0.6 * Math.sin((hour * Math.PI) / 12)),
    phases: [
      {
        name: 'steady',
        traffic: 1,
        durationMs: 8 * HOUR_MS,
        checkpointsMs: [1, 2, 4, 8].map((hours) => hours * HOUR_MS),
        gates: [
          { metric: 'availability', op: 'above', threshold: 0.999 },
          { metric: 'errorRate', op: 'below', threshold: 0.002 },
        ],
      },
    ],
  });

  it('agree in distribution on a plan with diurnal traffic, segments and outages', () => {
    const context = new EngineContext();
    const trip = quietSpans(context.setup(diurnalPlan), context.bucketTables).trips[0];
    expect(trip).not.toBeNull();
    // The p99 guard counts: segment c's tail past 248 ms is not negligible.
    expect(trip!.firstBucket).toBe(defaultLatencyBucketsMs().findIndex((b) => b > 250));
    compare(sample(diurnalPlan, 3000, true, 31), sample(diurnalPlan, 3000, false, 32), 3);
  }, 120_000);
});

describe('trip spans against the closed forms of thinning', () => {
  /** ~2 requests an interval at 0.2% errors for 2 h, outages all but impossible: the first hit is geometric. */
  const plan: Plan = makePlan({
    learners: 240_000,
    requestsPerLearnerHour: 0.001,
    candidate: { errorRate: 0.002, availability: 0.9999999, meanOutageMs: 1000 },
    guards: [
      { metric: 'errorRate', op: 'above', threshold: 0.015 },
      { metric: 'p99LatencyMs', op: 'above', threshold: 250 },
    ],
    phases: [{ name: 'steady', traffic: 1, durationMs: 2 * HOUR_MS, checkpointsMs: [HOUR_MS, 2 * HOUR_MS] }],
  });
  const RUNS = 6000;

  it('first trip interval ~ geometric(1 − e^{−μ}), the trip window N = ZTP(μ) + Poisson(λ(1 − h)), its errors ZTP(μ)', () => {
    const context = new EngineContext();
    const trip = quietSpans(context.setup(plan), context.bucketTables).trips[0]!;
    expect(trip).not.toBeNull();
    const mu = trip.hitsPerHour / 120;
    const rest = trip.restPerHour / 120;
    // μ = λ·h with λ = 2 and h = 1 − (1 − 0.002)(1 − s), s the tail past 248 ms (~1e-11).
    expect(mu).toBeCloseTo(2 * 0.002, 9);
    const intervals: number[] = [];
    const windowRequests: number[] = [];
    const windowErrors: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const rehearsal = rehearse(plan, { seed: 5, run, context });
      const first = rehearsal.phases[0]!.guardTrips[0];
      if (first === undefined) {
        intervals.push(8);
        continue;
      }
      // 8 groups of 30 intervals, then none.
      intervals.push(Math.floor((first.offsetMs / 30_000 - 1) / 30));
      const requests = Number(/([\d,]+) requests?\)/.exec(first.reason)![1]!.replaceAll(',', ''));
      windowRequests.push(requests);
      if (first.metric === 'errorRate') windowErrors.push(Math.round(first.observed! * requests));
    }
    const q30 = Math.exp(-30 * mu);
    const groups = Array.from({ length: 9 }, (_, g) => (g < 8 ? q30 ** g * (1 - q30) : q30 ** 8));
    expect(
      chiSquareTest(intervals, { first: 0, probabilities: Float64Array.from(groups) }).pValue,
    ).toBeGreaterThan(TWO_SAMPLE_ALPHA);

    const poisson = (mean: number, k: number) => Math.exp(-mean + k * Math.log(mean) - logFactorialSmall(k));
    const ztp = (k: number) => (k < 1 ? 0 : poisson(mu, k) / -Math.expm1(-mu));
    const sizes = Array.from({ length: 8 }, (_, n) => {
      let p = 0;
      for (let k = 1; k <= n; k++) p += ztp(k) * poisson(rest, n - k);
      return p;
    });
    sizes[7] = 1 - sizes.slice(0, 7).reduce((a, b) => a + b, 0);
    expect(windowRequests.length).toBeGreaterThan(RUNS / 2);
    expect(
      chiSquareTest(windowRequests, { first: 0, probabilities: Float64Array.from(sizes) }).pValue,
    ).toBeGreaterThan(TWO_SAMPLE_ALPHA);
    // Every hit here is an error (the latency tail is ~1e-11): the window's errors are the hits.
    expect(windowErrors.length).toBe(windowRequests.length);
    const hits = [0, ztp(1), 1 - ztp(1)];
    expect(
      chiSquareTest(windowErrors, { first: 0, probabilities: Float64Array.from(hits) }).pValue,
    ).toBeGreaterThan(TWO_SAMPLE_ALPHA);
    expect(windowErrors.filter((e) => e >= 2).length).toBeGreaterThan(0);
  }, 60_000);
});

function logFactorialSmall(k: number): number {
  let sum = 0;
  for (let i = 2; i <= k; i++) sum += Math.log(i);
  return sum;
}
