import { describe, expect, it } from 'vitest';
import { EngineContext, type Rehearsal, rehearse } from '../../src/engine/index.js';
import { quietSpans } from '../../src/engine/quietSpans.js';
import type { Plan } from '../../src/scenario/index.js';
import { STANDARD_ERRORS } from '../random/support/moments.js';
import { makePlan } from './makePlan.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const INTERVAL_MS = 300_000;

/**
 * An asymmetric day, mean 1: an evening peak at 3 (UTC 18–21), a morning shoulder at 2 (6–8), a night
 * trough at 0.3 (0–5), 0.6 otherwise. Every hour boundary between two of these steps moves traffic, and
 * no half of the day mirrors another, so a factor applied to the wrong stretch does not cancel out.
 */
const RAW_FACTORS = Array.from({ length: 24 }, (_, hour) => {
  if (hour >= 18 && hour <= 21) return 3;
  if (hour >= 6 && hour <= 8) return 2;
  if (hour <= 5) return 0.3;
  return 0.6;
});
const FACTORS = RAW_FACTORS.map((factor) => (factor * 24) / RAW_FACTORS.reduce((s, f) => s + f, 0));

/** 13:47:10 UTC: off the hour and off the 5-minute grid; with the checkpoints below, no hour boundary is an interval end. */
const START_MS = Date.UTC(2025, 9, 31, 13, 47, 10);

/** Irregular checkpoints, off the grid (each restarts it): 18:58:50, 06:50:30, 20:48:00 and the end, 13:47:10. */
const CHECKPOINTS_MS = [
  5 * HOUR_MS + 11 * 60_000 + 40_000,
  17 * HOUR_MS + 3 * 60_000 + 20_000,
  31 * HOUR_MS + 50_000,
  48 * HOUR_MS,
];

const CANDIDATE_AVAILABILITY = 0.9999;
const CANDIDATE_ERROR_RATE = 0.02;

/**
 * Two days at 25% of 200,000 learners, 2 requests per learner-hour (10⁵ candidate requests an hour at
 * factor 1), 5-minute intervals, each checkpoint judging its own window, no gates. The candidate fails for
 * ~2 s every ~5.5 h, so quiet spans end and start again all over the day. Guards that qualify for skipping
 * and never trip: a p99 above 3 s (46 ms nominal) on two 10-minute checks in a row, availability below 50%.
 * (An error-rate guard would need error-free trailing windows to start a span: no room for 2% errors.)
 */
const plan: Plan = {
  ...makePlan({
    learners: 200_000,
    requestsPerLearnerHour: 2,
    intervalMs: INTERVAL_MS,
    guardWindowMs: 2 * INTERVAL_MS,
    candidate: {
      errorRate: CANDIDATE_ERROR_RATE,
      availability: CANDIDATE_AVAILABILITY,
      meanOutageMs: 2000,
    },
    guards: [
      { metric: 'p99LatencyMs', op: 'above', threshold: 3000, consecutive: 2 },
      { metric: 'availability', op: 'below', threshold: 0.5 },
    ],
    diurnal: RAW_FACTORS,
    phases: [
      {
        name: 'steady',
        traffic: 0.25,
        durationMs: 48 * HOUR_MS,
        checkpointsMs: CHECKPOINTS_MS,
        window: 'since-last-checkpoint',
      },
    ],
  }),
  startMs: START_MS,
  startIso: new Date(START_MS).toISOString(),
};

/**
 * Expected candidate requests in each checkpoint's window, from the plan alone: the window walked in whole
 * intervals from its start (the last cut short at the checkpoint), each interval's learners × rate × its
 * hours × the factor of the UTC hour it starts in (the engine's rule, docs/model.md).
 */
