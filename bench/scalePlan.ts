import { type Condition, defaultLatencyBucketsMs } from '../src/gates/index.js';
import type { Plan } from '../src/scenario/index.js';

const HOUR_MS = 3_600_000;

/** The scale benchmark's fixed workload: one phase, a pass-everything gate, the default scenario's guards. */
export interface ScaleOptions {
  learners: number;
  requestsPerLearnerHour: number;
  /** Candidate share of the traffic, (0, 1]. */
  traffic: number;
  durationMs: number;
}

const PASS_EVERYTHING: Condition = { metric: 'requests', op: 'min', threshold: 0 };
const GUARDS: Condition[] = [
  { metric: 'p99LatencyMs', op: 'above', threshold: 250 },
  { metric: 'errorRate', op: 'above', threshold: 0.015 },
];

/**
 * A plan built in code for the scale benchmark: the default scenario's analyzers and 8 segments, one phase
 * of fixed length with hourly checkpoints and a gate every run passes, so every run simulates the whole
 * phase, and the default guards (which do not trip on these analyzers), so every interval does the guards'
 * work.
 */
export function scalePlan(options: ScaleOptions): Plan {
  const shares = [0.15, 0.12, 0.18, 0.1, 0.17, 0.08, 0.12, 0.08];
  const segments = shares.map((share, i) => ({
    id: `segment-${i + 1}`,
    label: `Segment ${i + 1}`,
    share,
    requestsPerLearnerHour: options.requestsPerLearnerHour,
  }));
  const behaviour = (errorRate: number, latencyP50Ms: number, latencyP99Ms: number) =>
    segments.map(() => ({ errorRate, latencyP50Ms, latencyP99Ms, revenueUplift: null }));
  const hours = Math.round(options.durationMs / HOUR_MS);
  return {
    name: `scale ${options.learners} learners`,
    release: null,
    seed: 1,
    startMs: Date.UTC(2025, 9, 31, 12),
    startIso: '2025-10-31T12:00:00.000Z',
    scenarioSha256: '',
    intervalMs: 30_000,
    guardWindowMs: 30_000,
    latencyBucketsMs: defaultLatencyBucketsMs(),
    population: { learners: options.learners, requestsPerLearnerHour: options.requestsPerLearnerHour },
    segments,
    diurnal: null,
    analyzers: {
      baseline: { availability: 0.9995, meanOutageMs: 120_000, bySegment: behaviour(0.001, 60, 180) },
      candidate: { availability: 0.9997, meanOutageMs: 120_000, bySegment: behaviour(0.00079, 25, 46) },
    },
    business: {
      baselineAnnualRevenueUsd: 50_000_000,
      revenueUplift: { mean: 0.058, sd: 0.012 },
      completionUplift: null,
      churnChange: null,
      purchasesPerLearnerYear: 12,
      purchaseAmountCv: 1,
      baselineChurnPerMonth: 0.03,
      baselineCompletionsPerLearnerMonth: 0.5,
      horizonDays: 365,
      costs: { oneOffUsd: 0, monthlyUsd: 0 },
      discountRatePerYear: 0,
      followOn: [],
    },
    guards: GUARDS,
    phases: [
      {
        name: 'scale',
        index: 0,
        traffic: options.traffic,
        learners: Math.round(options.traffic * options.learners),
        durationMs: options.durationMs,
        checkpointsMs: Array.from({ length: hours }, (_, h) => (h + 1) * HOUR_MS),
        gates: [PASS_EVERYTHING],
        require: 'every-checkpoint',
        advance: 'auto',
        window: 'cumulative',
      },
    ],
    faults: [],
  };
}
