import type { Condition } from '../../src/gates/index.js';
import { defaultLatencyBucketsMs } from '../../src/gates/index.js';
import type {
  AnalyzerPlan,
  BusinessPlan,
  PhasePlan,
  Plan,
  SegmentBehaviour,
} from '../../src/scenario/plan.js';

const HOUR_MS = 3_600_000;

/** A segment of a fixture plan; behaviour overrides apply to the candidate. */
export interface FixtureSegment {
  id: string;
  share: number;
  requestsPerLearnerHour?: number;
  candidate?: Partial<SegmentBehaviour>;
}

/** What a test may change; everything else has a small, fast default. */
export interface FixtureOptions {
  learners?: number;
  requestsPerLearnerHour?: number;
  segments?: FixtureSegment[];
  intervalMs?: number;
  guardWindowMs?: number;
  latencyBucketsMs?: number[];
  baseline?: Partial<SegmentBehaviour> & { availability?: number; meanOutageMs?: number };
  candidate?: Partial<SegmentBehaviour> & { availability?: number; meanOutageMs?: number };
  business?: Partial<BusinessPlan> | null;
  guards?: Condition[];
  phases?: Array<Partial<PhasePlan> & { name: string }>;
  diurnal?: number[] | null;
}

function analyzer(
  defaults: SegmentBehaviour & { availability: number; meanOutageMs: number },
  segments: FixtureSegment[],
  perSegment: (segment: FixtureSegment) => Partial<SegmentBehaviour> | undefined,
): AnalyzerPlan {
  const { availability, meanOutageMs, ...behaviour } = defaults;
  return {
    availability,
    meanOutageMs,
    bySegment: segments.map((segment) => ({ ...behaviour, ...perSegment(segment) })),
  };
}

/**
 * A Plan built in code: by default 5,000 learners at 0.038 requests per learner-hour, one segment, a 1%
 * canary of 2 h with checkpoints every 30 min and no gates, the sprint-2 analyzers, no business.
 */
export function makePlan(options: FixtureOptions = {}): Plan {
  const learners = options.learners ?? 5000;
  const rate = options.requestsPerLearnerHour ?? 0.038;
  const segments = options.segments ?? [{ id: 'all', share: 1 }];
  const baselineDefaults = {
    errorRate: 0.001,
    latencyP50Ms: 60,
    latencyP99Ms: 180,
    revenueUplift: null,
    availability: 0.9995,
    meanOutageMs: 120_000,
    ...options.baseline,
  };
  const candidateDefaults = {
    errorRate: 0.00079,
    latencyP50Ms: 25,
    latencyP99Ms: 46,
    revenueUplift: null,
    availability: 0.9997,
    meanOutageMs: 120_000,
    ...options.candidate,
  };
  const phases: PhasePlan[] = (options.phases ?? [{ name: 'canary' }]).map((phase, index) => {
    const traffic = phase.traffic ?? 0.01;
    const durationMs = phase.durationMs ?? 2 * HOUR_MS;
    return {
      index,
      traffic,
      learners: phase.learners ?? Math.round(traffic * learners),
      durationMs,
      checkpointsMs: phase.checkpointsMs ?? [
        durationMs / 4,
        durationMs / 2,
        (3 * durationMs) / 4,
        durationMs,
      ],
      gates: [],
      require: 'every-checkpoint',
      advance: 'auto',
      window: 'cumulative',
      ...phase,
    };
  });
  const business: BusinessPlan | null =
    options.business === null || options.business === undefined
      ? null
      : {
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
          ...options.business,
        };
  const intervalMs = options.intervalMs ?? 30_000;
  return {
    name: 'fixture',
    release: null,
    seed: 1,
    startMs: Date.UTC(2025, 9, 31, 12),
    startIso: '2025-10-31T12:00:00.000Z',
    scenarioSha256: '',
    intervalMs,
    guardWindowMs: options.guardWindowMs ?? intervalMs,
    latencyBucketsMs: options.latencyBucketsMs ?? defaultLatencyBucketsMs(),
    population: { learners, requestsPerLearnerHour: rate },
    segments: segments.map((segment) => ({
      id: segment.id,
      label: segment.id,
      share: segment.share,
      requestsPerLearnerHour: segment.requestsPerLearnerHour ?? rate,
    })),
    diurnal: options.diurnal ?? null,
    analyzers: {
      baseline: analyzer(baselineDefaults, segments, () => undefined),
      candidate: analyzer(candidateDefaults, segments, (segment) => segment.candidate),
    },
    business,
    guards: options.guards ?? [],
    phases,
    faults: [],
  };
}