function expectedRequests(): number[] {
  const perHour = plan.phases[0]!.learners * plan.population.requestsPerLearnerHour;
  let fromMs = 0;
  return CHECKPOINTS_MS.map((toMs) => {
    let sum = 0;
    for (let startMs = fromMs; startMs < toMs; startMs += INTERVAL_MS) {
      const endMs = Math.min(startMs + INTERVAL_MS, toMs);
      const hour = Math.floor(((START_MS + startMs) % DAY_MS) / HOUR_MS);
      sum += (perHour * FACTORS[hour]! * (endMs - startMs)) / HOUR_MS;
    }
    fromMs = toMs;
    return sum;
  });
}

function moments(xs: readonly number[]): { mean: number; variance: number } {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
  return { mean, variance };
}

/** z of a sample mean against its expectation, the standard error from the sample variance. */
function zAgainst(xs: readonly number[], expected: number): number {
  const { mean, variance } = moments(xs);
  return (mean - expected) / Math.sqrt(variance / xs.length);
}

const RUNS = 150;

function sample(skipQuietSpans: boolean, seed: number): Rehearsal[] {
  const context = new EngineContext();
  return Array.from({ length: RUNS }, (_, run) => rehearse(plan, { seed, run, context, skipQuietSpans }));
}

describe('quiet spans under an asymmetric diurnal profile, off the hour', () => {
  it('skip, and the UTC hours they are split at keep every checkpoint window at its closed-form requests and errors', () => {
    const context = new EngineContext();
    expect(quietSpans(context.setup(plan), context.bucketTables).phases[0]).not.toBeNull();
    const requests = expectedRequests();
    // A served request fails with the error rate, and every request fails while the candidate is down;
    // the deployment starts stationary, so it is up a share A of any window in expectation.
    const errorShare = 1 - CANDIDATE_AVAILABILITY * (1 - CANDIDATE_ERROR_RATE);
    const z: Record<string, { requests: number[]; errors: number[] }> = {};
    const varianceRatios: number[] = [];
    for (const [name, skipQuietSpans, seed] of [
      ['skipping', true, 31],
      ['simulated', false, 32],
    ] as const) {
      const runs = sample(skipQuietSpans, seed);
      // The guards never trip and there are no gates: every run judges all four windows.
      expect(runs.every((r) => r.outcome.status === 'completed')).toBe(true);
      // Outages end spans (and new ones start) inside the windows.
      expect(
        runs.filter((r) => r.phases[0]!.checkpoints.some((c) => c.metrics.incidents! > 0)).length,
      ).toBeGreaterThan(RUNS / 2);
      z[name] = { requests: [], errors: [] };
      for (let k = 0; k < CHECKPOINTS_MS.length; k++) {
        const segment = (r: Rehearsal) => r.phases[0]!.checkpoints[k]!.segments[0]!;
        const counts = runs.map((r) => segment(r).requests);
        const errors = runs.map((r) => segment(r).errors);
        z[name]!.requests.push(zAgainst(counts, requests[k]!));
        z[name]!.errors.push(zAgainst(errors, requests[k]! * errorShare));
        varianceRatios.push(moments(counts).variance / requests[k]!);
      }
    }
    // Tolerance: 4.5 standard errors (two-sided p ≈ 7e-6 each, 16 of them).
    const worst = Math.max(
      ...Object.values(z).flatMap((path) => [...path.requests, ...path.errors].map(Math.abs)),
    );
    expect(worst, JSON.stringify(z)).toBeLessThan(4.5);
    // Requests are Poisson: their sample variance is their mean, within 5 SE (√(2/(n − 1)) relative; the
    // 1/(n·λ) term of that SE is dropped, λ being in the thousands).
    for (const ratio of varianceRatios)
      expect(Math.abs(ratio - 1)).toBeLessThan(STANDARD_ERRORS * Math.sqrt(2 / (RUNS - 1)));
    // The two paths draw differently (the skip took place), the same seed notwithstanding.
    const first = (skipQuietSpans: boolean) =>
      rehearse(plan, { seed: 31, run: 0, context, skipQuietSpans }).phases[0]!.checkpoints[0]!.segments[0]!
        .requests;
    expect(first(true)).not.toBe(first(false));
  }, 60_000);
});
