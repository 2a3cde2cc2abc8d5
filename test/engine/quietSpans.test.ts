import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineContext, type Rehearsal, rehearse } from '../../src/engine/index.js';
import { nextIntervalEndMs } from '../../src/engine/phaseClock.js';
import { gridFloorMs, quietPieceEndMs } from '../../src/engine/quietSpanClock.js';
import { QUIET_SPAN_TOLERANCE, quietSpans } from '../../src/engine/quietSpans.js';
import { chernoffTailBound, poissonCdf, windowTailBound } from '../../src/engine/windowTailBound.js';
import { readScenario } from '../../src/io/readScenario.js';
import type { Plan } from '../../src/scenario/index.js';
import { makePlan } from './makePlan.js';
import { chiSquareTwoSample, ksTwoSample, meanZ, TWO_SAMPLE_ALPHA, Z_LIMIT } from './twoSample.js';

const HOUR_MS = 3_600_000;
const scenarios = join(import.meta.dirname, '../../scenarios');

/**
 * P(errors ≥ share · N, N ≥ 1) for N ~ Poisson(λ), errors | N ~ Binomial(N, p), computed by scipy 1.17 as
 * Σ_n poisson.pmf(n, λ) · binom.sf(⌈share·n⌉ − 1, n, p): the closed form of a window's hit condition.
 */
const SCIPY_TAILS: ReadonlyArray<[lambda: number, p: number, share: number, probability: number]> = [
  [316.6666666666667, 0.00079, 0.015, 5.180422238785758e-6], // sprint2-tuned rollout, 1-minute window
  [158.33333333333334, 0.00079, 0.015, 0.00039918665508906155], // its 30 s half
  [3.1666666666666665, 0.00079, 0.015, 0.0024985401063584503], // its canary window
  [50, 0.02, 0.05, 0.08479516108879216],
  [500, 0.004, 0.01, 0.03310437431815726], // p99: a 0.4% tail share against the 1% rank
  [2000, 0.001, 0.002, 0.09669114121464249],
];

describe('windowTailBound', () => {
  it.each(SCIPY_TAILS)('at one λ = %d (p %d, share %d) is the closed form', (lambda, p, share, exact) => {
    expect(windowTailBound(lambda, lambda, p, share)).toBeCloseTo(exact, 12);
    expect(Math.abs(windowTailBound(lambda, lambda, p, share) / exact - 1)).toBeLessThan(1e-9);
    expect(chernoffTailBound(lambda, p, share)).toBeGreaterThanOrEqual(exact);
  });

  it.each(SCIPY_TAILS)(
    'over [λ/2, λ] (λ = %d) bounds the probability at every λ of the range',
    (lambda, p, share) => {
      const bound = windowTailBound(lambda / 2, lambda, p, share);
      for (let i = 0; i <= 20; i++) {
        const at = lambda / 2 + (i * lambda) / 40;
        expect(bound).toBeGreaterThanOrEqual(windowTailBound(at, at, p, share));
      }
    },
  );

  it('has no hit to count without errors, and is 1 when any hit suffices', () => {
    expect(windowTailBound(100, 100, 0, 0.01)).toBe(0);
    expect(windowTailBound(100, 100, 0.01, 0)).toBe(1);
  });

  // Relative error: ln(n!) near 1.4e7 carries ~1e-9 in double precision at a million, ~1e-14 below 1,000.
  it.each([
    [2, 1, 0.9196986029286058, 1e-13],
    [300, 316.6, 0.18320417884935963, 1e-12],
    [1_001_000, 1_000_000, 0.8414656709634281, 1e-8],
    [5, 0.3, 0.9999992165284272, 1e-13],
  ])('poissonCdf(%d, %d) is scipy poisson.cdf', (n, mean, expected, relative) => {
    expect(Math.abs(poissonCdf(n, mean) / expected - 1)).toBeLessThan(relative);
  });
});

