import { notReachedPhase } from '../../src/engine/notReachedPhase.js';
import type {
  CheckpointResult,
  CohortTotals,
  MetricValues,
  PhaseResult,
  Rehearsal,
} from '../../src/engine/rehearsal.js';
import type { Condition, GateResult } from '../../src/gates/index.js';
import { METRIC_NAMES } from '../../src/gates/index.js';
import type { ResultsMeta } from '../../src/report/index.js';
import type { PhasePlan, Plan } from '../../src/scenario/plan.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
const START_MS = Date.parse('2025-10-31T12:00:00.000Z');

export const META: ResultsMeta = {
  tool: { name: 'rollout-rehearsal', version: '0.1.0' },
  scenarioFile: 'scenarios/sprint2-rollout.yaml',
};

const iso = (ms: number) => new Date(START_MS + ms).toISOString();

const CANARY_GATES: Condition[] = [
  { metric: 'errorRate', op: 'below', threshold: 0.01 },
  { metric: 'p99LatencyMs', op: 'below', threshold: 200 },
  { metric: 'availability', op: 'above', threshold: 0.999 },
  { metric: 'revenueImpact', op: 'within', threshold: 0.03 },
];

function makePhasePlan(overrides: Partial<PhasePlan> & Pick<PhasePlan, 'name' | 'index'>): PhasePlan {
  return {
    traffic: 0.01,
    learners: 5_000,
    durationMs: 2 * HOUR_MS,
    checkpointsMs: [15, 30, 60, 90, 120].map((minutes) => minutes * MINUTE_MS),
    gates: CANARY_GATES,
    require: 'every-checkpoint',
    advance: 'auto',
    window: 'cumulative',
    ...overrides,
  };
}

/** The default scenario's plan (canary 1% 2h, ramp 10% 4h, rollout 100% 13d), with overrides. */
export function makePlan(overrides: Partial<Plan> = {}): Plan {
  return {
    name: 'Sprint 2 cohort analyzer',
    release: 'v3.0.0-sprint-2-complete',
    seed: 20251031,
    startMs: START_MS,
    startIso: iso(0),
    scenarioSha256: 'a'.repeat(64),
    intervalMs: 30_000,
    guardWindowMs: 30_000,
    latencyBucketsMs: [5, 10, 25, 50, 100, 250, 500, 1000],
    population: { learners: 500_000, requestsPerLearnerHour: 0.038 },
    segments: [{ id: 'all', label: 'all', share: 1, requestsPerLearnerHour: 0.038 }],
    diurnal: null,
    analyzers: {
      baseline: {
        availability: 0.9995,
        meanOutageMs: 120_000,
        bySegment: [{ errorRate: 0.001, latencyP50Ms: 60, latencyP99Ms: 180, revenueUplift: null }],
      },
      candidate: {
        availability: 0.9997,
        meanOutageMs: 120_000,
        bySegment: [{ errorRate: 0.00079, latencyP50Ms: 25, latencyP99Ms: 46, revenueUplift: null }],
      },
    },
    business: null,
    guards: [
      { metric: 'p99LatencyMs', op: 'above', threshold: 250 },
      { metric: 'errorRate', op: 'above', threshold: 0.015 },
    ],
    phases: [
      makePhasePlan({ name: 'canary', index: 0 }),
      makePhasePlan({
        name: 'ramp',
        index: 1,
        traffic: 0.1,
        learners: 50_000,
        durationMs: 4 * HOUR_MS,
        checkpointsMs: [15 * MINUTE_MS, 30 * MINUTE_MS, HOUR_MS, 2 * HOUR_MS, 3 * HOUR_MS, 4 * HOUR_MS],
        gates: [
          { metric: 'errorRate', op: 'below', threshold: 0.005 },
          { metric: 'p99LatencyMs', op: 'below', threshold: 200 },
          { metric: 'availability', op: 'above', threshold: 0.9995 },
        ],
      }),
      makePhasePlan({
        name: 'rollout',
        index: 2,
        traffic: 1,
        learners: 500_000,
        durationMs: 13 * 24 * HOUR_MS,
        checkpointsMs: [24 * HOUR_MS, 13 * 24 * HOUR_MS],
        gates: [{ metric: 'errorRate', op: 'below', threshold: 0.001 }],
        advance: 'manual',
      }),
    ],
    faults: [],
    ...overrides,
  };
}

export function makeMetrics(values: Partial<MetricValues> = {}): MetricValues {
  const metrics = {} as MetricValues;
  for (const metric of METRIC_NAMES) metrics[metric] = values[metric] ?? null;
  return metrics;
}

function gateResult(condition: Condition, observed: number | null, phase: string, label: string): GateResult {
  const { metric, op, threshold } = condition;
  if (observed === null) {
    return {
      metric,
      op,
      threshold,
      observed,
      verdict: 'inconclusive',
      reason: `${metric}: no value (${phase}, ${label})`,
    };
  }
  const holds =
    op === 'below'
      ? observed < threshold
      : op === 'above'
        ? observed > threshold
        : Math.abs(observed) <= threshold;
  return {
    metric,
    op,
    threshold,
    observed,
    verdict: holds ? 'pass' : 'fail',
    reason: `${metric} ${observed} vs ${threshold} (${phase}, ${label})`,
  };
}

