import type { Cohort } from '../model/index.js';
import {
  deriveStream,
  RandomStream,
  type StreamKeyPrefix,
  streamKeyHead,
  streamKeyTail,
} from '../random/index.js';
import type { CohortStreams } from './cohortSampler.js';

/** Which run of which seed: a single rehearsal (`run` undefined) or run i of a Monte Carlo. */
export interface RunKey {
  seed: number;
  run?: number;
}

function path(key: RunKey): number[] {
  return key.run === undefined ? [] : [key.run];
}

type Purpose = keyof CohortStreams;

/** Each purpose's slot in a {@link CohortStreamSet}. A stream's key names its purpose, not its slot. */
const SLOT: Readonly<Record<Purpose, number>> = {
  requests: 0,
  errors: 1,
  latency: 2,
  availability: 3,
  revenue: 4,
  exposure: 5,
  events: 6,
  integrity: 7,
  segments: 8,
  latencyDetail: 9,
};
const PURPOSES = Object.keys(SLOT) as Purpose[];

/**
 * One cohort's streams, phase after phase and run after run, each derived on first use: seeding one costs
 * ~0.35 µs, and a rehearsal that rolls back early, or a cohort no fault touches, never draws from several of
 * them. A stream depends only on its key, so deriving it later gives the same sequence.
 *
 * The set is reused: {@link forRun} and {@link forPhase} point it at another (run, phase), and each stream
 * is then re-seeded in place when first drawn from, so a rehearsal allocates no stream state, and the
 * key's parts are formatted once (the run's when it begins, each (purpose, phase)'s when the set is built);
 * the run's part is absorbed into the generator's state once, and each stream absorbs only its own end.
 * A phase's streams are valid until the set moves on.
 */
export class CohortStreamSet implements CohortStreams {
  /** The end of every stream key, `,"purpose","cohort",phase]`, by phase and slot. */
  private readonly tails: ReadonlyArray<readonly string[]>;
  private readonly streams: Array<RandomStream | null> = PURPOSES.map(() => null);
  /** The generator's state after the start of every stream key of the current run, `[seed` or `[seed,run`. */
  private head: StreamKeyPrefix = RandomStream.prefixOf('');
  private phaseTails: readonly string[] = [];
  /** Bit `slot` is set when that stream is seeded for the current (run, phase). */
  private seeded = 0;

  /** @param phaseCount the plan's phases (keys are built for phases 0 .. phaseCount − 1). */
  constructor(cohort: Cohort, phaseCount: number) {
    this.tails = Array.from({ length: phaseCount }, (_, phaseIndex) =>
      PURPOSES.map((purpose) => streamKeyTail([purpose, cohort, phaseIndex])),
    );
  }

  /** Starts run `key`: the streams of its phases derive from `(seed, [run,] purpose, cohort, phase)`. */
  forRun(key: RunKey): void {
    this.head = RandomStream.prefixOf(streamKeyHead(key.seed, path(key)));
    this.seeded = 0;
  }

  /** Moves to phase `phaseIndex` of the current run; every stream starts afresh. */
  forPhase(phaseIndex: number): CohortStreams {
    const tails = this.tails[phaseIndex];
    if (tails === undefined) throw new RangeError(`CohortStreamSet: no phase ${phaseIndex}`);
    this.phaseTails = tails;
    this.seeded = 0;
    return this;
  }

  private stream(slot: number): RandomStream {
    const stream = this.streams[slot] ?? null;
    return stream !== null && (this.seeded & (1 << slot)) !== 0 ? stream : this.seed(slot);
  }

  /** Seeds the stream of `slot` for the current key (apart from {@link stream}, which samplers call often). */
  private seed(slot: number): RandomStream {
    const tail = this.phaseTails[slot]!;
    this.seeded |= 1 << slot;
    const stream = this.streams[slot] ?? new RandomStream('');
    this.streams[slot] = stream;
    stream.reseedAfter(this.head, tail);
    return stream;
  }

  get requests(): RandomStream {
    return this.stream(SLOT.requests);
  }
  get errors(): RandomStream {
    return this.stream(SLOT.errors);
  }
  get latency(): RandomStream {
    return this.stream(SLOT.latency);
  }
  get availability(): RandomStream {
    return this.stream(SLOT.availability);
  }
  get revenue(): RandomStream {
    return this.stream(SLOT.revenue);
  }
  get exposure(): RandomStream {
    return this.stream(SLOT.exposure);
  }
  get events(): RandomStream {
    return this.stream(SLOT.events);
  }
  get integrity(): RandomStream {
    return this.stream(SLOT.integrity);
  }
  get segments(): RandomStream {
    return this.stream(SLOT.segments);
  }
  get latencyDetail(): RandomStream {
    return this.stream(SLOT.latencyDetail);
  }
}

/**
 * One cohort's streams for one phase, each derived from `(seed, [run,] purpose, cohort, phase)`, so a
 * change in how one purpose draws (or in one phase, or one cohort) shifts no other draw, and a phase's
 * draws do not depend on what happened before it: `rehearse traffic --phase ramp` reproduces the ramp
 * of a request-fidelity rehearsal exactly. Each stream is derived when first drawn from; a rehearsal
 * reuses a {@link CohortStreamSet} instead.
 */
export function cohortStreams(key: RunKey, cohort: Cohort, phaseIndex: number): CohortStreams {
  const set = new CohortStreamSet(cohort, phaseIndex + 1);
  set.forRun(key);
  return set.forPhase(phaseIndex);
}

/** The stream fault effects may use for random timing, derived from `(seed, [run,] 'faults')`. */
export function faultStream(key: RunKey): RandomStream {
  return deriveStream(key.seed, ...path(key), 'faults');
}

/** The stream a controller draws its job/web providers' and webhooks' outcomes from: `(seed, [run,] 'controller')`. */
export function controllerStream(key: RunKey): RandomStream {
  return deriveStream(key.seed, ...path(key), 'controller');
}