describe('the quiet-span clock', () => {
  const checkpoints = [{ offsetMs: 100_000 }, { offsetMs: 200_000 }].map((c) => ({
    ...c,
    label: '',
    gateContext: { phase: 'p', label: '' },
  }));
  it.each([
    [0, 95_000, true, 90_000],
    [0, 125_000, true, 100_000], // the 100 s checkpoint restarts the grid: 100 s, 130 s, ...
    [0, 135_000, true, 130_000],
    [0, 235_000, true, 230_000],
    [0, 235_000, false, 220_000], // once passed, only the next checkpoint still cuts
  ])('gridFloorMs(%d, %d, judging %s) = %d', (fromMs, xMs, judging, expected) => {
    expect(gridFloorMs(fromMs, xMs, 30_000, { checkpoints, next: 0, judging })).toBe(expected);
  });
  it('ends a piece at the next checkpoint and, under a diurnal profile, at the first interval end past the hour', () => {
    const cuts = { checkpoints, next: 0, judging: true };
    expect(quietPieceEndMs(0, 300_000, 30_000, cuts, 0, false)).toBe(100_000);
    expect(quietPieceEndMs(0, 90_000, 30_000, cuts, 0, false)).toBe(90_000);
    // The phase starts 50 s before an hour: its intervals at 0 and 30 s start in that hour, the one at 60 s not.
    expect(quietPieceEndMs(0, 90_000, 30_000, cuts, HOUR_MS - 50_000, true)).toBe(60_000);
  });
});

describe('quietSpans', () => {
  it('counts the checks nextIntervalEndMs walks, checkpoints off the grid included', () => {
    const plan = makePlan({
      phases: [{ name: 'a', checkpointsMs: [910_000, 1_800_000, 7_190_000, 7_200_000] }],
    });
    const context = new EngineContext();
    const setup = context.setup(plan);
    const phase = setup.phases[0]!;
    let walked = 0;
    for (let startMs = 0, next = 0; startMs < phase.durationMs; walked++) {
      startMs = nextIntervalEndMs(startMs, setup.intervalMs, phase.durationMs, phase.checkpoints, next);
      while (next < phase.checkpoints.length && phase.checkpoints[next]!.offsetMs <= startMs) next++;
    }
    expect(quietSpans(setup, context.bucketTables).checks).toBe(walked);
    expect(walked).toBe(242);
  });

  it('lets every phase of sprint2-tuned skip, with bounds at least the closed form and adding up to 1e-7', async () => {
    const plan = await readScenario(join(scenarios, 'sprint2-tuned.yaml'));
    const context = new EngineContext();
    const quiet = quietSpans(context.setup(plan), context.bucketTables);
    expect(quiet.checks).toBe(240 + 480 + 37_440);
    const rollout = quiet.phases[2]!;
    expect(rollout).not.toBeNull();
    // The error guard's windows hold 1 or 2 intervals of ~158 requests: the bound covers both closed forms.
    expect(rollout.guards[0]!.checkBound).toBeGreaterThanOrEqual(0.00039918665508906155);
    expect(rollout.guards[0]!.checkBound).toBeLessThan(2 * 0.00039918665508906155);
    expect(rollout.guards[0]!.tripBound).toBeCloseTo(rollout.guards[0]!.checkBound ** 13, 60);
    for (const phase of quiet.phases) {
      expect(phase).not.toBeNull();
      expect(phase!.perCheckBound * quiet.checks).toBeLessThanOrEqual(QUIET_SPAN_TOLERANCE);
    }
  });

  it('skips no quiet span of the default plan, whose guards trip on noise: its canary and ramp are trip spans', async () => {
    const plan = await readScenario(join(scenarios, 'sprint2-rollout.yaml'));
    const context = new EngineContext();
    const quiet = quietSpans(context.setup(plan), context.bucketTables);
    expect(quiet.phases).toEqual([null, null, null]);
    expect(quiet.trips.map((trip) => trip !== null)).toEqual([true, true, false]);
  });
});

/**
 * Two days at 80% traffic in 5-minute intervals with a diurnal profile: ~40 requests an interval, outages
 * of 20 minutes every ~66 hours (about half the runs see one), an error guard of 3 consecutive checks on
 * a 10-minute window that such outages trip, a p99 guard that never does, and checkpoint gates on
 * availability, errors and p99 that outages (and the p99's noise) fail. Every part a quiet span draws.
 */
