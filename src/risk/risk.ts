import type { Fidelity } from '../engine/rehearsal.js';
import type { FinanceSimulation } from '../finance/index.js';
import type { MetricName, Operator } from '../gates/index.js';
import type { Probability } from '../stats/index.js';
import type { GuardNoise } from './guardNoise.js';
import type { PlanGuardFix } from './planGuardFix.js';
import type { RunExample } from './riskTally.js';

/**
 * The contract of `risk.json`, documented in docs/risk.md and checked by docs/schemas/risk.schema.json.
 * Bump it when a field is renamed or removed; adding fields keeps it.
 */
export const RISK_SCHEMA_VERSION = 1;

/** A gate or guard condition as the scenario states it. */
export interface RiskCondition {
  metric: MetricName;
  op: Operator;
  threshold: number;
  minRequests: number;
}

/** The exact verdict chances of an errorRate gate at one checkpoint, on the nominal candidate. */
export interface ExactCheckpoint {
  label: string;
  offsetMs: number;
  /** Expected candidate requests in the checkpoint's window. */
  expectedRequests: number;
  pPass: number;
  pFail: number;
  pInconclusive: number;
  /** Under a diurnal profile: the mean traffic factor over the window (its expected requests against a flat day's). */
  meanDiurnalFactor?: number;
}

/** The exact operating characteristic of an errorRate gate (docs/risk.md), outages aside, following the diurnal profile. */
export interface ExactGate {
  /** The candidate's nominal error rate (request-weighted over segments). */
  errorRate: number;
  checkpoints: ExactCheckpoint[];
  /**
   * For an upper limit (`below`, `max`): the chance the last checkpoint passes a candidate whose error
   * rate is twice the limit; an upper bound on slipping through when every checkpoint must pass. Else null.
   */
  pPassAtTwiceThreshold: number | null;
}

export interface RiskGate extends RiskCondition {
  /** Among runs that reached the phase: failed at one checkpoint or more. */
  pFailed: Probability;
  /** Among runs that reached the phase: inconclusive at one checkpoint or more. */
  pInconclusive: Probability;
  /** Among runs that reached the phase: it decided the rollback (first cause). */
  pCausedRollback: Probability;
  /** Among runs that reached the phase: it decided a rollback with no regression present (noise alone). */
  pCausedFalseRollback: Probability;
  /** Among runs that reached the phase: it halted the rollout (inconclusive at the end). */
  pCausedHalt: Probability;
  exact: ExactGate | null;
}

export interface RiskGuard extends RiskCondition {
  /** The trailing window the guard looks at, ms. */
  windowMs: number;
  /** Among runs that reached the phase: tripped in it. */
  pTripped: Probability;
  /** Among runs that reached the phase: the first guard to trip, so it decided the rollback. */
  pCausedRollback: Probability;
  pCausedFalseRollback: Probability;
}

/** A controller metric (or Flagger webhook) in one phase of a controller's plan. */
export interface RiskControllerMetric {
  /** Its name in the manifests. */
  name: string;
  /** Among runs that reached the phase: at least one failed (Argo: Failed or Error) measurement. */
  pFailed: Probability;
  /** Among runs that reached the phase: its failures decided the rollback. */
  pCausedRollback: Probability;
  pCausedFalseRollback: Probability;
  /** Among runs that reached the phase: it halted the rollout (an Argo run Inconclusive). */
  pCausedHalt: Probability;
}

export interface RiskPhase {
  name: string;
  traffic: number;
  learners: number;
  /** Among all runs. */
  pReach: Probability;
  /** Among runs that reached the phase: it passed (advanced, or completed the rollout). */
  pPass: Probability;
  pRollback: Probability;
  /** Among runs that reached the phase: rolled back with no regression present. */
  pFalseRollback: Probability;
  pHalt: Probability;
  /** Among runs that reached the phase with a regression present: it passed anyway. Null: no regression was ever present. */
  pRegressionSlipsThrough: Probability | null;
  gates: RiskGate[];
  guards: RiskGuard[];
  /** For a controller's plan: each controller metric, in a fixed order; absent for a scenario's own phases. */
  controllerMetrics?: RiskControllerMetric[];
}

