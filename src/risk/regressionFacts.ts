import type { PhaseResult } from '../engine/rehearsal.js';
import { formatMs, formatPercent } from '../gates/index.js';
import { phaseStartsMs } from '../model/faultWindows.js';
import { FAULT_EFFECT_BUILDERS, type FaultEpisode } from '../model/index.js';
import type { FaultPlan, Plan } from '../scenario/plan.js';

/**
 * What the plan says about a regression, computed once per study: the ways the candidate is worse than
 * the baseline by its own parameters, and which faults hit the candidate (each run's rehearsal records
 * the episodes they drew). A rollback is **true** when a regression was present in its run, **false**
 * when noise alone caused it.
 */
export interface RegressionFacts {
  /** Each way the candidate is worse than the baseline, e.g. `k12-mobile: errorRate 0.20% > baseline 0.10%`; empty when none. */
  candidateWorse: string[];
  /**
   * The indexes in the plan's faults of its {@link candidateFaults}, in plan order: the tally's fault `f`
   * counts the plan's fault `candidateFaultIndexes[f]`.
   */
  candidateFaultIndexes: number[];
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
  const candidateFaultIndexes = plan.faults.flatMap((fault, index) => (hitsCandidate(fault) ? [index] : []));
  const phaseDurationsMs = plan.phases.map((phase) => phase.durationMs);
  return {
    candidateWorse: worse,
    candidateFaultIndexes,
    phaseDurationsMs,
    phaseStartsMs: phaseStartsMs(phaseDurationsMs),
  };
}

/** Whether the model simulates a fault (its kind has an effect model) and it hits the candidate. */
function hitsCandidate(fault: FaultPlan): boolean {
  return Object.hasOwn(FAULT_EFFECT_BUILDERS, fault.kind) && fault.target !== 'baseline';
}

/** The plan's faults that the model simulates and that hit the candidate, in plan order. */
export function candidateFaults(plan: Pick<Plan, 'faults'>): FaultPlan[] {
  return plan.faults.filter(hitsCandidate);
}

/** Whether a candidate episode overlapped phase `phaseIndex` while it ran (before its decision). */
function overlapsPhase(
  facts: RegressionFacts,
  episode: FaultEpisode,
  phaseIndex: number,
  phase: Pick<PhaseResult, 'status' | 'ranMs'>,
): boolean {
  if (episode.cohort !== 'candidate' || phase.status === 'not-reached') return false;
  const startMs = facts.phaseStartsMs[phaseIndex]!;
  return episode.startMs < startMs + phase.ranMs && episode.endMs > startMs;
}

/**
 * Whether a regression was present in phase `phaseIndex` of a run: the candidate is worse by the plan, or
 * an episode of a fault hitting the candidate overlapped the time the phase ran (before its decision).
 *
 * @param episodes the run's fault episodes, as its rehearsal recorded them (`Rehearsal.faultEpisodes`).
 */
export function regressionInPhase(
  facts: RegressionFacts,
  episodes: readonly FaultEpisode[],
  phaseIndex: number,
  phase: Pick<PhaseResult, 'status' | 'ranMs'>,
): boolean {
  if (facts.candidateWorse.length > 0) return true;
  return episodes.some((episode) => overlapsPhase(facts, episode, phaseIndex, phase));
}

/**
 * Whether the candidate episodes of the plan's fault `faultIndex` overlapped any phase of the run while it ran.
 *
 * @param episodes the run's fault episodes, as its rehearsal recorded them.
 */
export function faultStruck(
  facts: RegressionFacts,
  faultIndex: number,
  episodes: readonly FaultEpisode[],
  phases: ReadonlyArray<Pick<PhaseResult, 'status' | 'ranMs'>>,
): boolean {
  return episodes.some(
    (episode) =>
      episode.fault === faultIndex && phases.some((phase, p) => overlapsPhase(facts, episode, p, phase)),
  );
}

/**
 * Whether a regression was present in each phase of a run: {@link regressionInPhase} for the phases it
 * reached, false for the others.
 */
export function regressionByPhase(
  facts: RegressionFacts,
  episodes: readonly FaultEpisode[],
  phases: ReadonlyArray<Pick<PhaseResult, 'status' | 'ranMs'>>,
): boolean[] {
  return phases.map(
    (phase, index) => phase.status !== 'not-reached' && regressionInPhase(facts, episodes, index, phase),
  );
}

/**
 * Whether a regression was present in any phase a run reached (its rollback, if any, is then a true one).
 * The first phase is always reached, so a candidate worse by the plan makes every run's rollback true.
 */
export function regressionPresent(
  facts: RegressionFacts,
  episodes: readonly FaultEpisode[],
  phases: ReadonlyArray<Pick<PhaseResult, 'status' | 'ranMs'>>,
): boolean {
  return regressionByPhase(facts, episodes, phases).includes(true);
}
