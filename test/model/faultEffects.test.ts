import { describe, expect, it } from 'vitest';
import { type Rehearsal, rehearse } from '../../src/engine/index.js';
import type { Condition } from '../../src/gates/index.js';
import { degradationLatencyFactor, fitLognormal } from '../../src/model/index.js';
import { normalCdf } from '../../src/random/index.js';
import type { FaultPlan } from '../../src/scenario/index.js';
import { makePlan } from '../engine/makePlan.js';
import { makeFault } from '../support/makeFault.js';

const HOUR_MS = 3_600_000;
const INTERVAL_MS = 30_000;
const RUNS = 200;
/** 10,000 learners at 2 requests per learner-hour, all on the candidate for 1 h: Poisson(20,000) requests a run. */
const REQUESTS = 20_000;
const ERROR_RATE = 0.01;
/** The candidate's latency: p50 25 ms, p99 46 ms (σ = 0.2622). */
const { mu: MU, sigma: SIGMA } = fitLognormal(25, 46);

/**
 * One 1 h phase at 100% with a checkpoint at its end, the candidate always up with a 1% error rate, the
 * fault acting for the whole phase. `latencyBoundMs` makes the histogram one finite bucket [0, x]: its
 * p50 is then `x · 0.5 / F̂(x)` whenever F̂(x) ≥ 0.5, so the share of requests at or below x can be read back
 * exactly from the checkpoint's p50.
 */
function rehearseRuns(
  fault: FaultPlan,
  options: {
    latencyBoundMs?: number;
    segments?: Array<{ id: string; share: number }>;
    gates?: Condition[];
    business?: boolean;
  } = {},
  fidelity: 'aggregate' | 'request' = 'aggregate',
): Rehearsal[] {
  const plan = {
    ...makePlan({
      learners: 10_000,
      requestsPerLearnerHour: 2,
      candidate: { errorRate: ERROR_RATE, availability: 1 },
      ...(options.segments === undefined ? {} : { segments: options.segments }),
      ...(options.latencyBoundMs === undefined ? {} : { latencyBucketsMs: [options.latencyBoundMs] }),
      ...(options.business ? { business: {} } : {}),
      phases: [
        {
          name: 'live',
          traffic: 1,
          durationMs: HOUR_MS,
          checkpointsMs: [HOUR_MS],
          gates: options.gates ?? [],
        },
      ],
    }),
    faults: [fault],
  };
  return Array.from({ length: RUNS }, (_, run) => rehearse(plan, { seed: 5, run, fidelity }));
}

function checkpointOf(rehearsal: Rehearsal) {
  return rehearsal.phases[0]!.checkpoints[0]!;
}

function errorsOf(rehearsal: Rehearsal): number {
  return checkpointOf(rehearsal).segments.reduce((total, segment) => total + segment.errors, 0);
}

/**
 * Asserts that the mean of a Poisson count over the runs matches its closed-form mean μ within 4 standard
 * errors, sqrt(μ / runs): a false alarm about 6 times in 100,000.
 */
function expectPoissonMean(counts: readonly number[], mu: number): void {
  const mean = counts.reduce((total, count) => total + count, 0) / counts.length;
  expect(Math.abs(mean - mu)).toBeLessThanOrEqual(4 * Math.sqrt(mu / counts.length));
}

/**
 * Asserts that the pooled share of requests at or below the single latency bound (read back from each
 * checkpoint's p50) matches the closed form F within 4 binomial standard errors, sqrt(F(1 − F) / n).
 * Needs F ≥ 0.5, or the p50 falls in the +Inf bucket and says nothing.
 */
function expectShareBelow(rehearsals: readonly Rehearsal[], boundMs: number, closedForm: number): void {
  expect(closedForm).toBeGreaterThan(0.52);
  let below = 0;
  let total = 0;
  for (const rehearsal of rehearsals) {
    const { requests, p50LatencyMs } = checkpointOf(rehearsal).metrics;
    below += Math.round((0.5 * requests! * boundMs) / p50LatencyMs!);
    total += requests!;
  }
  const se = Math.sqrt((closedForm * (1 - closedForm)) / total);
  expect(Math.abs(below / total - closedForm)).toBeLessThanOrEqual(4 * se);
}

/** P(latency ≤ x) for the candidate's lognormal scaled by `factor` and shifted by `addMs`. */
function cdf(xMs: number, factor = 1, addMs = 0): number {
  return xMs <= addMs ? 0 : normalCdf((Math.log((xMs - addMs) / factor) - MU) / SIGMA);
}

/** Start of each 30 s interval of the hour, ms. */
const INTERVAL_STARTS = Array.from({ length: HOUR_MS / INTERVAL_MS }, (_, k) => k * INTERVAL_MS);