/** p10 / p50 / p90 and mean of a whole-number sample, in the unit its field names. */
export interface RiskDistribution {
  runs: number;
  p10: number;
  p50: number;
  p90: number;
  mean: number;
}

/** A run risk.json quotes, with the command that reproduces it. */
export interface RiskExample extends RunExample {
  reproduce: string;
}

/** One errorRate guard in one phase under noise alone: the exact analysis beside the Monte Carlo. */
export interface NoiseFinding extends GuardNoise {
  /** Monte Carlo, among runs that reached the phase: tripped in it. */
  pTripped: Probability;
  /** Monte Carlo, among runs that reached the phase: its trip rolled back a run with no regression. */
  pFalseRollback: Probability;
}

/** One of the plan's candidate faults: how often it struck, and what the rollout did when it had. */
export interface RiskFault {
  kind: string;
  target: 'candidate' | 'both';
  /** The phase it is scheduled in or limited to; null for every phase. */
  phase: string | null;
  /** Random faults: episodes per day and their mean length, ms; null for a scheduled fault. */
  ratePerDay: number | null;
  meanDurationMs: number | null;
  /** Scheduled faults: start from the phase start and length, ms; null for a random fault. */
  atMs: number | null;
  durationMs: number | null;
  /** Over all runs: an episode overlapped a phase while it ran. */
  pStruck: Probability;
  /** Among the runs it struck: the rollout was rolled back (by whatever gate or guard). */
  pRollbackWhenStruck: Probability;
  /** Among the runs it struck: the rollout completed anyway (the fault slipped through). */
  pCompletedWhenStruck: Probability;
}

/** `risk.json`: a Monte Carlo study of the plan, every probability with its Wilson 95% interval. */
export interface Risk {
  schemaVersion: typeof RISK_SCHEMA_VERSION;
  tool: { name: string; version: string };
  scenario: { name: string; file: string; sha256: string; release: string | null };
  seed: number;
  fidelity: Fidelity;
  approve: boolean;
  runs: number;
  /** How run i's seed is derived, and example runs with the command that reproduces each. */
  runSeeds: { scheme: string; examples: RiskExample[] };
  /** The rehearsal reached the end of its last phase. */
  pComplete: Probability;
  pRollback: Probability;
  pHalt: Probability;
  rollbacks: {
    /** A regression was present: the candidate is worse than the baseline, or a fault was (or may have been) active. */
    pTrue: Probability;
    /** Noise alone: the candidate as good as the baseline and no fault active. */
    pFalse: Probability;
    /** Each way the plan's candidate is worse than its baseline; empty when none. */
    candidateWorse: string[];
  };
  phases: RiskPhase[];
  /** The plan's faults that hit the candidate, in plan order (empty without faults). */
  faults: RiskFault[];
  /** From the rollout start to the end of the last phase, completed runs only, ms. */
  timeToCompletionMs: RiskDistribution | null;
  /** From the rollout start to the rollback, rolled-back runs only, ms. */
  timeToRollbackMs: RiskDistribution | null;
  /** Candidate learners who made a request before the rollback, rolled-back runs only. */
  learnersExposedBeforeRollback: RiskDistribution | null;
  noise: {
    /** The false-trip chance per phase the fixes aim under. */
    targetPerPhase: number;
    /** The share of full windows a fix must still judge. */
    minJudgedShare: number;
    guards: NoiseFinding[];
    /** For each error-rate guard that fires on noise: one window and minRequests the scenario can state that fix it in every phase. */
    planFixes: PlanGuardFix[];
  };
  /** The revenue and ROI distribution over the runs' timelines; null without a business section. */
  finance: FinanceSimulation | null;
  warnings: string[];
}