/** A checkpoint whose gates are evaluated (by a simple stand-in for the gate library) on `metrics`. */
export function makeCheckpoint(
  phase: PhasePlan,
  phaseStartMs: number,
  offsetMs: number,
  metrics: Partial<MetricValues>,
): CheckpointResult {
  const label = `${offsetMs / MINUTE_MS}m`;
  const values = makeMetrics(metrics);
  const gates = phase.gates.map((gate) => gateResult(gate, values[gate.metric], phase.name, label));
  const verdict = gates.some((g) => g.verdict === 'fail')
    ? 'fail'
    : gates.some((g) => g.verdict === 'inconclusive')
      ? 'inconclusive'
      : 'pass';
  return {
    label,
    offsetMs,
    at: iso(phaseStartMs + offsetMs),
    windowFromMs: 0,
    windowToMs: offsetMs,
    metrics: values,
    baselineMetrics: makeMetrics({
      errorRate: 0.001,
      p99LatencyMs: 180,
      availability: 0.9995,
      requests: 37_620,
    }),
    gates,
    verdict,
    segments: [],
  };
}

function cohort(learners: number, requests: number, errors: number, hours: number): CohortTotals {
  return {
    learners,
    learnersExposed: Math.min(learners, requests),
    requests,
    errors,
    revenueUsd: learners * hours * 0.0011,
    learnerHours: learners * hours,
  };
}

/**
 * The story of the seed report, rehearsed: the canary passes its five checkpoints (380 requests, no
 * errors), the ramp is rolled back by the error-rate guard at 1h12m (1 error in 16 requests in the
 * trailing 30 s), the rollout is never reached. Overrides replace top-level fields.
 */
export function makeRehearsal(overrides: Partial<Rehearsal> = {}, plan: Plan = makePlan()): Rehearsal {
  const [canaryPlan, rampPlan, rolloutPlan] = plan.phases as [PhasePlan, PhasePlan, PhasePlan];
  const canaryRequests = [48, 95, 190, 285, 380];
  const canary: PhaseResult = {
    name: 'canary',
    traffic: 0.01,
    learners: 5_000,
    plannedDurationMs: 2 * HOUR_MS,
    ranMs: 2 * HOUR_MS,
    startOffsetMs: 0,
    startedAt: iso(0),
    status: 'passed',
    checkpoints: canaryPlan.checkpointsMs.map((offsetMs, i) =>
      makeCheckpoint(canaryPlan, 0, offsetMs, {
        errorRate: 0,
        p99LatencyMs: 46 - i,
        availability: 0.9997,
        revenueImpact: -0.0037,
        requests: canaryRequests[i] ?? 0,
        incidents: 0,
      }),
    ),
    guardTrips: [],
    decision: {
      action: 'advance',
      atMs: 2 * HOUR_MS,
      at: iso(2 * HOUR_MS),
      reason: '4 gates passed at all 5 checkpoints (last: 120m)',
    },
    candidate: cohort(5_000, 380, 0, 2),
    baseline: cohort(495_000, 37_620, 38, 2),
  };
  const rampStart = 2 * HOUR_MS;
  const tripMs = 72 * MINUTE_MS;
  const reason = 'guard tripped: errorRate 6.25% > 1.50% limit (ramp, 72m, 16 requests)';
  const ramp: PhaseResult = {
    name: 'ramp',
    traffic: 0.1,
    learners: 50_000,
    plannedDurationMs: 4 * HOUR_MS,
    ranMs: tripMs,
    startOffsetMs: rampStart,
    startedAt: iso(rampStart),
    status: 'rolled-back',
    checkpoints: rampPlan.checkpointsMs
      .filter((offsetMs) => offsetMs <= tripMs)
      .map((offsetMs) =>
        makeCheckpoint(rampPlan, rampStart, offsetMs, {
          errorRate: 0.0012,
          p99LatencyMs: 47,
          availability: 0.9998,
          requests: Math.round((50_000 * 0.038 * offsetMs) / HOUR_MS),
        }),
      ),
    guardTrips: [
      {
        index: 1,
        metric: 'errorRate',
        op: 'above',
        threshold: 0.015,
        observed: 0.0625,
        offsetMs: tripMs,
        at: iso(rampStart + tripMs),
        reason: 'errorRate 6.25% > 1.50% limit (ramp, 72m, 16 requests)',
      },
    ],
    decision: { action: 'rollback', atMs: tripMs, at: iso(rampStart + tripMs), reason },
    candidate: cohort(50_000, 2_280, 4, 1.2),
    baseline: cohort(450_000, 20_520, 21, 1.2),
  };
  return {
    seed: 20251031,
    fidelity: 'aggregate',
    startedAt: iso(0),
    outcome: {
      status: 'rolled-back',
      phase: 'ramp',
      offsetMs: tripMs,
      at: iso(rampStart + tripMs),
      elapsedMs: rampStart + tripMs,
      reason,
      cause: { kind: 'guard', index: 1, metric: 'errorRate', op: 'above' },
      learnersExposed: 2_620,
    },
    phases: [
      canary,
      ramp,
      notReachedPhase(rolloutPlan, rolloutPlan.learners, 500_000 - rolloutPlan.learners),
    ],
    faultEpisodes: [],
    warnings: [],
    ...overrides,
  };
}
