import type { Fidelity, MetricValues, OutcomeStatus, PhaseStatus } from '../engine/rehearsal.js';
import type { TimelineEnding } from '../finance/index.js';
import type { Decision, MetricName, Operator, Verdict } from '../gates/index.js';
import type { ReplayInfo } from '../replay/index.js';
import type { PlanGuardFix } from '../risk/planGuardFix.js';

/**
 * The contract of `results.json`, documented field by field in `docs/results.md` and checked by
 * `docs/schemas/results.schema.json`. Bump it when a field is renamed or removed; adding fields keeps it.
 */
export const RESULTS_SCHEMA_VERSION = 1;

/** A gate or guard condition as the scenario states it: `metric op threshold` (threshold in the metric's unit). */
export interface ResultsCondition {
  metric: MetricName;
  op: Operator;
  threshold: number;
  /** Fewest requests a window needs for the condition to be judged (0: any window with a value). */
  minRequests: number;
}

/** A rollback guard: the condition, watched on a trailing window of `windowMs`. */
export interface ResultsGuard extends ResultsCondition {
  windowMs: number;
}

/** One gate at one checkpoint. */
export interface ResultsGate {
  metric: MetricName;
  op: Operator;
  threshold: number;
  observed: number | null;
  verdict: Verdict;
  reason: string;
}

export interface ResultsCheckpoint {
  label: string;
  at: string;
  offsetMs: number;
  /** The window the gates looked at, offsets from the phase start, ms. */
  window: { fromMs: number; toMs: number };
  metrics: MetricValues;
  baselineMetrics: MetricValues | null;
  gates: ResultsGate[];
  verdict: Verdict;
}

/** An episode of an injected fault: when the fault acted on which cohort in this run. */
export interface ResultsFaultEpisode {
  /** The fault's index in `model.faults` (the scenario's `faults`). */
  fault: number;
  kind: string;
  cohort: 'candidate' | 'baseline' | 'both';
  startedAt: string;
  endedAt: string;
  /** The same instants as ms from the rollout's start (`start`); the episode is `[startMs, endMs)`. */
  startMs: number;
  endMs: number;
}

export interface ResultsGuardTrip {
  metric: MetricName;
  op: Operator;
  threshold: number;
  observed: number | null;
  at: string;
  offsetMs: number;
  reason: string;
  /**
   * The fault episodes active in the guard's trailing window when it tripped (empty: none was). Only in a
   * rehearsal of a scenario that injects faults, so that other results keep their bytes.
   */
  faultEpisodes?: ResultsFaultEpisode[];
}

export interface ResultsDecision {
  action: Decision['action'];
  at: string;
  offsetMs: number;
  reason: string;
  /**
   * The fault episodes active in what the decision judged: a guard's rollback, its trailing window; any
   * other decision, the phase until it (empty: none was). Only in a rehearsal of a scenario that injects
   * faults, as for guard trips.
   */
  faultEpisodes?: ResultsFaultEpisode[];
}

export interface ResultsCohort {
  learners: number;
  /** Null when not recorded (a replay: a metrics file counts requests, not learners). */
  learnersExposed: number | null;
  requests: number;
  errors: number;
  revenueUsd: number;
  learnerHours: number;
}

/** What the scenario asked of a phase: how long, when to check, which gates, how to decide. */
export interface ResultsPhaseRules {
  durationMs: number;
  checkpointsMs: number[];
  window: 'cumulative' | 'since-last-checkpoint';
  require: 'every-checkpoint' | 'final';
  advance: 'auto' | 'manual';
  gates: ResultsCondition[];
}

export interface ResultsPhase {
  name: string;
  status: PhaseStatus;
  traffic: number;
  learners: number;
  startedAt: string | null;
  ranMs: number;
  rules: ResultsPhaseRules;
  checkpoints: ResultsCheckpoint[];
  guardTrips: ResultsGuardTrip[];
  decision: ResultsDecision | null;
  candidate: ResultsCohort;
  baseline: ResultsCohort;
  /** A controller's measurements (Argo) or metric checks (Flagger) in this phase; absent for a scenario's own phases. */
  measurements?: ResultsMeasurement[];
}

/** One controller measurement: its metric's name, when (ms from the phase start), the value, the result and why. */
export interface ResultsMeasurement {
  name: string;
  offsetMs: number;
  value: number | null;
  result: string;
  reason: string;
}

export interface ResultsOutcome {
  status: OutcomeStatus;
  phase: string;
  at: string;
  offsetMs: number;
  elapsedMs: number;
  reason: string;
  /**
   * The gate or guard that decided; for a controller's plan, the controller metric (`name`), the modelled
   * metric it measures (null for a provider or webhook) and the controller's rule that decided.
   */
  cause:
    | { kind: 'gate' | 'guard'; metric: MetricName }
    | {
        kind: 'controller';
        controller: 'argo' | 'flagger';
        name: string;
        metric: MetricName | null;
        rule: string;
      }
    | null;
  /** Candidate learners who made at least one request before the rehearsal ended; null when not recorded (a replay). */
  learnersExposed: number | null;
}

/** How one version of the service was modeled, per segment (in `model.segments` order). */
export interface ResultsAnalyzer {
  availability: number;
  meanOutageMs: number;
  segments: Array<{
    id: string;
    errorRate: number;
    latencyP50Ms: number;
    latencyP99Ms: number;
    revenueUplift: number | null;
  }>;
}