const longPlan: Plan = makePlan({
  learners: 5000,
  requestsPerLearnerHour: 0.12,
  intervalMs: 300_000,
  guardWindowMs: 600_000,
  candidate: { errorRate: 0.001, availability: 0.995, meanOutageMs: 1_200_000, latencyP99Ms: 100 },
  guards: [
    { metric: 'errorRate', op: 'above', threshold: 0.2, consecutive: 3 },
    { metric: 'p99LatencyMs', op: 'above', threshold: 3000 },
  ],
  diurnal: Array.from({ length: 24 }, (_, hour) => 1 + 0.5 * Math.sin((hour * Math.PI) / 12)),
  phases: [
    {
      name: 'steady',
      traffic: 0.8,
      durationMs: 48 * HOUR_MS,
      checkpointsMs: [12, 24, 36, 48].map((hours) => hours * HOUR_MS),
      gates: [
        { metric: 'availability', op: 'above', threshold: 0.99 },
        { metric: 'errorRate', op: 'below', threshold: 0.006 },
        { metric: 'p99LatencyMs', op: 'below', threshold: 101 },
      ],
    },
  ],
});

const RUNS = 3000;

function sample(skipQuietSpans: boolean, seed: number): Rehearsal[] {
  const context = new EngineContext();
  return Array.from({ length: RUNS }, (_, run) => rehearse(longPlan, { seed, run, context, skipQuietSpans }));
}

describe('quiet spans against every interval simulated', () => {
  it('agree in distribution: outcomes, guard trips, phase totals, time run, checkpoint p50 and p99', () => {
    const context = new EngineContext();
    expect(quietSpans(context.setup(longPlan), context.bucketTables).phases[0]).not.toBeNull();
    const skipped = sample(true, 11);
    const simulated = sample(false, 12);
    const outcome = (rehearsal: Rehearsal) =>
      `${rehearsal.outcome.status} ${rehearsal.outcome.cause?.kind ?? ''}`.trim();
    const categories = [...new Set([...skipped, ...simulated].map(outcome))].sort();
    const counts = (runs: Rehearsal[]) => categories.map((c) => runs.filter((r) => outcome(r) === c).length);
    // The plan is not trivial: guards trip, gates fail and runs complete.
    expect(categories.length).toBeGreaterThanOrEqual(3);
    expect(chiSquareTwoSample(counts(skipped), counts(simulated)).pValue).toBeGreaterThan(TWO_SAMPLE_ALPHA);

    const tripped = (runs: Rehearsal[]) => runs.map((r) => (r.phases[0]!.guardTrips.length > 0 ? 1 : 0));
    const phase = (runs: Rehearsal[], pick: (p: Rehearsal['phases'][number]) => number) =>
      runs.map((r) => pick(r.phases[0]!));
    // Tolerance: 4 standard errors of the difference (two-sided p ≈ 6e-5 each).
    expect(Math.abs(meanZ(tripped(skipped), tripped(simulated)))).toBeLessThan(Z_LIMIT);
    for (const pick of [
      (p: Rehearsal['phases'][number]) => p.candidate.requests,
      (p: Rehearsal['phases'][number]) => p.candidate.errors,
      (p: Rehearsal['phases'][number]) => p.candidate.learnersExposed ?? Number.NaN,
      (p: Rehearsal['phases'][number]) => p.baseline.requests,
    ]) {
      expect(Math.abs(meanZ(phase(skipped, pick), phase(simulated, pick)))).toBeLessThan(Z_LIMIT);
    }
    const ranMs = (runs: Rehearsal[]) => phase(runs, (p) => p.ranMs);
    expect(ksTwoSample(ranMs(skipped), ranMs(simulated)).pValue).toBeGreaterThan(TWO_SAMPLE_ALPHA);
    // A quiet span's histogram is drawn when a checkpoint closes it: the first and the last checkpoint's.
    const checkpointMetric = (runs: Rehearsal[], index: number, metric: 'p50LatencyMs' | 'p99LatencyMs') =>
      runs.flatMap((r) => {
        const value = r.phases[0]!.checkpoints[index]?.metrics[metric];
        return typeof value === 'number' ? [value] : [];
      });
    for (const index of [0, 3]) {
      for (const metric of ['p50LatencyMs', 'p99LatencyMs'] as const) {
        const a = checkpointMetric(skipped, index, metric);
        const b = checkpointMetric(simulated, index, metric);
        expect(a.length).toBeGreaterThan(RUNS / 10);
        expect(ksTwoSample(a, b).pValue, `${metric} at checkpoint ${index}`).toBeGreaterThan(
          TWO_SAMPLE_ALPHA,
        );
      }
    }
  }, 60_000);
});
