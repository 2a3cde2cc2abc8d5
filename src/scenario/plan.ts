import type { Condition } from '../gates/condition.js';
import type { ControllerManifests } from './controllerPlan.js';
import type { FaultKind } from './faultSchema.js';

/**
 * A compiled scenario: everything the simulator, the gates and the reports need, in fixed units (ms,
 * fractions 0..1, USD, requests per learner-hour), with every default filled in and every reference
 * resolved to an index. Plain data; the same scenario always compiles to the same Plan.
 */
export interface Plan {
  /** The scenario's name. */
  readonly name: string;
  /** The release being rolled out, or null when the scenario names none. */
  readonly release: string | null;
  /** Master seed of the rehearsal's random streams. */
  readonly seed: number;
  /** When the first phase starts: Unix epoch ms (UTC). */
  readonly startMs: number;
  /** The same instant as ISO 8601 UTC with ms: `2025-10-31T12:00:00.000Z`. */
  readonly startIso: string;
  /** sha256 (hex) of the scenario file's bytes; '' when compiled from data built in code. */
  readonly scenarioSha256: string;
  /** Monitoring interval, ms: metrics are sampled and checkpoints fall on multiples of it. */
  readonly intervalMs: number;
  /** Trailing window the guards look at, ms; a whole multiple of `intervalMs`. */
  readonly guardWindowMs: number;
  /** Latency histogram bucket upper bounds, ms, strictly increasing; a final +Inf bucket is implicit. */
  readonly latencyBucketsMs: readonly number[];
  /** All learners and their default request rate (requests per learner-hour). */
  readonly population: { readonly learners: number; readonly requestsPerLearnerHour: number };
  /** Segments of the population; their shares sum to 1. Other per-segment arrays are aligned with this. */
  readonly segments: readonly SegmentPlan[];
  /** 24 traffic factors by UTC hour (00:00 first) with mean 1, or null for flat traffic. */
  readonly diurnal: readonly number[] | null;
  /** The modeled baseline and candidate versions. */
  readonly analyzers: { readonly baseline: AnalyzerPlan; readonly candidate: AnalyzerPlan };
  /** The business effect and finance inputs, or null when the scenario has no `business`. */
  readonly business: BusinessPlan | null;
  /** Rollback guards: the candidate is rolled back as soon as any of these holds in the guard window. */
  readonly guards: readonly Readonly<Condition>[];
  /** The rollout's phases, in order. */
  readonly phases: readonly PhasePlan[];
  /** Faults to inject. */
  readonly faults: readonly FaultPlan[];
  /**
   * The Argo Rollouts or Flagger plan the phases were derived from, when the scenario has a `controller`
   * section: its steps and analysis decide instead of gates and guards. Absent for a scenario's own phases.
   */
  readonly controller?: ControllerManifests;
}

/** One segment of the population. */
export interface SegmentPlan {
  readonly id: string;
  /** Display name; the id when the scenario gives no label. */
  readonly label: string;
  /** Fraction of all learners, (0, 1]. */
  readonly share: number;
  /** Requests per learner-hour in this segment (the population's rate unless overridden). */
  readonly requestsPerLearnerHour: number;
}

/** How one version of the service behaves. */
export interface AnalyzerPlan {
  /** Fraction of time up, (0, 1]. */
  readonly availability: number;
  /** Mean length of an outage episode, ms. */
  readonly meanOutageMs: number;
  /** Behaviour in each segment, aligned with `Plan.segments` (overrides applied). */
  readonly bySegment: readonly SegmentBehaviour[];
}

/** A version's behaviour in one segment. */
export interface SegmentBehaviour {
  /** Probability that a request fails, [0, 1]. */
  readonly errorRate: number;
  /** Median latency, ms. */
  readonly latencyP50Ms: number;
  /** 99th percentile latency, ms (> p50). */
  readonly latencyP99Ms: number;
  /** Relative revenue change in this segment (0.05 is +5%), or null to use the business-wide uplift. */
  readonly revenueUplift: number | null;
}

/** An effect measured with uncertainty: mean and standard deviation, as fractions (0.058 is +5.8%). */
export interface UncertainEffect {
  readonly mean: number;
  readonly sd: number;
}

