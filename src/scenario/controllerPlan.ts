import type { ArgoMetric } from '../gates/argo/argoMetric.js';
import type { FlaggerAnalysis, FlaggerWebhookType } from '../gates/flagger/flaggerAnalysis.js';
import type { MetricName } from '../gates/metrics.js';

/**
 * How the rehearsal measures one controller metric: a query over the modelled traffic (a recognised
 * Prometheus shape, or the scenario's explicit `controller.metrics` mapping), whose value is
 * `scale × (complement ? 1 − v : v)` for the modelled metric `v` over the trailing window; or a job/web
 * provider, whose measurement succeeds with a fixed probability.
 */
export type MetricSource =
  | {
      readonly kind: 'query';
      readonly metric: MetricName;
      readonly scale: number;
      readonly complement: boolean;
      /** The query's trailing window, ms (a whole number of monitoring intervals, at least one). */
      readonly windowMs: number;
      /** What the query measures, in words. */
      readonly description: string;
    }
  | { readonly kind: 'provider'; readonly successProbability: number };

/** One metric of an Argo AnalysisRun, as the rehearsal runs it. */
export interface ArgoMetricPlan {
  /** The metric with Argo's field names, arguments resolved. */
  readonly metric: Readonly<ArgoMetric>;
  readonly dryRun: boolean;
  readonly source: MetricSource;
  /** Which template it came from. */
  readonly template: string;
}

/** An AnalysisRun: the metrics of its templates, merged. */
export interface ArgoAnalysisPlan {
  readonly templates: readonly string[];
  readonly metrics: readonly ArgoMetricPlan[];
}

/** What happens inside a derived phase after its setWeight, in the Rollout's step order. */
export type ArgoStepPlan =
  | {
      readonly kind: 'pause';
      readonly step: number;
      /** ms; null for `pause: {}`, which waits for a person (the plan's `manualPauseMs`). */
      readonly durationMs: number | null;
    }
  | { readonly kind: 'analysis'; readonly step: number; readonly analysis: ArgoAnalysisPlan };

/** A Rollout's canary strategy, read into the rehearsal's terms. */
export interface ArgoControllerPlan {
  readonly kind: 'argo';
  readonly rollout: string;
  /** The steps after each phase's setWeight, aligned with `Plan.phases`. */
  readonly phaseSteps: readonly (readonly ArgoStepPlan[])[];
  /** Background analysis and the phase (index in `Plan.phases`) whose start it begins at; null when none. */
  readonly background: { readonly analysis: ArgoAnalysisPlan; readonly phaseIndex: number } | null;
  /** How long a `pause: {}` holds before the rehearsal treats it as promoted, ms. */
  readonly manualPauseMs: number;
}

/** A Canary metric check, with how it is measured. */
export interface FlaggerMetricPlan {
  readonly name: string;
  readonly source: MetricSource;
}

/** A Canary webhook whose outcome the rehearsal draws or assumes. */
export interface FlaggerWebhookPlan {
  readonly name: string;
  readonly type: FlaggerWebhookType;
  /** The chance that one call answers 2xx (checks pass, gates open, a rollback hook fires); 1 by default for checks. */
  readonly successProbability: number | null;
}

/** A Canary's analysis, read into the rehearsal's terms. */
export interface FlaggerControllerPlan {
  readonly kind: 'flagger';
  readonly canary: string;
  /** The analysis with Flagger's field names (as the gates library reads it). */
  readonly analysis: Readonly<FlaggerAnalysis>;
  /** The time between checks as Flagger schedules it (at least 10 s), ms. */
  readonly checkIntervalMs: number;
  readonly metrics: readonly FlaggerMetricPlan[];
  readonly webhooks: readonly FlaggerWebhookPlan[];
  /** The canary weight of each derived phase, percent, aligned with `Plan.phases`. */
  readonly phaseWeights: readonly number[];
  /** How long a closed confirm-promotion gate holds before the rehearsal opens it, ms. */
  readonly manualPauseMs: number;
}

/** The controller's plan behind a scenario's `controller` section. */
export type ControllerPlan = ArgoControllerPlan | FlaggerControllerPlan;

/** A phase derived from the manifests: its name, traffic share and nominal length. */
export interface DerivedPhase {
  readonly name: string;
  /** Candidate share of traffic, (0, 1]. */
  readonly traffic: number;
  /**
   * The phase's nominal length, ms (a whole number of monitoring intervals): its pauses, the nominal time
   * of its inline analyses, or one check interval. A rehearsal may run longer (failed checks, retries).
   */
  readonly durationMs: number;
  /** What the phase does, in words: `setWeight 20, pause 10m` or `weight 30%, one check every 1m`. */
  readonly description: string;
}

/** What the manifests give a scenario: the controller's plan, its phases, and what was ignored. */
export interface ControllerManifests {
  readonly plan: ControllerPlan;
  readonly phases: readonly DerivedPhase[];
  /** Fields that were ignored or approximated, one sentence each with file:line. */
  readonly warnings: readonly string[];
}
