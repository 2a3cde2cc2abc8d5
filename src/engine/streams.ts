import type { Cohort } from '../model/index.js';
import { deriveStream, type RandomStream } from '../random/index.js';
import type { CohortStreams } from './cohortSimulation.js';

/** Which run of which seed: a single rehearsal (`run` undefined) or run i of a Monte Carlo. */
export interface RunKey {
  seed: number;
  run?: number;
}

function path(key: RunKey): number[] {
  return key.run === undefined ? [] : [key.run];
}

/**
 * One cohort's streams for one phase, each derived from `(seed, [run,] purpose, cohort, phase)`, so a
 * change in how one purpose draws (or in one phase, or one cohort) shifts no other draw, and a phase's
 * draws do not depend on what happened before it: `rehearse traffic --phase ramp` reproduces the ramp
 * of a request-fidelity rehearsal exactly.
 */
export function cohortStreams(key: RunKey, cohort: Cohort, phaseIndex: number): CohortStreams {
  const stream = (purpose: string) => deriveStream(key.seed, ...path(key), purpose, cohort, phaseIndex);
  return {
    requests: stream('requests'),
    errors: stream('errors'),
    latency: stream('latency'),
    availability: stream('availability'),
    revenue: stream('revenue'),
    exposure: stream('exposure'),
    events: stream('events'),
    integrity: stream('integrity'),
  };
}

/** The stream fault effects may use for random timing, derived from `(seed, [run,] 'faults')`. */
export function faultStream(key: RunKey): RandomStream {
  return deriveStream(key.seed, ...path(key), 'faults');
}
