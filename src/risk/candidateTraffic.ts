import { setupOf } from '../engine/index.js';
import type { Plan } from '../scenario/plan.js';

const HOUR_MS = 3_600_000;

/** The candidate cohort's nominal traffic in one phase, as the model draws it (no faults, no outages). */
export interface CandidateTraffic {
  /** λ: expected candidate requests per monitoring interval (diurnal factor 1, i.e. its daily mean). */
  requestsPerInterval: number;
  /** e: the chance that a candidate request fails while up, the segments' error rates weighted by their requests. */
  errorRate: number;
  /** Monitoring intervals in the phase: how many times a guard is checked if nothing stops the phase. */
  intervals: number;
  /** The chance that a candidate outage overlaps the phase: 1 − A·exp(−T / mean up time) (stationary start). */
  outageChance: number;
}

/**
 * The candidate's expected requests per interval and its request-weighted error rate in phase
 * `phaseIndex`, from the same per-segment learners the engine uses (docs/model.md: requests of a segment
 * are Poisson with mean learners × rate × interval, errors binomial given requests; by Poisson
 * superposition the cohort's are too, with the weighted error rate).
 *
 * @example candidateTraffic(defaultPlan, 0) // canary: { requestsPerInterval: 1.583…, errorRate: 0.00079, intervals: 240, outageChance: 0.0178… }
 */
export function candidateTraffic(plan: Plan, phaseIndex: number): CandidateTraffic {
  const setup = setupOf(plan);
  const phase = setup.phases[phaseIndex]!;
  const intervalHours = plan.intervalMs / HOUR_MS;
  let requests = 0;
  let errors = 0;
  phase.candidateBySegment.forEach((learners, s) => {
    const lambda = learners * setup.requestsPerLearnerHour[s]! * intervalHours;
    requests += lambda;
    errors += lambda * setup.candidate.errorRate[s]!;
  });
  const { availability, meanOutageMs } = plan.analyzers.candidate;
  const meanUpMs =
    availability >= 1 ? Number.POSITIVE_INFINITY : (meanOutageMs * availability) / (1 - availability);
  return {
    requestsPerInterval: requests,
    errorRate: requests > 0 ? errors / requests : 0,
    intervals: Math.ceil(phase.durationMs / plan.intervalMs),
    outageChance: 1 - availability * Math.exp(-phase.durationMs / meanUpMs),
  };
}