/** What the rehearsal assumed about traffic and the two versions: the model's inputs, for the report's appendix. */
export interface ResultsModel {
  population: { learners: number; requestsPerLearnerHour: number };
  /** Whether traffic follows a diurnal profile (false: flat). */
  diurnal: boolean;
  /** With a diurnal profile only: the 24 traffic factors by UTC hour (00:00 first), as compiled (mean 1). */
  diurnalFactors?: number[];
  segments: Array<{ id: string; label: string; share: number; requestsPerLearnerHour: number }>;
  analyzers: { baseline: ResultsAnalyzer; candidate: ResultsAnalyzer };
  /** Faults injected: kind, which version, and the phase (null: any phase). */
  faults: Array<{ kind: string; target: 'candidate' | 'baseline' | 'both'; phase: string | null }>;
}

/** An effect measured in the A/B test: a relative change and its standard deviation (0.058 is +5.8%). */
export interface ResultsEffect {
  mean: number;
  sd: number;
}

/** The scenario's business inputs, as the projection read them (every default filled in). */
export interface ResultsFinanceInputs {
  baselineAnnualRevenueUsd: number;
  revenueUplift: ResultsEffect;
  completionUplift: ResultsEffect | null;
  churnChange: ResultsEffect | null;
  followOn: Array<{ name: string; revenueUplift: ResultsEffect; startsAfterMs: number }>;
  baselineChurnPerMonth: number;
  baselineCompletionsPerLearnerMonth: number;
  horizonDays: number;
  costs: { oneOffUsd: number; monthlyUsd: number };
  discountRatePerYear: number;
  revenueIncludesChurnAndCompletion: boolean;
  revenuePerCompletionUsd: number | null;
}

/** Cumulative revenue impact at a day of the horizon: the mean and its 10th–90th percentile band, USD. */
export interface ResultsValueAtDay {
  day: number;
  valueUsd: number;
  p10Usd: number;
  p90Usd: number;
}

/** One bar of the tornado table: net value with one input at either end of its interval, USD. */
export interface ResultsTornadoBar {
  input: string;
  label: string;
  lowInput: number | string;
  highInput: number | string;
  netValueAtLowUsd: number;
  netValueAtHighUsd: number;
  swingUsd: number;
}

/** `finance`: what this rehearsal's exposure timeline is worth, with intervals (docs/finance.md). */
export interface ResultsFinance {
  inputs: ResultsFinanceInputs;
  exposure: {
    ending: TimelineEnding;
    fullRolloutAtMs: number | null;
    /** ∫ share dt over the horizon, days. */
    fullExposureDays: number;
    segments: Array<{ fromMs: number; toMs: number; share: number }>;
  };
  fullExposureAnnualUsd: number;
  fullExposureAnnualCi95Usd: [number, number];
  valueUsd: number;
  valueSdUsd: number;
  valueCi95Usd: [number, number];
  revenue: {
    mainUsd: number;
    followOn: Array<{ name: string; startsAtMs: number | null; revenueUplift: number; valueUsd: number }>;
  };
  learnerOutcomes: {
    learnersRetainedPerYear: number | null;
    learnersRetained: number | null;
    completionsGainedPerYear: number | null;
    completionsGained: number | null;
    churnRevenueUsd: number;
    completionRevenueUsd: number | null;
    addedToValue: boolean;
    shareOfMainExplained: number | null;
  };
  costs: { oneOffUsd: number; recurringUsd: number; totalUsd: number };
  netValueUsd: number;
  roi: number | null;
  delayCostPerDayUsd: number;
  /** The plan completing on schedule, for comparison. */
  planned: { valueUsd: number; netValueUsd: number };
  directLaunch: { valueUsd: number; netValueUsd: number; roi: number | null };
  planMinusDirectUsd: number;
  /** Cumulative revenue impact over the horizon, as rehearsed and as planned: the fan chart's data. */
  valueOverTime: { rehearsed: ResultsValueAtDay[]; planned: ResultsValueAtDay[] };
  sensitivity: { baseNetValueUsd: number; bars: ResultsTornadoBar[] };
}

/** `results.json`: one rehearsal, everything a report needs, nothing it has to recompute from the scenario. */
export interface Results {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  tool: { name: string; version: string };
  scenario: { name: string; file: string; sha256: string; release: string | null };
  seed: number;
  fidelity: Fidelity;
  start: string;
  monitoring: { intervalMs: number; guardWindowMs: number; latencyBucketsMs: number[] };
  /** The traffic and service model the rehearsal assumed. */
  model: ResultsModel;
  guards: ResultsGuard[];
  outcome: ResultsOutcome;
  phases: ResultsPhase[];
  /**
   * What the rehearsal could not simulate as asked (e.g. a fault kind without an effect model); for a
   * replay, what the data checks found (the messages of `replay.warnings`, then how many more there were).
   */
  warnings: string[];
  /** The revenue and ROI projection of this rehearsal's exposure timeline; null without a `business` section. */
  finance: ResultsFinance | null;
  /** `rehearse replay` only: what was read from the recorded metrics and what the data checks found. */
  replay?: ReplayInfo;
  /**
   * Only when a guard rolled the rehearsal back and a recommended setting exists for it: that setting, the
   * same `planGuardFix` that `risk.json`'s `noise.planFixes` holds, so the run's next actions and risk.md
   * recommend the same thing.
   */
  guardFixes?: PlanGuardFix[];
}
