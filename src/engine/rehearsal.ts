import type { Decision, GateResult, MetricName, Operator, Verdict } from '../gates/index.js';
import type { FaultEpisode } from '../model/index.js';

/**
 * Where the results' traffic came from: simulated as sampled counts and histograms (`aggregate`) or as
 * every single request (`request`), or recorded during a real rollout and replayed (`replay`, which
 * nothing simulates: `rehearse` takes only the first two).
 */
export type Fidelity = 'aggregate' | 'request' | 'replay';

/**
 * How a rehearsal ended: it ran through its last phase, a gate or guard rolled it back, or it stopped
 * inconclusive. `partial` only ends a replay: every recorded phase passed, but the recorded metrics stop
 * before the last phase, so whether the rollout completes is not known (a rehearsal never ends so).
 */
export type OutcomeStatus = 'completed' | 'rolled-back' | 'halted' | 'partial';

/** Metric values at a checkpoint or over a window; `null` means no value (e.g. no requests). */
export type MetricValues = Record<MetricName, number | null>;

/** What the candidate (or baseline) cohort did over a span: raw sums behind the metrics. */
export interface CohortTotals {
  learners: number;
  /**
   * Learners who made at least one request: for the candidate, since the rollout began (cohorts are
   * nested, each phase's candidates include the previous phase's), so the last phase reached gives the
   * rollout's blast radius; for the baseline, within the phase. Null when not recorded: a replay's
   * metrics file counts requests, not learners.
   */
  learnersExposed: number | null;
  requests: number;
  errors: number;
  revenueUsd: number;
  learnerHours: number;
}

/** One gate checkpoint: the window it looked at, the metrics, each gate's verdict and the checkpoint's verdict. */
export interface CheckpointResult {
  label: string;
  /** Offset of the checkpoint from the phase start, ms. */
  offsetMs: number;
  at: string;
  /** The window the gates looked at, as offsets from the phase start, ms. */
  windowFromMs: number;
  windowToMs: number;
  metrics: MetricValues;
  /** The baseline cohort's metrics over the same window, for comparison (null when it had no learners). */
  baselineMetrics: MetricValues | null;
  gates: GateResult[];
  verdict: Verdict;
  /** The candidate's requests and errors per segment over the window, in the scenario's segment order. */
  segments: SegmentTotals[];
}

/** One segment's candidate requests and errors over a checkpoint's window. */
export interface SegmentTotals {
  id: string;
  requests: number;
  errors: number;
}

/** A guard condition that held on its trailing window, triggering a rollback. */
export interface GuardTrip {
  /** The guard's index in the plan's guards. */
  index: number;
  metric: MetricName;
  op: string;
  threshold: number;
  observed: number | null;
  offsetMs: number;
  at: string;
  reason: string;
}

/** A phase's decision with its absolute time. */
export interface PhaseDecision extends Decision {
  at: string;
}

export type PhaseStatus = 'passed' | 'rolled-back' | 'halted' | 'not-reached';

/** One phase of one rehearsal. */
export interface PhaseResult {
  name: string;
  traffic: number;
  learners: number;
  plannedDurationMs: number;
  /** How long the phase actually ran before its decision, ms (0 when not reached). */
  ranMs: number;
  /** When the phase started, ms from the rollout's start (`Rehearsal.startedAt`); null when not reached. */
  startOffsetMs: number | null;
  /** The same instant as ISO-8601 UTC, as `results.json` writes it. */
  startedAt: string | null;
  status: PhaseStatus;
  checkpoints: CheckpointResult[];
  guardTrips: GuardTrip[];
  decision: PhaseDecision | null;
  candidate: CohortTotals;
  baseline: CohortTotals;
  /** The controller's measurements in this phase, in order; absent for a scenario's own phases. */
  measurements?: ControllerMeasurement[];
}

/**
 * The gate or guard that decided a rollback or halt: which one, by its index among the phase's gates or the
 * plan's guards (two gates on one metric, `errorRate below 1%` and `errorRate max 2%`, are told apart), with
 * its metric and operator.
 */
export type StopCause = RuleCause | ControllerCause;

/** A gate or guard of the scenario's own phases (see {@link StopCause}). */
export interface RuleCause {
  kind: 'gate' | 'guard';
  /** Index in the phase's gates (`gate`) or in the plan's guards (`guard`). */
  index: number;
  metric: MetricName;
  op: Operator;
}

/**
 * The controller metric (or Flagger webhook) whose analysis decided a rollback or halt, and the
 * controller's rule that decided, in its words: `failed (4) > failureLimit (3)`, `failed checks
 * threshold reached (10 ≥ 10)`.
 */
export interface ControllerCause {
  kind: 'controller';
  controller: 'argo' | 'flagger';
  /** The metric's (or webhook's) name in the manifests. */
  name: string;
  /** The modelled metric it measures; null for a job/web provider or a webhook. */
  metric: MetricName | null;
  rule: string;
}

/** One measurement (Argo) or metric check (Flagger) the controller took during a phase. */
export interface ControllerMeasurement {
  /** The metric's (or webhook's) name in the manifests. */
  name: string;
  /** The modelled metric it measures; null for a provider or a webhook. */
  metric: MetricName | null;
  /** When it was taken, ms from the phase start. */
  offsetMs: number;
  /** The query's value (in the query's unit); null when the window had no value (NaN or none), or for a provider. */
  value: number | null;
  /** Argo's measurement phase, or Flagger's `passed`/`failed`. */
  result: string;
  reason: string;
  /** The trailing window the value came from, ms (0 for a provider, whose outcome does not read traffic). */
  windowMs: number;
}

/** What ended the rehearsal and where. */
export interface Outcome {
  status: OutcomeStatus;
  /** The phase in which the rehearsal ended (the last phase when completed). */
  phase: string;
  /** Offset from that phase's start, ms. */
  offsetMs: number;
  at: string;
  /** Elapsed from the rehearsal's start, ms. */
  elapsedMs: number;
  reason: string;
  /** The gate or guard that decided a rollback or halt; null when completed (or halted for want of approval). */
  cause: StopCause | null;
  /** Candidate learners who made at least one request before the rehearsal ended; null when not recorded (a replay). */
  learnersExposed: number | null;
}

/** One full rehearsal of a plan at one seed: the engine's output, before finance and reports. */
export interface Rehearsal {
  seed: number;
  fidelity: Fidelity;
  startedAt: string;
  outcome: Outcome;
  phases: PhaseResult[];
  /**
   * The fault episodes this run drew, the very ones the simulation applied: each modelled fault's windows
   * for each cohort it hits, on the rollout's timeline (ms from its start), including any after the
   * rehearsal ended. Empty without faults, and for a replay.
   */
  faultEpisodes: readonly FaultEpisode[];
  /** What the rehearsal could not simulate as asked (e.g. a fault kind without an effect model); usually empty. */
  warnings: string[];
}
