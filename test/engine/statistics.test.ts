import { describe, expect, it } from 'vitest';
import { rehearse } from '../../src/engine/index.js';
import type { Condition } from '../../src/gates/index.js';
import { makePlan } from './makePlan.js';

const HOUR_MS = 3_600_000;
const RUNS = 2000;

/** Sample mean and its standard error from the sample SD (used where no closed-form variance is at hand). */
function meanAndSe(values: readonly number[]): { mean: number; se: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return { mean, se: Math.sqrt(variance / values.length) };
}

/**
 * 10,000 learners in two segments (40% at 1 request/learner-hour, 60% at 2), a 10% phase of 1 h with
 * checkpoints at 30 m and 1 h, candidate error rates 1% and 2%, always up. Closed forms: the 1,000
 * candidates are 400 + 600, so cumulative requests at 30 m are Poisson(400·1·0.5 + 600·2·0.5 = 800) and
 * errors Poisson(400·0.5·0.01 + 600·1·0.02 = 14); at 1 h, 1,600 and 28.
 */
function countsPlan(guards: Condition[]) {
  return makePlan({
    learners: 10_000,
    segments: [
      { id: 'a', share: 0.4, requestsPerLearnerHour: 1, candidate: { errorRate: 0.01 } },
      { id: 'b', share: 0.6, requestsPerLearnerHour: 2, candidate: { errorRate: 0.02 } },
    ],
    candidate: { availability: 1 },
    guards,
    phases: [{ name: 'ramp', traffic: 0.1, durationMs: HOUR_MS, checkpointsMs: [HOUR_MS / 2, HOUR_MS] }],
  });
}

describe('aggregate fidelity against closed forms', () => {
  // With guards that need counts the cohort's requests are drawn every interval; without, once per
  // checkpoint span. Both must give the closed-form means. Over R runs a Poisson(μ) count's sample mean has
  // standard error sqrt(μ / R); the tolerance is 4 of those (a false alarm ~6e-5 per comparison).
  it.each([
    ['drawn once per checkpoint span', []],
    [
      'drawn every interval (an error-rate guard watches)',
      [{ metric: 'errorRate', op: 'above', threshold: 1 }],
    ],
  ] as Array<[string, Condition[]]>)('checkpoint requests and errors, %s', (_label, guards) => {
    const plan = countsPlan(guards);
    const expected = [
      { requests: 800, errors: 14, aRequests: 200, aErrors: 2 },
      { requests: 1600, errors: 28, aRequests: 400, aErrors: 4 },
    ];
    const sums = expected.map(() => ({ requests: 0, errors: 0, aRequests: 0, aErrors: 0 }));
    for (let run = 0; run < RUNS; run++) {
      const phase = rehearse(plan, { seed: 42, run }).phases[0]!;
      phase.checkpoints.forEach((checkpoint, c) => {
        const sum = sums[c]!;
        sum.requests += checkpoint.metrics.requests!;
        sum.errors += checkpoint.segments.reduce((total, segment) => total + segment.errors, 0);
        sum.aRequests += checkpoint.segments[0]!.requests;
        sum.aErrors += checkpoint.segments[0]!.errors;
      });
      expect(phase.candidate.requests).toBe(phase.checkpoints[1]!.metrics.requests);
      expect(phase.candidate.errors).toBe(
        Math.round(phase.checkpoints[1]!.metrics.errorRate! * phase.checkpoints[1]!.metrics.requests!),
      );
    }
    expected.forEach((closedForm, c) => {
      for (const key of ['requests', 'errors', 'aRequests', 'aErrors'] as const) {
        const se = Math.sqrt(closedForm[key] / RUNS);
        expect(Math.abs(sums[c]![key] / RUNS - closedForm[key])).toBeLessThanOrEqual(4 * se);
      }
    });
  });

  it('the histogram p50 and p99 over a large window match the lognormal within the bucket resolution', () => {
    // 100,000 learners at 10 requests/learner-hour, all on the candidate, 1 h: ~1 M requests.
    const plan = makePlan({
      learners: 100_000,
      requestsPerLearnerHour: 10,
      phases: [{ name: 'rollout', traffic: 1, durationMs: HOUR_MS, checkpointsMs: [HOUR_MS] }],
    });
    const metrics = rehearse(plan, { seed: 5 }).phases[0]!.checkpoints[0]!.metrics;
    const bounds = plan.latencyBucketsMs;
    const bucketWidthAt = (ms: number) => {
      const k = bounds.findIndex((bound) => bound >= ms);
      return bounds[k]! - bounds[k - 1]!;
    };
    // The candidate's lognormal has p50 25 ms and p99 46 ms by construction (exp(μ + z₀.₉₉σ) = p99).
    expect(Math.abs(metrics.p50LatencyMs! - 25)).toBeLessThanOrEqual(bucketWidthAt(25));
    expect(Math.abs(metrics.p99LatencyMs! - 46)).toBeLessThanOrEqual(bucketWidthAt(46));
  });

  it('availability averages A (stationary start), for the candidate and the baseline', () => {
    const plan = makePlan({
      learners: 10_000,
      candidate: { availability: 0.99, meanOutageMs: 120_000 },
      baseline: { availability: 0.995, meanOutageMs: 60_000 },
      phases: [{ name: 'ramp', traffic: 0.1, durationMs: 2 * HOUR_MS, checkpointsMs: [2 * HOUR_MS] }],
    });
    const candidate: number[] = [];
    const baseline: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const checkpoint = rehearse(plan, { seed: 6, run }).phases[0]!.checkpoints[0]!;
      candidate.push(checkpoint.metrics.availability!);
      baseline.push(checkpoint.baselineMetrics!.availability!);
    }
    for (const [sample, availability] of [
      [candidate, 0.99],
      [baseline, 0.995],
    ] as const) {
      const { mean, se } = meanAndSe(sample);
      expect(Math.abs(mean - availability)).toBeLessThanOrEqual(4 * se);
    }
  });

  it('revenue matches the compound-Poisson mean for both cohorts', () => {
    // m = 50,000,000 / (10,000 · 12) = 416.67 USD per purchase, k = 12 / 8,760 purchases per learner-hour.
    // Candidate: 1,000 learners · 1 h · k · 1.058 purchases; baseline: 9,000 · 1 h · k. The compound
    // Poisson sum has variance λ·m²·(1 + cv²) with cv = 1, so SE = sqrt(2λ)·m / sqrt(R).
    const plan = makePlan({
      learners: 10_000,
      business: {},
      phases: [{ name: 'ramp', traffic: 0.1, durationMs: HOUR_MS, checkpointsMs: [HOUR_MS / 2, HOUR_MS] }],
    });
    const m = 50_000_000 / (10_000 * 12);
    const k = 12 / 8760;
    const cohorts = [
      {
        lambda: 1000 * k * 1.058,
        pick: (p: { candidate: { revenueUsd: number } }) => p.candidate.revenueUsd,
      },
      { lambda: 9000 * k, pick: (p: { baseline: { revenueUsd: number } }) => p.baseline.revenueUsd },
    ];
    const sums = [0, 0];
    for (let run = 0; run < RUNS; run++) {
      const phase = rehearse(plan, { seed: 7, run }).phases[0]!;
      cohorts.forEach((cohort, i) => {
        sums[i] = sums[i]! + cohort.pick(phase);
      });
    }
    cohorts.forEach((cohort, i) => {
      const se = (Math.sqrt(2 * cohort.lambda) * m) / Math.sqrt(RUNS);
      expect(Math.abs(sums[i]! / RUNS - cohort.lambda * m)).toBeLessThanOrEqual(4 * se);
    });
  });
});
