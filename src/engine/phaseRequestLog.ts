import type { Plan } from '../scenario/plan.js';
import { emptyEngineWindow, resetEngineWindow } from './engineWindow.js';
import { nextIntervalEndMs } from './phaseClock.js';
import { planSetup } from './planSetup.js';
import type { RequestBatch } from './requestLog.js';
import { RequestSampler } from './requestSampler.js';
import { runEffects } from './runEffects.js';
import { cohortStreams, type RunKey } from './streams.js';

/** One interval of a phase's request log: its absolute start and each cohort's requests, in arrival order. */
export interface RequestLogInterval {
  /** Start of the interval, epoch ms (UTC); request times are offsets from it. */
  startMs: number;
  candidate: RequestBatch;
  baseline: RequestBatch;
}

/**
 * The synthetic request log of one phase, interval by interval: every request of every learner of
 * both cohorts, generated exactly as a request-fidelity rehearsal with the same seed generates them
 * (same streams, same intervals), over the phase's full planned duration, with the phase starting on
 * schedule (the plan's start plus the planned durations of the phases before it). The batches are reused:
 * read each interval before asking for the next. Memory stays that of one interval.
 *
 * @example for (const interval of phaseRequestLog(plan, 1, 20251031)) write(interval)
 */
export function* phaseRequestLog(
  plan: Plan,
  phaseIndex: number,
  seed: number,
): Generator<RequestLogInterval> {
  const setup = planSetup(plan);
  const phase = setup.phases[phaseIndex];
  if (phase === undefined) throw new RangeError(`phaseRequestLog: no phase ${phaseIndex}`);
  const key: RunKey = { seed };
  const effects = runEffects(setup, key);
  let phaseStartMs = setup.startMs;
  for (let p = 0; p < phaseIndex; p++) phaseStartMs += setup.phases[p]!.durationMs;
  const candidate = new RequestSampler(setup, 'candidate');
  const baseline = new RequestSampler(setup, 'baseline');
  candidate.beginRehearsal(effects);
  baseline.beginRehearsal(effects);
  candidate.startPhase(phase, phaseStartMs, cohortStreams(key, 'candidate', phase.index));
  baseline.startPhase(phase, phaseStartMs, cohortStreams(key, 'baseline', phase.index));
  const window = emptyEngineWindow(setup.latencyBoundsMs, setup.segmentIds.length);
  const interval: RequestLogInterval = { startMs: 0, candidate: candidate.batch, baseline: baseline.batch };
  let nextCheckpoint = 0;
  for (let startMs = 0; startMs < phase.durationMs; ) {
    const endMs = nextIntervalEndMs(
      startMs,
      setup.intervalMs,
      phase.durationMs,
      phase.checkpoints,
      nextCheckpoint,
    );
    resetEngineWindow(window);
    candidate.simulateInterval(startMs, endMs - startMs, window);
    baseline.simulateInterval(startMs, endMs - startMs, window);
    while (
      nextCheckpoint < phase.checkpoints.length &&
      phase.checkpoints[nextCheckpoint]!.offsetMs <= endMs
    ) {
      nextCheckpoint++;
    }
    interval.startMs = phaseStartMs + startMs;
    yield interval;
    startMs = endMs;
  }
}
