import { describe, expect, it } from 'vitest';
import { guardLatencyTail } from '../../src/engine/guardLatencyTail.js';
import { EngineContext, type Rehearsal, rehearse } from '../../src/engine/index.js';
import {
  type Condition,
  computeMetric,
  defaultLatencyBucketsMs,
  emptyWindowStats,
  firstBucketAbove,
  guardTrips,
} from '../../src/gates/index.js';
import { RandomStream } from '../../src/random/index.js';
import type { Plan } from '../../src/scenario/index.js';
import { makePlan } from './makePlan.js';
import { onPerSegmentPath } from './perSegmentPath.js';
import { chiSquareTwoSample, ksTwoSample, meanZ, TWO_SAMPLE_ALPHA, Z_LIMIT } from './twoSample.js';

const HOUR_MS = 3_600_000;
const boundsMs = defaultLatencyBucketsMs();

describe('guardLatencyTail', () => {
  const p99Above = { metric: 'p99LatencyMs', op: 'above', threshold: 250 } as const;
  const errors = { metric: 'errorRate', op: 'above', threshold: 0.015 } as const;
  it.each<[string, Condition[], number | null]>([
    ['a p99 guard above 250 ms', [errors, p99Above], firstBucketAbove(boundsMs, 250)],
    [
      'a p95 guard at or above 100 ms',
      [{ metric: 'p95LatencyMs', op: 'min', threshold: 100 }],
      firstBucketAbove(boundsMs, 100, true),
    ],
    [
      'the lower of two latency guards',
      [p99Above, { metric: 'p50LatencyMs', op: 'above', threshold: 80 }],
      firstBucketAbove(boundsMs, 80),
    ],
    ['no latency guard', [errors], null],
    [
      'a latency guard below a threshold',
      [p99Above, { metric: 'p50LatencyMs', op: 'below', threshold: 5 }],
      null,
    ],
    ['a threshold under the first bound', [{ metric: 'p99LatencyMs', op: 'above', threshold: 0 }], null],
  ])('%s', (_, guards, expected) => {
    const setup = new EngineContext().setup(makePlan({ guards }));
    expect(guardLatencyTail(setup)).toBe(expected);
  });

  it('keeps every verdict, and every value that trips, when the requests below the tail sit in the bucket under it', () => {
    const rng = new RandomStream('guardLatencyTail');
    const guards: Condition[] = [
      { metric: 'p99LatencyMs', op: 'above', threshold: 120 },
      { metric: 'p95LatencyMs', op: 'min', threshold: 120 },
      { metric: 'p50LatencyMs', op: 'above', threshold: 150 },
    ];
    const first = firstBucketAbove(boundsMs, 120);
    let held = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const exact = emptyWindowStats(boundsMs, 1);
      const lumped = emptyWindowStats(boundsMs, 1);
      // Up to 60 requests around the tail bucket, on a few buckets either side of it.
      const n = 1 + Math.floor(rng.next() * 60);
      for (let i = 0; i < n; i++) {
        const k = first - 8 + Math.floor(rng.next() * 12);
        exact.latencyCounts[k]!++;
        lumped.latencyCounts[k < first ? first - 1 : k]!++;
      }
      exact.requests = n;
      lumped.requests = n;
      for (const guard of guards) {
        const trips = guardTrips(guard, exact);
        expect(guardTrips(guard, lumped)).toBe(trips);
        if (trips) {
          held++;
          expect(computeMetric(guard.metric, lumped)).toBe(computeMetric(guard.metric, exact));
        }
      }
    }
    expect(held).toBeGreaterThan(200);
  });
});

/**
 * One hour at half traffic, ~25 requests an interval from two segments with different latency mixtures
 * (two tables, so the tail and the body are split over groups): a p99 guard of 3 checks that noise trips
 * in about a fifth of the runs, a p95 guard at or above a threshold, and checkpoint gates on the p50 and p99 of
 * the cumulative window, which the body's deferred draw completes.
 */
