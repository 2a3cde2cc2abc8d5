import { planSetup } from '../engine/index.js';
import { nextIntervalEndMs } from '../engine/phaseClock.js';
import { meanUpMs, utcHourOf } from '../model/index.js';
import type { Plan } from '../scenario/plan.js';
import { type FactorClass, factorClasses } from './trailingWindows.js';

const HOUR_MS = 3_600_000;

/** The candidate cohort's nominal traffic in one phase, as the model draws it (no faults, no outages). */
export interface CandidateTraffic {
  /** λ: expected candidate requests in a full monitoring interval at diurnal factor 1 (the daily mean). */
  requestsPerInterval: number;
  /** e: the chance that a candidate request fails while up, the segments' error rates weighted by their requests. */
  errorRate: number;
  /** Monitoring intervals in the phase: how many times a guard is checked if nothing stops the phase. */
  intervals: number;
  /** The chance that a candidate outage overlaps the phase: 1 − A·exp(−T / mean up time) (stationary start). */
  outageChance: number;
  /** When the phase starts if it is reached (every earlier phase ran to its end), epoch ms (UTC). */
  startMs: number;
  /** Each interval's length, ms, in the engine's order (cut short at checkpoints and at the phase's end). */
  intervalLengthsMs: Float64Array;
  /** The UTC hour in which each interval starts: the engine applies that hour's factor to the whole interval. */
  intervalHours: Uint8Array;
  /** The 24 diurnal factors (mean 1) by UTC hour, or null when traffic is flat. */
  hourlyFactors: Float64Array | null;
  /** The profile's distinct factors with their hours, ascending (see `windowWeightedMs`); null when flat. */
  factorClasses: readonly FactorClass[] | null;
}

/**
 * The candidate's expected requests per interval and its request-weighted error rate in phase
 * `phaseIndex`, from the same per-segment learners the engine uses (docs/model.md: requests of a segment
 * are Poisson with mean learners × rate × interval × the diurnal factor, errors binomial given requests;
 * by Poisson superposition the cohort's are too, with the weighted error rate), and the phase's intervals
 * as the engine walks them, with the hour whose factor each one gets: the phase starts after the earlier
 * phases' full durations, so each phase meets the profile at its own clock time.
 *
 * @example candidateTraffic(defaultPlan, 0) // canary: { requestsPerInterval: 1.583…, errorRate: 0.00079, intervals: 240, outageChance: 0.0178…, hourlyFactors: null, … }
 */
export function candidateTraffic(plan: Plan, phaseIndex: number): CandidateTraffic {
  const setup = planSetup(plan);
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
  const upMs = meanUpMs(availability, meanOutageMs);
  let startMs = plan.startMs;
  for (let p = 0; p < phaseIndex; p++) startMs += plan.phases[p]!.durationMs;
  // Filled in place (a phase of days has tens of thousands of intervals). Every interval is a full one,
  // one cut short at a checkpoint or the last: at most ⌊duration / interval⌋ + checkpoints + 1 of them.
  const most = Math.floor(phase.durationMs / plan.intervalMs) + phase.checkpoints.length + 1;
  const lengths = new Float64Array(most);
  const hours = new Uint8Array(most);
  let count = 0;
  let next = 0;
  for (let offsetMs = 0; offsetMs < phase.durationMs; count++) {
    const endMs = nextIntervalEndMs(offsetMs, plan.intervalMs, phase.durationMs, phase.checkpoints, next);
    while (next < phase.checkpoints.length && phase.checkpoints[next]!.offsetMs <= endMs) next++;
    lengths[count] = endMs - offsetMs;
    hours[count] = utcHourOf(startMs + offsetMs);
    offsetMs = endMs;
  }
  return {
    requestsPerInterval: requests,
    errorRate: requests > 0 ? errors / requests : 0,
    intervals: count,
    outageChance: 1 - availability * Math.exp(-phase.durationMs / upMs),
    startMs,
    intervalLengthsMs: lengths.slice(0, count),
    intervalHours: hours.slice(0, count),
    hourlyFactors: setup.diurnal,
    factorClasses: setup.diurnal === null ? null : factorClasses(setup.diurnal),
  };
}
