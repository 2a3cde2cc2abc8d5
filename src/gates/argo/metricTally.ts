import type { MeasurementPhase } from './analysisPhase.js';

/**
 * A metric's counters (`MetricResult` in the controller): measurements that completed, by phase, and the
 * current runs of errors and of successes. Errors do not count toward `count`: an errored measurement is
 * retried, not spent.
 */
export interface MetricTally {
  count: number;
  successful: number;
  failed: number;
  inconclusive: number;
  error: number;
  consecutiveError: number;
  consecutiveSuccess: number;
}

/** A tally with nothing measured. */
export function emptyTally(): MetricTally {
  return {
    count: 0,
    successful: 0,
    failed: 0,
    inconclusive: 0,
    error: 0,
    consecutiveError: 0,
    consecutiveSuccess: 0,
  };
}

/**
 * Adds one completed measurement to a tally in place, as the controller's `runMeasurements` does: a
 * Successful, Failed or Inconclusive measurement adds to `count` and ends a run of errors; only a
 * Successful one extends the run of successes; an Error adds to `error` and the run of errors and ends
 * the run of successes. A Running measurement is not counted.
 */
export function addMeasurement(tally: MetricTally, phase: MeasurementPhase): void {
  if (phase === 'Running') return;
  if (phase === 'Error') {
    tally.error++;
    tally.consecutiveError++;
    tally.consecutiveSuccess = 0;
    return;
  }
  tally.count++;
  tally.consecutiveError = 0;
  if (phase === 'Successful') {
    tally.successful++;
    tally.consecutiveSuccess++;
  } else {
    tally.consecutiveSuccess = 0;
    if (phase === 'Failed') tally.failed++;
    else tally.inconclusive++;
  }
}
