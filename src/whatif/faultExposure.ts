import type { EngineSetup } from '../engine/engineSetup.js';
import { nextIntervalEndMs } from '../engine/phaseClock.js';
import type { Rehearsal } from '../engine/rehearsal.js';
import { type FaultWindow, windowAt } from '../model/faultWindows.js';
import {
  type Cohort,
  diurnalFactor,
  type EffectsContext,
  type EffectsSource,
  HOURS_PER_MONTH,
  latencyTailShare,
  neutralCohortEffects,
  neutralSegmentEffects,
  Z99,
} from '../model/index.js';
import type { FaultPlan } from '../scenario/plan.js';

const HOUR_MS = 3_600_000;

/**
 * What one fault did in one run, up to the end of the rehearsal (the rollback, or the rollout's end): the
 * spans it affected, and expected counts given those spans (model means, so the spread across runs is
 * the spread of the timing: when it began and how fast it was stopped).
 */
export interface FaultExposure {
  /** Rollout-time spans, ms from the rollout's start, of the intervals the fault affected; merged, sorted. */
  activeSpans: FaultWindow[];
  /** Learners of the affected cohort(s) and segment(s) who made at least one request while it acted. */
  learnersExposed: number;
  /** Requests that met the fault. */
  requestsExposed: number;
  /** Requests that failed because of the fault (beyond the nominal error rate on the same traffic). */
  errorsServed: number;
  /** Served responses that were silently wrong (data inconsistency). */
  wrongResponses: number;
  /** Responses slower than the nominal p99 beyond the nominal 1% (latency faults). */
  slowResponses: number;
  /** Purchases lost to a lower revenue uplift, plus the value of learners churned by the fault, USD. */
  revenueLostUsd: number;
}

/** What the walk needs besides the setup: the fault's effects and windows in this run, and money units. */
export interface ExposureInputs {
  fault: FaultPlan;
  /** The fault's windows in this run (as the engine drew them). */
  windows: readonly FaultWindow[];
  /** The fault's modifiers (compiled with the same `faults` stream as the engine's). */
  effects: EffectsSource;
  context: Pick<EffectsContext, 'nominalLatency' | 'nominalErrorRate'>;
  /** The value, USD, of one learner lost to churn (their revenue over the business horizon). */
  churnedLearnerUsd: number;
}

function cohortsOf(target: FaultPlan['target']): Cohort[] {
  return target === 'both' ? ['candidate', 'baseline'] : [target];
}

/**
 * Walks the intervals a rehearsal ran (exactly the engine's clock: monitoring intervals cut at
 * checkpoints) and, for each one the fault affected, adds the fault's expected toll from its modifiers:
 * with λ the interval's mean requests of a cohort-segment (× the surge factor), `e` the nominal and `e'`
 * the faulted error rate and `d` the forced-down share, errors `λ·(d + (1 − d)·e' − e)`, wrong responses
 * `λ·(1 − d)·(1 − e')·q`, slow responses `λ·(1 − d)·(P(L > p99) − 1%)`. Learners exposed follow the
 * nested cohorts: a learner of a segment with expected `r` requests while the fault acted made one with
 * probability `1 − e^(−r)`. Pure.
 */
