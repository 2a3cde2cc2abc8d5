import type { Fidelity } from '../engine/rehearsal.js';
import { formatThreshold, OPERATOR_SYMBOLS } from '../gates/index.js';
import { phaseStartsMs } from '../model/faultWindows.js';
import type { Plan } from '../scenario/plan.js';
import { probability, quantiles } from '../stats/index.js';
import type { NamedFault } from './namedFault.js';
import type { FaultRun, WhatifRun } from './whatif.js';
import {
  WHATIF_SCHEMA_VERSION,
  type WhatifClaim,
  type WhatifDetectedBy,
  type WhatifFault,
  type WhatifPercentiles,
  type WhatifProbability,
  type WhatifResults,
  type WhatifSummary,
} from './whatifResults.js';

/** What `whatif.json` records besides the plan and the runs. */
export interface WhatifMeta {
  tool: { name: string; version: string };
  /** The scenario file as the user named it. */
  scenarioFile: string;
  seed: number;
  fidelity: Fidelity;
}

type Toll =
  | 'learnersExposed'
  | 'requestsExposed'
  | 'errorsServed'
  | 'wrongResponses'
  | 'slowResponses'
  | 'revenueLostUsd';

function chance(successes: number, trials: number): WhatifProbability {
  const { p, ci95, runs } = probability(successes, trials);
  return { p: trials === 0 ? null : p, ci95, runs };
}

function percentiles(values: readonly number[]): WhatifPercentiles | null {
  if (values.length === 0) return null;
  const { p10, p50, p90 } = quantiles(values, [0.1, 0.5, 0.9]);
  return { p10, p50, p90 };
}

function summary(values: readonly number[]): WhatifSummary | null {
  const spread = percentiles(values);
  if (spread === null) return null;
  return { mean: values.reduce((total, value) => total + value, 0) / values.length, ...spread };
}

/** Requests that met the fault per monitoring interval while it acted, pooled over the runs: how much a window shows. */
function requestsPerInterval(occurred: readonly FaultRun[], intervalMs: number): number | null {
  const activeMs = occurred.reduce((total, run) => total + run.activeMs, 0);
  if (activeMs === 0) return null;
  return (occurred.reduce((total, run) => total + run.requestsExposed, 0) / activeMs) * intervalMs;
}

function detectedBy(detected: readonly FaultRun[]): WhatifDetectedBy[] {
  const byCondition = new Map<string, WhatifDetectedBy>();
  for (const run of detected) {
    const by = run.by!;
    const blank = { runs: 0, share: 0 };
    let condition: string;
    let fresh: WhatifDetectedBy;
    if (by.kind === 'controller') {
      condition = `controller metric ${by.name}`;
      fresh = { kind: by.kind, name: by.name, metric: by.metric, condition, ...blank };
    } else {
      const { kind, metric, op, threshold } = by;
      condition = `${kind} ${metric} ${OPERATOR_SYMBOLS[op]} ${formatThreshold(metric, op, threshold)}`;
      fresh = { kind, metric, op, threshold, condition, ...blank };
    }
    const entry = byCondition.get(condition) ?? fresh;
    entry.runs++;
    byCondition.set(condition, entry);
  }
  return [...byCondition.values()]
    .map((entry) => ({ ...entry, share: entry.runs / detected.length }))
    .sort((a, b) => b.runs - a.runs || (a.condition < b.condition ? -1 : 1));
}

function claimOf(named: NamedFault, occurred: readonly FaultRun[]): WhatifClaim | null {
  const { claim } = named;
  if (claim === null) return null;
  const holds = occurred.filter(
    (run) =>
      run.detected &&
      (claim.detectedBy === null || run.by?.metric === claim.detectedBy) &&
      (claim.withinMs === null || (run.rollbackMs ?? Number.POSITIVE_INFINITY) <= claim.withinMs),
  ).length;
  return { ...claim, pHolds: chance(holds, occurred.length) };
}