/** Finance inputs; every default filled in. */
export interface BusinessPlan {
  /** Revenue per year before the change, USD. */
  readonly baselineAnnualRevenueUsd: number;
  /** Relative revenue change from the candidate. */
  readonly revenueUplift: UncertainEffect;
  /** Relative change in completions, or null when not measured. */
  readonly completionUplift: UncertainEffect | null;
  /** Relative change in churn (negative is fewer learners lost), or null when not measured. */
  readonly churnChange: UncertainEffect | null;
  /** Purchases per learner per year. */
  readonly purchasesPerLearnerYear: number;
  /** Coefficient of variation of one purchase's amount (sd / mean). */
  readonly purchaseAmountCv: number;
  /** Fraction of learners lost per month before the change, [0, 1]. */
  readonly baselineChurnPerMonth: number;
  /** Course completions per learner per month before the change. */
  readonly baselineCompletionsPerLearnerMonth: number;
  /** Projection horizon, days. */
  readonly horizonDays: number;
  /** Costs of the change, USD. */
  readonly costs: { readonly oneOffUsd: number; readonly monthlyUsd: number };
  /** Yearly discount rate for present values, [0, 1]. */
  readonly discountRatePerYear: number;
  /** Later improvements, each starting `startsAfterMs` after the last phase (the full rollout) begins. */
  readonly followOn: readonly {
    readonly name: string;
    readonly revenueUplift: UncertainEffect;
    readonly startsAfterMs: number;
  }[];
  /**
   * Whether the measured revenue uplift already contains the churn and completion effects; absent means
   * true (they are reported, not added: docs/finance.md).
   */
  readonly revenueIncludesChurnAndCompletion?: boolean;
  /** Revenue one extra course completion brings, USD; absent when not stated (completions are not valued). */
  readonly revenuePerCompletionUsd?: number;
  /** A CSV of bootstrap samples of the effects, the path as written (relative to the scenario file); absent when none. */
  readonly effectSamples?: { readonly file: string };
}

/** One phase of the rollout. */
export interface PhasePlan {
  readonly name: string;
  /** Position in `Plan.phases`, from 0. */
  readonly index: number;
  /** Fraction of traffic (and of learners) on the candidate, (0, 1]. */
  readonly traffic: number;
  /** Learners on the candidate: the scenario's number, or round(traffic × population.learners). */
  readonly learners: number;
  /** Length of the phase, ms; a whole multiple of `Plan.intervalMs`. */
  readonly durationMs: number;
  /** Checkpoint offsets from the phase start, ms, increasing; the last may be < durationMs. */
  readonly checkpointsMs: readonly number[];
  /** Conditions that must all hold for the phase to pass (one per operator written). */
  readonly gates: readonly Readonly<Condition>[];
  /** Whether gates must pass at every checkpoint or only at the final one. */
  readonly require: 'every-checkpoint' | 'final';
  /** Whether passing advances to the next phase by itself or awaits approval. */
  readonly advance: 'auto' | 'manual';
  /** Checkpoint metrics over the phase so far (`cumulative`) or since the previous checkpoint. */
  readonly window: 'cumulative' | 'since-last-checkpoint';
}

/** One fault to inject: scheduled (phaseIndex + atMs + durationMs) or random (ratePerDay + meanDurationMs). */
export interface FaultPlan {
  readonly kind: FaultKind;
  /** Which version the fault hits. */
  readonly target: 'candidate' | 'baseline' | 'both';
  /** The phase a scheduled fault starts in, or that a random fault is limited to; null for all phases. */
  readonly phaseIndex: number | null;
  /** Start of a scheduled fault from its phase's start, ms; null for a random fault. */
  readonly atMs: number | null;
  /** Length of a scheduled fault, ms (to the end of the phase unless given); null for a random fault. */
  readonly durationMs: number | null;
  /** Mean episodes per day of a random fault (a Poisson process); null for a scheduled fault. */
  readonly ratePerDay: number | null;
  /** Mean episode length of a random fault, ms (exponential); null for a scheduled fault. */
  readonly meanDurationMs: number | null;
  /** The segment the fault is limited to (index into `Plan.segments`), or null for all segments. */
  readonly segmentIndex: number | null;
  /** Kind-specific parameters with defaults filled in (see docs/scenario.md, "Faults"). */
  readonly params: Readonly<Record<string, number | string>>;
}