describe('fault kinds against the model (closed forms; tolerance 4 standard errors over 200 runs)', () => {
  it('latency-spike: a share q of requests is f times slower, F(x) = (1 − q)·F₀(x) + q·F₀(x / f)', () => {
    const runs = rehearseRuns(makeFault('latency-spike', { factor: 2, share: 0.4 }), { latencyBoundMs: 40 });
    expectShareBelow(runs, 40, 0.6 * cdf(40) + 0.4 * cdf(40, 2));
  });

  it('slow-dependency: a share q of requests takes a ms more, F(x) = (1 − q)·F₀(x) + q·F₀(x − a)', () => {
    const runs = rehearseRuns(makeFault('slow-dependency', { addedLatencyMs: 20, share: 0.5 }), {
      latencyBoundMs: 50,
    });
    expectShareBelow(runs, 50, 0.5 * cdf(50) + 0.5 * cdf(50, 1, 20));
  });

  it('degradation (latency): the factor grows as 1 + g·t from the start, in 1% steps, F(x) = mean over intervals of F₀(x / f(t))', () => {
    const runs = rehearseRuns(makeFault('degradation', { metric: 'latency', perHour: 1 }), {
      latencyBoundMs: 50,
    });
    const closedForm =
      INTERVAL_STARTS.reduce((total, startMs) => total + cdf(50, degradationLatencyFactor(1, startMs)), 0) /
      INTERVAL_STARTS.length;
    expectShareBelow(runs, 50, closedForm);
  });

  it('error-spike: errors ~ Poisson(λ·(e + a))', () => {
    const runs = rehearseRuns(makeFault('error-spike', { addedErrorRate: 0.02 }));
    expectPoissonMean(runs.map(errorsOf), REQUESTS * (ERROR_RATE + 0.02));
  });

  it('degradation (errors): the added rate grows as g·t, errors ~ Poisson(Σ λ_k·(e + g·t_k))', () => {
    const runs = rehearseRuns(makeFault('degradation', { metric: 'errors', perHour: 0.04 }));
    const perInterval = REQUESTS / INTERVAL_STARTS.length;
    const mu = INTERVAL_STARTS.reduce(
      (total, startMs) => total + perInterval * (ERROR_RATE + (0.04 * startMs) / HOUR_MS),
      0,
    );
    expectPoissonMean(runs.map(errorsOf), mu);
  });

  it('outage: held down 1 − a of every interval, availability = a and errors ~ Poisson(λ·(1 − a + a·e))', () => {
    const runs = rehearseRuns(makeFault('outage', { availability: 0.75 }));
    for (const run of runs) expect(checkpointOf(run).metrics.availability).toBeCloseTo(0.75, 12);
    expectPoissonMean(runs.map(errorsOf), REQUESTS * (0.25 + 0.75 * ERROR_RATE));
  });

  it('outage of one segment: its requests fail with 1 − a on top of e; the deployment stays up', () => {
    const segments = [
      { id: 'a', share: 0.5 },
      { id: 'b', share: 0.5 },
    ];
    const runs = rehearseRuns(makeFault('outage', { availability: 0.5 }, { segmentIndex: 1 }), { segments });
    for (const run of runs) expect(checkpointOf(run).metrics.availability).toBe(1);
    expectPoissonMean(
      runs.map((run) => checkpointOf(run).segments[1]!.errors),
      (REQUESTS / 2) * (0.5 + ERROR_RATE),
    );
    expectPoissonMean(
      runs.map((run) => checkpointOf(run).segments[0]!.errors),
      (REQUESTS / 2) * ERROR_RATE,
    );
  });

  it('segment-regression: only that segment runs at the stated error rate', () => {
    const segments = [
      { id: 'a', share: 0.5 },
      { id: 'b', share: 0.5 },
    ];
    const fault = makeFault('segment-regression', { errorRate: 0.2 }, { segmentIndex: 1 });
    const runs = rehearseRuns(fault, { segments });
    expectPoissonMean(
      runs.map((run) => checkpointOf(run).segments[1]!.errors),
      (REQUESTS / 2) * 0.2,
    );
    expectPoissonMean(
      runs.map((run) => checkpointOf(run).segments[0]!.errors),
      (REQUESTS / 2) * ERROR_RATE,
    );
  });

  it('segment-regression: only that segment is f times slower, F(x) = ½·F₀(x) + ½·F₀(x / f)', () => {
    const segments = [
      { id: 'a', share: 0.5 },
      { id: 'b', share: 0.5 },
    ];
    const fault = makeFault('segment-regression', { latencyFactor: 2 }, { segmentIndex: 0 });
    expectShareBelow(
      rehearseRuns(fault, { segments, latencyBoundMs: 40 }),
      40,
      0.5 * cdf(40) + 0.5 * cdf(40, 2),
    );
  });

  it('traffic-surge: requests ~ Poisson(λ·f)', () => {
    const runs = rehearseRuns(makeFault('traffic-surge', { factor: 2.5 }));
    expectPoissonMean(
      runs.map((run) => checkpointOf(run).metrics.requests!),
      REQUESTS * 2.5,
    );
  });

  it('churn-spike: churned learners ~ Poisson(N·c·f·months)', () => {
    const gates: Condition[] = [{ metric: 'churnRate', op: 'below', threshold: 1 }];
    const runs = rehearseRuns(makeFault('churn-spike', { factor: 3 }), { gates, business: true });
    const months = 1 / 730;
    const churned = runs.map((run) => Math.round(checkpointOf(run).metrics.churnRate! * 10_000 * months));
    expectPoissonMean(churned, 10_000 * 0.03 * 3 * months);
  });

  it.each(['aggregate', 'request'] as const)(
    'data-inconsistency (%s fidelity): silently wrong ~ Poisson(λ·(1 − e)·q), errors and latency untouched',
    (fidelity) => {
      const runs = rehearseRuns(makeFault('data-inconsistency', { share: 0.03 }), {}, fidelity);
      const wrong = runs.map((run) => {
        const { requests, integrityErrorRate } = checkpointOf(run).metrics;
        return Math.round(integrityErrorRate! * (requests! - errorsOf(run)));
      });
      expectPoissonMean(wrong, REQUESTS * (1 - ERROR_RATE) * 0.03);
      expectPoissonMean(runs.map(errorsOf), REQUESTS * ERROR_RATE);
    },
  );

  it('without a data-inconsistency fault the integrity check finds nothing: integrityErrorRate 0', () => {
    const runs = rehearseRuns(makeFault('traffic-surge', { factor: 1 }));
    for (const run of runs.slice(0, 5)) expect(checkpointOf(run).metrics.integrityErrorRate).toBe(0);
  });
});
