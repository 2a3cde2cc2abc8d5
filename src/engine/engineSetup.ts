import type { Condition, EvaluationContext, PhaseRules } from '../gates/index.js';
import type { FaultSpec, LatencyMixture, RevenueModel } from '../model/index.js';
import type { ControllerPlan } from '../scenario/controllerPlan.js';

/** What one cohort's analyzer does, per segment: the parameters the model draws from. */
export interface CohortParams {
  /** Error probability of a request served while up, per segment (0..1). */
  errorRate: Float64Array;
  /** Nominal latency mixture per segment; segments with equal parameters share one object. */
  latency: readonly LatencyMixture[];
  /** Long-run fraction of time up (0..1]. */
  availability: number;
  meanOutageMs: number;
  /** Relative change of the purchase rate, per segment (0 for the baseline; 0.058 is +5.8%). */
  revenueUplift: Float64Array;
  /** Churned learners per learner-month, and completions per learner-month. */
  churnPerLearnerMonth: number;
  completionsPerLearnerMonth: number;
}

/**
 * What the guards need drawn every interval. Whatever they do not need (per-segment counts, the
 * histogram, exposure, revenue, churn) is accumulated as Poisson means and drawn once per checkpoint span,
 * which has the same distribution and costs far less.
 */
export interface GuardNeeds {
  /** Request and error counts (any guard but availability/incidents, or one with minRequests). */
  counts: boolean;
  /** The latency histogram (a guard on a latency quantile). */
  latency: boolean;
  /** Requests and errors per segment (a segmentVariance guard). */
  segments: boolean;
  /** Revenue, churn and completions (a guard on revenueImpact, churnRate or completionRate). */
  spanDraws: boolean;
}

/** A checkpoint as the engine walks it. */
export interface CheckpointSetup {
  label: string;
  offsetMs: number;
  /** Where its gates' reasons say they were evaluated: `{ phase: 'ramp', label: '2h checkpoint' }`. */
  gateContext: EvaluationContext;
}

/** One phase, resolved into learners per segment and learner-id ranges. */
export interface PhaseSetup {
  index: number;
  name: string;
  /** Candidate share of the traffic (0..1]; scales revenueImpact. */
  traffic: number;
  durationMs: number;
  checkpoints: readonly CheckpointSetup[];
  gates: readonly Condition[];
  rules: PhaseRules;
  /** Gates look at the span since the previous checkpoint rather than since the phase start. */
  sinceLastCheckpoint: boolean;
  /** Candidate and baseline learners per segment (whole learners, adding up to each cohort's total). */
  candidateBySegment: readonly number[];
  baselineBySegment: readonly number[];
}

/**
 * A plan resolved into what the engine's hot loop needs: numbers in ms, per-segment arrays, stable
 * latency mixtures, learner-id blocks. Built once per plan (and cached), shared by every run.
 */
export interface EngineSetup {
  name: string;
  /** Plan start, epoch ms (UTC). */
  startMs: number;
  learners: number;
  segmentIds: readonly string[];
  /** Requests per learner-hour, per segment. */
  requestsPerLearnerHour: Float64Array;
  /** First learner id of each segment's block (learners are numbered segment by segment). */
  segmentFirstLearner: readonly number[];
  /** Learners per segment over the whole population. */
  segmentLearners: readonly number[];
  intervalMs: number;
  /** Length of the trailing window guards look at, in monitoring intervals (≥ 1). */
  guardWindowIntervals: number;
  latencyBoundsMs: readonly number[];
  guards: readonly Condition[];
  phases: readonly PhaseSetup[];
  candidate: CohortParams;
  baseline: CohortParams;
  /** Revenue model, or null when the plan has no business section (revenue is then 0). */
  revenue: RevenueModel | null;
  /** Normalised hourly traffic factors (UTC), or null for a flat profile. */
  diurnal: Float64Array | null;
  /** What the guards look at every interval; everything else is drawn once per checkpoint span. */
  guardNeeds: GuardNeeds;
  /** Whether some gate or guard needs churn or completion counts (otherwise they are not drawn). */
  needsChurn: boolean;
  needsCompletions: boolean;
  faults: readonly FaultSpec[];
  /** The Argo Rollouts or Flagger plan that decides instead of gates and guards; null for a scenario's own phases. */
  controller: ControllerPlan | null;
}
