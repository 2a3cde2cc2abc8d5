import type { CohortTotals, PhaseResult } from './rehearsal.js';

/** A cohort's totals before anything ran: its learners, nothing else. */
export function emptyTotals(learners: number): CohortTotals {
  return { learners, learnersExposed: 0, requests: 0, errors: 0, revenueUsd: 0, learnerHours: 0 };
}

/**
 * A phase the rollout never reached (an earlier phase rolled back or halted), as a rehearsal and a
 * replay both record it: planned, but with no checkpoints, trips, decision or traffic.
 *
 * @param candidateLearners learners the phase would have put on the candidate; the rest of the population
 *   is `baselineLearners`
 */
export function notReachedPhase(
  phase: { name: string; traffic: number; durationMs: number },
  candidateLearners: number,
  baselineLearners: number,
): PhaseResult {
  return {
    name: phase.name,
    traffic: phase.traffic,
    learners: candidateLearners,
    plannedDurationMs: phase.durationMs,
    ranMs: 0,
    startOffsetMs: null,
    startedAt: null,
    status: 'not-reached',
    checkpoints: [],
    guardTrips: [],
    decision: null,
    candidate: emptyTotals(candidateLearners),
    baseline: emptyTotals(baselineLearners),
  };
}
