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

type Purpose = keyof CohortStreams;

/**
 * A cohort's streams, each derived on first use: seeding one costs ~3 µs, and a rehearsal that rolls back
 * early, or a cohort no fault touches, never draws from several of them. A stream depends only on its
 * key, so deriving it later gives the same sequence.
 */
class LazyCohortStreams implements CohortStreams {
  private readonly derived: Partial<Record<Purpose, RandomStream>> = {};

  constructor(
    private readonly key: RunKey,
    private readonly cohort: Cohort,
    private readonly phaseIndex: number,
  ) {}

  private stream(purpose: Purpose): RandomStream {
    let stream = this.derived[purpose];
    if (stream === undefined) {
      const { key } = this;
      stream = deriveStream(key.seed, ...path(key), purpose, this.cohort, this.phaseIndex);
      this.derived[purpose] = stream;
    }
    return stream;
  }

  get requests(): RandomStream {
    return this.stream('requests');
  }
  get errors(): RandomStream {
    return this.stream('errors');
  }
  get latency(): RandomStream {
    return this.stream('latency');
  }
  get availability(): RandomStream {
    return this.stream('availability');
  }
  get revenue(): RandomStream {
    return this.stream('revenue');
  }
  get exposure(): RandomStream {
    return this.stream('exposure');
  }
  get events(): RandomStream {
    return this.stream('events');
  }
  get integrity(): RandomStream {
    return this.stream('integrity');
  }
}

/**
 * One cohort's streams for one phase, each derived from `(seed, [run,] purpose, cohort, phase)`, so a
 * change in how one purpose draws (or in one phase, or one cohort) shifts no other draw, and a phase's
 * draws do not depend on what happened before it: `rehearse traffic --phase ramp` reproduces the ramp
 * of a request-fidelity rehearsal exactly. Each stream is derived when first drawn from.
 */
export function cohortStreams(key: RunKey, cohort: Cohort, phaseIndex: number): CohortStreams {
  return new LazyCohortStreams(key, cohort, phaseIndex);
}

/** The stream fault effects may use for random timing, derived from `(seed, [run,] 'faults')`. */
export function faultStream(key: RunKey): RandomStream {
  return deriveStream(key.seed, ...path(key), 'faults');
}