function faultRow(plan: Plan, named: NamedFault, records: readonly FaultRun[]): WhatifFault {
  const { fault } = named;
  const occurred = records.filter((run) => run.occurred);
  const detected = occurred.filter((run) => run.detected);
  const toll = (key: Toll) => summary(occurred.map((run) => run[key]));
  const perRollout = (value: (run: FaultRun) => number) =>
    records.length === 0 ? 0 : records.reduce((total, run) => total + value(run), 0) / records.length;
  const startsAtMs =
    fault.atMs === null
      ? null
      : plan.startMs +
        phaseStartsMs(plan.phases.map((p) => p.durationMs))[fault.phaseIndex ?? 0]! +
        fault.atMs;
  return {
    rank: 0,
    name: named.name,
    source: named.source,
    spec: named.spec,
    fault: {
      kind: fault.kind,
      target: fault.target,
      phase: fault.phaseIndex === null ? null : plan.phases[fault.phaseIndex]!.name,
      atMs: fault.atMs,
      durationMs: fault.durationMs,
      ratePerDay: fault.ratePerDay,
      meanDurationMs: fault.meanDurationMs,
      segment: fault.segmentIndex === null ? null : plan.segments[fault.segmentIndex]!.id,
      params: { ...fault.params },
    },
    startsAt: startsAtMs === null ? null : new Date(startsAtMs).toISOString(),
    pOccurred: chance(occurred.length, records.length),
    pDetected: chance(detected.length, occurred.length),
    pUndetected: chance(occurred.length - detected.length, occurred.length),
    pStoppedWithoutFault: chance(occurred.filter((run) => run.referenceStopped).length, occurred.length),
    outcomes: {
      detected: detected.length,
      stoppedAnyway: occurred.filter((run) => run.stoppedAnyway).length,
      notStopped: occurred.filter((run) => !run.detected && !run.stoppedAnyway).length,
    },
    detectedBy: detectedBy(detected),
    timeToDetectMs: percentiles(detected.map((run) => run.detectMs!)),
    timeToRollbackMs: percentiles(detected.map((run) => run.rollbackMs!)),
    learnersExposed: toll('learnersExposed'),
    requestsExposed: toll('requestsExposed'),
    errorsServed: toll('errorsServed'),
    wrongResponses: toll('wrongResponses'),
    slowResponses: toll('slowResponses'),
    revenueLostUsd: toll('revenueLostUsd'),
    requestsPerInterval: requestsPerInterval(occurred, plan.intervalMs),
    expectedHarm: {
      revenueLostUsd: perRollout((run) => run.revenueLostUsd),
      badResponses: perRollout((run) => run.errorsServed + run.wrongResponses + run.slowResponses),
    },
    claim: claimOf(named, occurred),
  };
}

/**
 * Expected harm first: revenue lost per rehearsed rollout, then bad responses (errors, wrong and slow
 * ones), then the chance of going undetected; equal rows keep their input order (the sort is stable).
 */
function byHarm(a: WhatifFault, b: WhatifFault): number {
  return (
    b.expectedHarm.revenueLostUsd - a.expectedHarm.revenueLostUsd ||
    b.expectedHarm.badResponses - a.expectedHarm.badResponses ||
    (b.pUndetected.p ?? -1) - (a.pUndetected.p ?? -1)
  );
}

/**
 * `whatif.json` from the runs (in any order; each carries its index): per fault, how often it occurred
 * and was detected (95% Wilson intervals), by which gate or guard first, the time to detect and to roll
 * back, and its toll, with rows sorted by expected harm. Pure.
 */
export function summarizeWhatif(
  plan: Plan,
  faults: readonly NamedFault[],
  runs: readonly WhatifRun[],
  meta: WhatifMeta,
): WhatifResults {
  const ordered = [...runs].sort((a, b) => a.run - b.run);
  const rows = faults
    .map((named, index) =>
      faultRow(
        plan,
        named,
        ordered.map((run) => run.faults[index]!),
      ),
    )
    .sort(byHarm)
    .map((row, index) => ({ ...row, rank: index + 1 }));
  return {
    schemaVersion: WHATIF_SCHEMA_VERSION,
    tool: meta.tool,
    scenario: { name: plan.name, file: meta.scenarioFile, sha256: plan.scenarioSha256 },
    seed: meta.seed,
    fidelity: meta.fidelity,
    runs: ordered.length,
    startedAt: plan.startIso,
    intervalMs: plan.intervalMs,
    guards: plan.guards.map(({ metric, op, threshold, minRequests }) => ({
      metric,
      op,
      threshold,
      minRequests: minRequests ?? 0,
      windowMs: plan.guardWindowMs,
    })),
    reference: {
      pStopped: chance(ordered.filter((run) => run.reference.status !== 'completed').length, ordered.length),
    },
    faults: rows,
  };
}
