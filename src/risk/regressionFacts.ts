import type { PhaseResult } from '../engine/rehearsal.js';
import { faultStream } from '../engine/streams.js';
import { type FaultWindow, faultWindows, phaseStartsMs } from '../faults/faultWindows.js';
import { formatMs, formatPercent } from '../gates/index.js';
import { FAULT_EFFECT_BUILDERS } from '../model/index.js';
import type { FaultPlan, Plan } from '../scenario/plan.js';

/**
 * What the plan says about a regression, computed once per study: the ways the candidate is worse than
 * the baseline by its own parameters, and the faults whose episodes the engine draws. A rollback is
 * **true** when a regression was present in its run, **false** when noise alone caused it.
 */
export interface RegressionFacts {
  /** Each way the candidate is worse than the baseline, e.g. `k12-mobile: errorRate 0.20% > baseline 0.10%`; empty when none. */
  candidateWorse: string[];
  /** The faults the model simulates, in plan order (the order they draw their episodes), and whether each hits the candidate. */
  faults: Array<{ fault: FaultPlan; hitsCandidate: boolean }>;
  /** Planned phase durations, ms: a reached phase starts after the earlier phases ran their planned time. */
  phaseDurationsMs: number[];
  /** Each phase's start on the rollout's timeline, ms (from {@link phaseDurationsMs}). */
  phaseStartsMs: number[];
}

/**
 * The plan's regressions: segments where the candidate's error rate, p50 or p99 latency is higher than
 * the baseline's or its revenue effect is negative, a lower availability, and the faults the model
 * simulates, marked when they hit the candidate (`candidate` or `both`).
 *
 * @example regressionFacts(defaultPlan).candidateWorse // [] (the Sprint 2 candidate beats the baseline everywhere)
 */
export function regressionFacts(plan: Plan): RegressionFacts {
  const { baseline, candidate } = plan.analyzers;
  const worse: string[] = [];
  plan.segments.forEach((segment, s) => {
    const c = candidate.bySegment[s]!;
    const b = baseline.bySegment[s]!;
    const where = plan.segments.length === 1 ? '' : `${segment.id}: `;
    if (c.errorRate > b.errorRate) {
      worse.push(`${where}errorRate ${formatPercent(c.errorRate)} > baseline ${formatPercent(b.errorRate)}`);
    }
    if (c.latencyP50Ms > b.latencyP50Ms) {
      worse.push(`${where}p50 latency ${formatMs(c.latencyP50Ms)} > baseline ${formatMs(b.latencyP50Ms)}`);
    }
    if (c.latencyP99Ms > b.latencyP99Ms) {
      worse.push(`${where}p99 latency ${formatMs(c.latencyP99Ms)} > baseline ${formatMs(b.latencyP99Ms)}`);
    }
    const uplift = c.revenueUplift ?? plan.business?.revenueUplift.mean ?? 0;
    if (uplift < 0) worse.push(`${where}revenue uplift ${formatPercent(uplift)} < 0`);
  });
  if (candidate.availability < baseline.availability) {
    worse.push(
      `availability ${formatPercent(candidate.availability)} < baseline ${formatPercent(baseline.availability)}`,
    );
  }
  const faults = modelledFaults(plan).map((fault) => ({ fault, hitsCandidate: fault.target !== 'baseline' }));
  const phaseDurationsMs = plan.phases.map((phase) => phase.durationMs);
  return { candidateWorse: worse, faults, phaseDurationsMs, phaseStartsMs: phaseStartsMs(phaseDurationsMs) };
}

/** The plan's faults the model simulates (a kind with an effect model), in plan order. */
function modelledFaults(plan: Pick<Plan, 'faults'>): FaultPlan[] {
  return plan.faults.filter((fault) => Object.hasOwn(FAULT_EFFECT_BUILDERS, fault.kind));
}

/** The plan's faults that the model simulates and that hit the candidate, in plan order. */
export function candidateFaults(plan: Pick<Plan, 'faults'>): FaultPlan[] {
  return modelledFaults(plan).filter((fault) => fault.target !== 'baseline');
}

/**
 * The episodes of each of the plan's candidate faults in the run rehearsed at `seed`, on the rollout's
 * timeline (ms from its start): drawn exactly as the engine draws them, from the run's own `faults`
 * stream, fault after fault in plan order (`compileEffects` builds each modelled fault once, and each
 * draws its windows when built). Empty lists when no fault hits the candidate.
 */
export function candidateFaultWindows(facts: RegressionFacts, seed: number): FaultWindow[][] {
  if (!facts.faults.some((entry) => entry.hitsCandidate)) return [];
  const rng = faultStream({ seed });
  return facts.faults.flatMap(({ fault, hitsCandidate }) => {
    const windows = faultWindows(fault, facts.phaseDurationsMs, rng);
    return hitsCandidate ? [windows] : [];
  });
}

/**
 * Whether a regression was present in phase `phaseIndex` of a run: the candidate is worse by the plan, or
 * an episode of a candidate fault overlapped the time the phase ran (before its decision).
 *
 * @param windows the run's {@link candidateFaultWindows}.
 */
export function regressionInPhase(
  facts: RegressionFacts,
  windows: readonly FaultWindow[][],
  phaseIndex: number,
  phase: Pick<PhaseResult, 'status' | 'ranMs'>,
): boolean {
  if (facts.candidateWorse.length > 0) return true;
  if (phase.status === 'not-reached' || windows.length === 0) return false;
  const startMs = facts.phaseStartsMs[phaseIndex]!;
  const endMs = startMs + phase.ranMs;
  return windows.some((episodes) =>
    episodes.some((episode) => episode.startMs < endMs && episode.endMs > startMs),
  );
}

/**
 * Whether the episodes of one fault overlapped any phase of the run while it ran.
 *
 * @param episodes one fault's windows from {@link candidateFaultWindows}.
 */
export function faultStruck(
  facts: RegressionFacts,
  episodes: readonly FaultWindow[],
  phases: ReadonlyArray<Pick<PhaseResult, 'status' | 'ranMs'>>,
): boolean {
  const starts = facts.phaseStartsMs;
  return phases.some(
    (phase, p) =>
      phase.status !== 'not-reached' &&
      episodes.some((episode) => episode.startMs < starts[p]! + phase.ranMs && episode.endMs > starts[p]!),
  );
}

/**
 * Whether a regression was present in each phase of a run: {@link regressionInPhase} for the phases it
 * reached, false for the others.
 */
export function regressionByPhase(
  facts: RegressionFacts,
  windows: readonly FaultWindow[][],
  phases: ReadonlyArray<Pick<PhaseResult, 'status' | 'ranMs'>>,
): boolean[] {
  return phases.map(
    (phase, index) => phase.status !== 'not-reached' && regressionInPhase(facts, windows, index, phase),
  );
}

/**
 * Whether a regression was present in any phase a run reached (its rollback, if any, is then a true one).
 * The first phase is always reached, so a candidate worse by the plan makes every run's rollback true.
 */
export function regressionPresent(
  facts: RegressionFacts,
  windows: readonly FaultWindow[][],
  phases: ReadonlyArray<Pick<PhaseResult, 'status' | 'ranMs'>>,
): boolean {
  return regressionByPhase(facts, windows, phases).includes(true);
}
