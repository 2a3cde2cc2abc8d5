import { describe, expect, it } from 'vitest';
import { type Fidelity, type Rehearsal, type RehearseOptions, rehearse } from '../../src/engine/index.js';
import type { Plan } from '../../src/scenario/index.js';
import { makePlan } from './makePlan.js';
import { onPerSegmentPath } from './perSegmentPath.js';
import { binOnPooledQuantiles, chiSquareTwoSample, ksTwoSample } from './twoSample.js';

const HOUR_MS = 3_600_000;
const RUNS = 400;
/** Per-comparison significance level: with 6 comparisons per pair, a family-wise false alarm below 1%. */
const ALPHA = 0.001;

/**
 * A small plan where every part of the model matters: two segments with different rates, 2% downtime in
 * 1-minute outages (so availability and 503s vary run to run), a 1.5% error rate, an error-rate gate near
 * the typical value (so runs pass or roll back), and guards every interval (an error-rate guard that trips
 * when an outage covers most of an interval, a p99 guard that never trips but makes the aggregate
 * fidelity draw its histogram every interval).
 */
const plan: Plan = makePlan({
  learners: 2000,
  segments: [
    { id: 'web', share: 0.5, requestsPerLearnerHour: 2 },
    { id: 'mobile', share: 0.5, requestsPerLearnerHour: 4, candidate: { errorRate: 0.02 } },
  ],
  candidate: { errorRate: 0.01, availability: 0.98, meanOutageMs: 60_000 },
  guards: [
    { metric: 'errorRate', op: 'above', threshold: 0.6 },
    { metric: 'p99LatencyMs', op: 'above', threshold: 1000 },
  ],
  phases: [
    {
      name: 'ramp',
      traffic: 0.5,
      durationMs: HOUR_MS,
      checkpointsMs: [HOUR_MS / 2, HOUR_MS],
      gates: [{ metric: 'errorRate', op: 'below', threshold: 0.035 }],
    },
  ],
});

/** What is compared: the last checkpoint's metrics when it was reached, and the outcome. */
interface Sample {
  requests: number[];
  errors: number[];
  p99: number[];
  availability: number[];
  outcomes: Record<string, number>;
}

function sample(options: (run: number) => RehearseOptions): Sample {
  const result: Sample = { requests: [], errors: [], p99: [], availability: [], outcomes: {} };
  for (let run = 0; run < RUNS; run++) {
    const rehearsal: Rehearsal = rehearse(plan, options(run));
    const checkpoint = rehearsal.phases[0]!.checkpoints[0];
    if (checkpoint !== undefined) {
      result.requests.push(checkpoint.metrics.requests!);
      result.errors.push(Math.round(checkpoint.metrics.errorRate! * checkpoint.metrics.requests!));
      result.p99.push(checkpoint.metrics.p99LatencyMs!);
      result.availability.push(checkpoint.metrics.availability!);
    }
    const key = `${rehearsal.outcome.status}:${rehearsal.outcome.cause?.kind ?? ''}`;
    result.outcomes[key] = (result.outcomes[key] ?? 0) + 1;
  }
  return result;
}

/**
 * Compares two samples: KS on requests and p99 (near-continuous), chi-square on errors and availability
 * binned on pooled quantiles (many ties, where KS is too conservative), chi-square on the outcome counts.
 *
 * Power: the first checkpoint sees ~1,500 requests (sd ≈ 39, Poisson). A 5% shift in mean requests is
 * 75 requests ≈ 1.9 sd, i.e. a KS distance of 2Φ(0.95) − 1 ≈ 0.66 between the two distributions; the KS
 * critical value at α = 0.001 with ~400 runs each is 1.95·sqrt(2/400) ≈ 0.14, so such a shift is detected
 * with power ≈ 1 (even a 1% shift, D ≈ 0.15, is detected more often than not).
 */
function expectSameDistribution(a: Sample, b: Sample): void {
  expect(ksTwoSample(a.requests, b.requests).pValue).toBeGreaterThan(ALPHA);
  expect(ksTwoSample(a.p99, b.p99).pValue).toBeGreaterThan(ALPHA);
  for (const metric of ['errors', 'availability'] as const) {
    const [countsA, countsB] = binOnPooledQuantiles(a[metric], b[metric], 8);
    expect(chiSquareTwoSample(countsA, countsB).pValue, metric).toBeGreaterThan(ALPHA);
  }
  const keys = [...new Set([...Object.keys(a.outcomes), ...Object.keys(b.outcomes)])];
  const outcomes = chiSquareTwoSample(
    keys.map((key) => a.outcomes[key] ?? 0),
    keys.map((key) => b.outcomes[key] ?? 0),
  );
  expect(outcomes.pValue).toBeGreaterThan(ALPHA);
}

describe('fidelity agreement', () => {
  it('aggregate and request fidelity agree in distribution (requests, errors, p99, availability, outcome)', () => {
    const bySeed = (fidelity: Fidelity) => (run: number) => ({ seed: 90, run, fidelity });
    const aggregate = sample(bySeed('aggregate'));
    const request = sample(bySeed('request'));
    // Both fidelities see rollbacks and passes, so the outcome comparison is not vacuous.
    expect(Object.keys(aggregate.outcomes).length).toBeGreaterThan(1);
    expectSameDistribution(aggregate, request);
  });

  it('the fast cohort-level path agrees with the per-segment path used when faults may act', () => {
    // A fault whose effect is never active switches the engine to its per-segment path.
    const perSegmentPath = onPerSegmentPath(plan);
    const withFault = perSegmentPath.plan;
    const fast = sample((run) => ({ seed: 91, run }));
    const perSegment: Sample = { requests: [], errors: [], p99: [], availability: [], outcomes: {} };
    for (let run = 0; run < RUNS; run++) {
      const rehearsal = rehearse(withFault, { seed: 91, run, faultEffects: perSegmentPath.faultEffects });
      expect(rehearsal.warnings).toEqual([]);
      const checkpoint = rehearsal.phases[0]!.checkpoints[0];
      if (checkpoint !== undefined) {
        perSegment.requests.push(checkpoint.metrics.requests!);
        perSegment.errors.push(Math.round(checkpoint.metrics.errorRate! * checkpoint.metrics.requests!));
        perSegment.p99.push(checkpoint.metrics.p99LatencyMs!);
        perSegment.availability.push(checkpoint.metrics.availability!);
      }
      const key = `${rehearsal.outcome.status}:${rehearsal.outcome.cause?.kind ?? ''}`;
      perSegment.outcomes[key] = (perSegment.outcomes[key] ?? 0) + 1;
    }
    expectSameDistribution(fast, perSegment);
  });
});