export function faultExposure(
  setup: EngineSetup,
  rehearsal: Rehearsal,
  inputs: ExposureInputs,
): FaultExposure {
  const { fault, windows, effects, context } = inputs;
  const segmentCount = setup.segmentIds.length;
  const segmentOut = neutralSegmentEffects();
  const cohortOut = neutralCohortEffects();
  const cohorts = cohortsOf(fault.target);
  const revenue = setup.revenue;
  const exposure: FaultExposure = {
    activeSpans: [],
    learnersExposed: 0,
    requestsExposed: 0,
    errorsServed: 0,
    wrongResponses: 0,
    slowResponses: 0,
    revenueLostUsd: 0,
  };
  /** Expected requests per learner while the fault acted: [phase][cohort 0 candidate, 1 baseline][segment]. */
  const perLearner = setup.phases.map(() => [new Float64Array(segmentCount), new Float64Array(segmentCount)]);

  let phaseStartMs = 0;
  rehearsal.phases.forEach((result, p) => {
    const phase = setup.phases[p]!;
    if (result.status === 'not-reached') return;
    let nextCheckpoint = 0;
    for (let startMs = 0; startMs < result.ranMs; ) {
      // A controller's phase may run past its nominal length (failed checks, a manual gate): in whole intervals.
      const nominalEndMs =
        startMs < phase.durationMs
          ? nextIntervalEndMs(startMs, setup.intervalMs, phase.durationMs, phase.checkpoints, nextCheckpoint)
          : startMs + setup.intervalMs;
      const endMs = Math.min(result.ranMs, nominalEndMs);
      while (
        nextCheckpoint < phase.checkpoints.length &&
        phase.checkpoints[nextCheckpoint]!.offsetMs <= endMs
      ) {
        nextCheckpoint++;
      }
      const tMs = phaseStartMs + startMs;
      if (windowAt(windows, tMs) !== null) {
        const hours = (endMs - startMs) / HOUR_MS;
        const diurnal = diurnalFactor(setup.diurnal, setup.startMs + tMs);
        let touched = false;
        for (const cohort of cohorts) {
          const bySegment = cohort === 'candidate' ? phase.candidateBySegment : phase.baselineBySegment;
          const params = cohort === 'candidate' ? setup.candidate : setup.baseline;
          const down = effects.cohortAt(cohort, p, startMs, cohortOut).forcedDownFraction;
          for (let s = 0; s < segmentCount; s++) {
            const learners = bySegment[s]!;
            if (learners === 0 || (fault.segmentIndex !== null && s !== fault.segmentIndex)) continue;
            touched = true;
            const out = effects.segmentAt(cohort, s, p, startMs, segmentOut);
            const requests =
              learners * setup.requestsPerLearnerHour[s]! * hours * diurnal * out.trafficFactor;
            const nominalError = context.nominalErrorRate(cohort, s);
            const error = Math.min(1, nominalError + out.addedErrorRate);
            exposure.requestsExposed += requests;
            exposure.errorsServed += requests * Math.max(0, down + (1 - down) * error - nominalError);
            exposure.wrongResponses += requests * (1 - down) * (1 - error) * out.inconsistentShare;
            if (out.latency !== null) {
              const [nominal] = context.nominalLatency(cohort, s);
              const p99Ms = nominal!.factor * Math.exp(nominal!.mu + Z99 * nominal!.sigma) + nominal!.addMs;
              const beyond = latencyTailShare(out.latency, p99Ms) - 0.01;
              exposure.slowResponses += requests * (1 - down) * Math.max(0, beyond);
            }
            if (revenue !== null) {
              const nominalUplift = params.revenueUplift[s]!;
              const lostUplift = nominalUplift - (out.revenueUplift ?? nominalUplift);
              exposure.revenueLostUsd +=
                learners * revenue.purchasesPerLearnerHour * hours * revenue.meanPurchaseUsd * lostUplift;
            }
            const churned =
              (learners * params.churnPerLearnerMonth * (out.churnFactor - 1) * hours) / HOURS_PER_MONTH;
            exposure.revenueLostUsd += churned * inputs.churnedLearnerUsd;
            perLearner[p]![cohort === 'candidate' ? 0 : 1]![s]! += requests / learners;
          }
        }
        if (touched) addSpan(exposure.activeSpans, tMs, phaseStartMs + endMs);
      }
      startMs = endMs;
    }
    phaseStartMs += result.ranMs;
  });
  exposure.learnersExposed = learnersExposed(setup, rehearsal, perLearner);
  return exposure;
}

function addSpan(spans: FaultWindow[], startMs: number, endMs: number): void {
  const last = spans.at(-1);
  if (last !== undefined && last.endMs >= startMs) last.endMs = Math.max(last.endMs, endMs);
  else spans.push({ startMs, endMs });
}

/**
 * Distinct learners reached: cohorts are nested (a segment's first `candidateBySegment` learners are the
 * candidates), so learners of a segment fall into runs of ranks that share one history of cohorts; each
 * run adds `size · (1 − e^(−r))` with `r` its expected requests while the fault acted.
 */
function learnersExposed(setup: EngineSetup, rehearsal: Rehearsal, perLearner: Float64Array[][]): number {
  const reached = rehearsal.phases.map((result) => result.status !== 'not-reached');
  let exposed = 0;
  for (let s = 0; s < setup.segmentIds.length; s++) {
    const learners = setup.segmentLearners[s]!;
    const bounds = new Set([0, learners]);
    setup.phases.forEach((phase, p) => {
      if (reached[p]) bounds.add(phase.candidateBySegment[s]!);
    });
    const sorted = [...bounds].sort((a, b) => a - b);
    for (let i = 0; i + 1 < sorted.length; i++) {
      const rank = sorted[i]!;
      let requests = 0;
      setup.phases.forEach((phase, p) => {
        if (!reached[p]) return;
        requests += perLearner[p]![rank < phase.candidateBySegment[s]! ? 0 : 1]![s]!;
      });
      exposed += (sorted[i + 1]! - rank) * -Math.expm1(-requests);
    }
  }
  return exposed;
}