const tailPlan: Plan = makePlan({
  learners: 2000,
  segments: [
    { id: 'web', share: 0.5, requestsPerLearnerHour: 2 },
    {
      id: 'mobile',
      share: 0.5,
      requestsPerLearnerHour: 4,
      candidate: { latencyP50Ms: 40, latencyP99Ms: 120 },
    },
  ],
  candidate: { errorRate: 0.01, availability: 0.995, meanOutageMs: 60_000 },
  guardWindowMs: 60_000,
  guards: [
    { metric: 'errorRate', op: 'above', threshold: 0.6 },
    { metric: 'p99LatencyMs', op: 'above', threshold: 150, consecutive: 3 },
    { metric: 'p95LatencyMs', op: 'min', threshold: 400 },
  ],
  phases: [
    {
      name: 'ramp',
      traffic: 0.5,
      durationMs: HOUR_MS,
      checkpointsMs: [HOUR_MS / 3, (2 * HOUR_MS) / 3, HOUR_MS],
      gates: [
        { metric: 'p50LatencyMs', op: 'below', threshold: 36 },
        { metric: 'p99LatencyMs', op: 'below', threshold: 112 },
      ],
    },
  ],
});

const RUNS = 2000;

describe('intervals drawing the guards’ latency tail against whole histograms', () => {
  it('agree in distribution: outcomes, when and with what p99 the guard trips, checkpoint p50 and p99', () => {
    const context = new EngineContext();
    expect(guardLatencyTail(context.setup(tailPlan))).not.toBeNull();
    // A fault whose effect is never active switches the engine to its per-segment path.
    const perSegmentPath = onPerSegmentPath(tailPlan);
    const withFault = perSegmentPath.plan;
    const tail = Array.from({ length: RUNS }, (_, run) => rehearse(tailPlan, { seed: 21, run, context }));
    const whole = Array.from({ length: RUNS }, (_, run) =>
      rehearse(withFault, { seed: 22, run, faultEffects: perSegmentPath.faultEffects }),
    );
    const outcome = (r: Rehearsal) => `${r.outcome.status} ${r.outcome.cause?.kind ?? ''}`.trim();
    const categories = [...new Set([...tail, ...whole].map(outcome))].sort();
    const counts = (runs: Rehearsal[]) => categories.map((c) => runs.filter((r) => outcome(r) === c).length);
    expect(categories.length).toBeGreaterThanOrEqual(3);
    expect(chiSquareTwoSample(counts(tail), counts(whole)).pValue).toBeGreaterThan(TWO_SAMPLE_ALPHA);

    const trips = (runs: Rehearsal[]) => runs.flatMap((r) => r.phases[0]!.guardTrips);
    const latencyTrips = (runs: Rehearsal[]) => trips(runs).filter((trip) => trip.index === 1);
    expect(latencyTrips(tail).length).toBeGreaterThan(RUNS / 10);
    expect(latencyTrips(tail).length).toBeLessThan((9 * RUNS) / 10);
    for (const pick of [
      (t: Rehearsal['phases'][number]['guardTrips'][number]) => t.offsetMs,
      (t: Rehearsal['phases'][number]['guardTrips'][number]) => t.observed!,
    ]) {
      const a = latencyTrips(tail).map(pick);
      const b = latencyTrips(whole).map(pick);
      expect(ksTwoSample(a, b).pValue).toBeGreaterThan(TWO_SAMPLE_ALPHA);
    }
    const checkpointMetric = (runs: Rehearsal[], index: number, metric: 'p50LatencyMs' | 'p99LatencyMs') =>
      runs.flatMap((r) => {
        const value = r.phases[0]!.checkpoints[index]?.metrics[metric];
        return typeof value === 'number' ? [value] : [];
      });
    for (const index of [0, 2]) {
      for (const metric of ['p50LatencyMs', 'p99LatencyMs'] as const) {
        const a = checkpointMetric(tail, index, metric);
        const b = checkpointMetric(whole, index, metric);
        expect(a.length).toBeGreaterThan(RUNS / 10);
        expect(ksTwoSample(a, b).pValue, `${metric} at checkpoint ${index}`).toBeGreaterThan(
          TWO_SAMPLE_ALPHA,
        );
        expect(Math.abs(meanZ(a, b)), `${metric} at checkpoint ${index}`).toBeLessThan(Z_LIMIT);
      }
    }
  }, 120_000);
});
