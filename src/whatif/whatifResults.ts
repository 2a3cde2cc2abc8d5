import type { Fidelity } from '../engine/rehearsal.js';
import type { MetricName, Operator } from '../gates/index.js';

/**
 * The contract of `whatif.json`, checked by `docs/schemas/whatif.schema.json` and described in
 * docs/faults.md. Bump it when a field is renamed or removed; adding fields keeps it.
 */
export const WHATIF_SCHEMA_VERSION = 1;

/** A probability from runs: `p` is null when there were no runs (nothing to estimate from). */
export interface WhatifProbability {
  p: number | null;
  ci95: [number, number];
  runs: number;
}

/** Percentiles over runs (type 7, as R and numpy), in the unit of the field's name. */
export interface WhatifPercentiles {
  p10: number;
  p50: number;
  p90: number;
}

/** A toll over the runs in which the fault occurred: the mean and percentiles. */
export interface WhatifSummary extends WhatifPercentiles {
  mean: number;
}

/** The gate or guard that stopped the rollout first in detected runs, and in what share of them. */
export type WhatifDetectedBy = WhatifRuleDetectedBy | WhatifControllerDetectedBy;

/** A gate or guard that detected a fault. */
export interface WhatifRuleDetectedBy {
  kind: 'gate' | 'guard';
  metric: MetricName;
  op: Operator;
  threshold: number;
  /** `guard p99LatencyMs > 250 ms`. */
  condition: string;
  /** Detected runs stopped by it. */
  runs: number;
  /** Its share of the detected runs. */
  share: number;
}

/** A controller metric (by its name in the manifests) whose failures detected a fault. */
export interface WhatifControllerDetectedBy {
  kind: 'controller';
  name: string;
  /** The modelled metric it measures; null for a provider or a webhook. */
  metric: MetricName | null;
  /** `controller metric success-rate`. */
  condition: string;
  /** Detected runs stopped by it. */
  runs: number;
  /** Its share of the detected runs. */
  share: number;
}

/** The fault as rehearsed: the scenario's fields, names resolved, durations in ms. */
export interface WhatifFaultSpec {
  kind: string;
  target: 'candidate' | 'baseline' | 'both';
  phase: string | null;
  atMs: number | null;
  durationMs: number | null;
  ratePerDay: number | null;
  meanDurationMs: number | null;
  segment: string | null;
  params: Record<string, number | string>;
}

/** A contingency claim and how often the rehearsal bears it out. */
export interface WhatifClaim {
  says: string;
  detectedBy: MetricName | null;
  withinMs: number | null;
  /** Runs, among those in which the fault occurred, detected (by `detectedBy`) and rolled back within `withinMs`. */
  pHolds: WhatifProbability;
}

/** One fault's row: did the plan catch it, how, how fast, and what it cost before it was stopped. */
export interface WhatifFault {
  /** 1 for the most harmful (rows are sorted by expected harm). */
  rank: number;
  name: string;
  source: string;
  /** The `--fault` spec that re-runs this fault alone. */
  spec: string;
  fault: WhatifFaultSpec;
  /** Scheduled faults: when they begin if the rollout gets there (ISO-8601 UTC); null for random faults. */
  startsAt: string | null;
  /** Runs in which the fault acted before the rehearsal ended (a rollback by noise may end it first). */
  pOccurred: WhatifProbability;
  /** Among the runs in which it occurred. */
  pDetected: WhatifProbability;
  pUndetected: WhatifProbability;
  /**
   * Among the same runs, how often the plan without the fault stopped for its own reasons while the fault's
   * first episode would have lasted: the noise floor a detection rate should be read against.
   */
  pStoppedWithoutFault: WhatifProbability;
  /** Runs in which it occurred: detected, stopped for another reason, or never stopped. */
  outcomes: { detected: number; stoppedAnyway: number; notStopped: number };
  detectedBy: WhatifDetectedBy[];
  /** From the fault's first affected interval to the first gate failure or guard trip that saw it (detected runs). */
  timeToDetectMs: WhatifPercentiles | null;
  /** From the fault's first affected interval to the rollback or halt (detected runs). */
  timeToRollbackMs: WhatifPercentiles | null;
  learnersExposed: WhatifSummary | null;
  requestsExposed: WhatifSummary | null;
  errorsServed: WhatifSummary | null;
  wrongResponses: WhatifSummary | null;
  slowResponses: WhatifSummary | null;
  revenueLostUsd: WhatifSummary | null;
  /**
   * Requests that met the fault per monitoring interval while it acted (pooled over the runs in which it
   * began): what a guard's window had to judge it by. Null when it never began.
   */
  requestsPerInterval: number | null;
  /** Per rehearsed rollout (runs where it did not occur count 0): what rows are sorted by. */
  expectedHarm: { revenueLostUsd: number; badResponses: number };
  claim: WhatifClaim | null;
}

/** `whatif.json`. */
export interface WhatifResults {
  schemaVersion: number;
  tool: { name: string; version: string };
  scenario: { name: string; file: string; sha256: string };
  seed: number;
  fidelity: Fidelity;
  runs: number;
  /** The rollout's start (ISO-8601 UTC) and the monitoring interval, ms. */
  startedAt: string;
  intervalMs: number;
  guards: Array<{
    metric: MetricName;
    op: Operator;
    threshold: number;
    minRequests: number;
    windowMs: number;
  }>;
  /** The plan without any fault: how often it stops anyway (rollback or halt). */
  reference: { pStopped: WhatifProbability };
  faults: WhatifFault[];
}
