import type { RandomStream } from '../random/index.js';
import { FAULT_KIND_EFFECTS } from './faultEffects.js';
import { type FaultWindow, phaseStartsMs, windowAt } from './faultWindows.js';
import type { LatencyMixture } from './latencyMixture.js';

/** The two cohorts of a phase: the learners on the candidate and the rest on the baseline. */
export type Cohort = 'candidate' | 'baseline';

/** Modifiers a fault applies to the deployment of a cohort over one interval. */
export interface CohortEffects {
  /** Share of the interval, 0..1, held down from its start on top of the deployment's own outages. */
  forcedDownFraction: number;
}

/** Modifiers a fault applies to one cohort-segment over one interval; neutral values change nothing. */
export interface SegmentEffects {
  /** Multiplies the request rate (a traffic surge), ≥ 0; neutral 1. */
  trafficFactor: number;
  /** Added to the error probability of requests served while up (capped at 1); neutral 0. */
  addedErrorRate: number;
  /**
   * Replaces the nominal latency mixture when not null. Must be a stable object (built once per fault and
   * segment, not per interval): bucket probabilities are cached per mixture object.
   */
  latency: LatencyMixture | null;
  /** Replaces the cohort's revenue uplift (fraction, e.g. −0.2) when not null. */
  revenueUplift: number | null;
  /** Multiplies the churn rate; neutral 1. */
  churnFactor: number;
  /**
   * Share of served responses that are silently wrong (data inconsistency), 0..1; neutral 0. Invisible to
   * errors and latency: only `integrityErrorRate` (an integrity check) counts them.
   */
  inconsistentShare: number;
}

/** What a fault's builder may use: phases and segments by index, nominal latencies, a stream for random timing. */
export interface EffectsContext {
  phaseNames: readonly string[];
  phaseDurationsMs: readonly number[];
  segmentIds: readonly string[];
  /** The run's own stream for fault timing (episodes at `ratePerDay`), derived as (seed, run, 'faults'). */
  rng: RandomStream;
  /** The nominal (fault-free) latency mixture of a cohort-segment, a stable object. */
  nominalLatency(cohort: Cohort, segmentIndex: number): LatencyMixture;
  /** The nominal error probability of a cohort-segment's requests served while up (0..1). */
  nominalErrorRate(cohort: Cohort, segmentIndex: number): number;
}

/**
 * One compiled fault: when and on which cohorts it acts, and what it does. It acts on an interval of one of
 * its cohorts that starts inside one of its windows; `applyTo*` are called only then, with the interval's
 * phase and offset (a gradual degradation grows with the time since it began), and compose with what
 * earlier faults wrote (multiply factors, add rates, replace mixtures), so several faults can overlap.
 */
export interface FaultEffect {
  /** The cohorts it acts on. */
  readonly cohorts: readonly Cohort[];
  /** When it acts, on the rollout's timeline (ms from its start): sorted, disjoint, drawn once per run. */
  readonly windows: readonly FaultWindow[];
  applyToCohort(cohort: Cohort, out: CohortEffects, phaseIndex: number, offsetMs: number): void;
  applyToSegment(
    cohort: Cohort,
    segmentIndex: number,
    out: SegmentEffects,
    phaseIndex: number,
    offsetMs: number,
  ): void;
}

/**
 * One episode of a fault acting on one cohort in one run, on the rollout's timeline: `[startMs, endMs)`, ms
 * from the rollout's start (a reached phase starts on schedule, so this is the planned timeline too). An
 * episode may run on past the phase it began in, or past the rehearsal's end.
 */
export interface FaultEpisode {
  /** The fault's index in the plan's faults. */
  fault: number;
  cohort: Cohort;
  startMs: number;
  endMs: number;
}

/** A fault as the plan carries it: at least its kind (the model does not depend on the plan's types). */
export interface FaultSpec {
  readonly kind: string;
}

/** Builds the effect of one fault of a kind (fields as in the plan), or throws RangeError on bad fields. */
export type FaultEffectBuilder<Fault extends FaultSpec = FaultSpec> = (
  fault: Fault,
  context: EffectsContext,
) => FaultEffect;

/**
 * The modifiers the engine asks for every interval: `activeEffects`-style calls that write into
 * preallocated objects, so asking costs no allocation. `any` is false when no fault can ever act, and
 * the engine then skips the calls altogether.
 */
export interface EffectsSource {
  readonly any: boolean;
  /** Fault kinds in the plan that have no effect model (they change nothing); reported as warnings. */
  readonly unmodelledKinds: readonly string[];
  /**
   * Every episode the faults drew for this run, the very windows the modifiers below act in: fault by
   * fault in plan order, then cohort by cohort (candidate first), then in time.
   */
  readonly episodes: readonly FaultEpisode[];
  cohortAt(cohort: Cohort, phaseIndex: number, offsetMs: number, out: CohortEffects): CohortEffects;
  segmentAt(
    cohort: Cohort,
    segmentIndex: number,
    phaseIndex: number,
    offsetMs: number,
    out: SegmentEffects,
  ): SegmentEffects;
}

/** Neutral cohort modifiers, fresh (the engine keeps one and lets sources overwrite it). */
export function neutralCohortEffects(): CohortEffects {
  return { forcedDownFraction: 0 };
}

/** Neutral segment modifiers, fresh. */
export function neutralSegmentEffects(): SegmentEffects {
  return {
    trafficFactor: 1,
    addedErrorRate: 0,
    latency: null,
    revenueUplift: null,
    churnFactor: 1,
    inconsistentShare: 0,
  };
}

function resetCohort(out: CohortEffects): CohortEffects {
  out.forcedDownFraction = 0;
  return out;
}

function resetSegment(out: SegmentEffects): SegmentEffects {
  out.trafficFactor = 1;
  out.addedErrorRate = 0;
  out.latency = null;
  out.revenueUplift = null;
  out.churnFactor = 1;
  out.inconsistentShare = 0;
  return out;
}

/** The source for a plan without faults: everything neutral. */
export const NO_EFFECTS: EffectsSource = {
  any: false,
  unmodelledKinds: [],
  episodes: [],
  cohortAt: (_cohort, _phaseIndex, _offsetMs, out) => resetCohort(out),
  segmentAt: (_cohort, _segmentIndex, _phaseIndex, _offsetMs, out) => resetSegment(out),
};

/**
 * Effect models by fault kind: every kind of the scenario schema (docs/faults.md gives each kind's
 * parameters and the modifiers it sets; `faultEffects.ts` holds the models).
 */
export const FAULT_EFFECT_BUILDERS: Readonly<Record<string, FaultEffectBuilder>> = FAULT_KIND_EFFECTS;

/**
 * Compiles the plan's faults into the source the engine asks every interval. Faults of a kind without a
 * builder change nothing and are listed in `unmodelledKinds`.
 *
 * @example compileEffects([], context) // NO_EFFECTS
 */
export function compileEffects<Fault extends FaultSpec>(
  faults: readonly Fault[],
  context: EffectsContext,
  builders: Readonly<Record<string, FaultEffectBuilder<Fault>>> = FAULT_EFFECT_BUILDERS,
): EffectsSource {
  const effects: FaultEffect[] = [];
  const episodes: FaultEpisode[] = [];
  const unmodelled = new Set<string>();
  faults.forEach((fault, index) => {
    const build = Object.hasOwn(builders, fault.kind) ? builders[fault.kind] : undefined;
    if (build === undefined) {
      unmodelled.add(fault.kind);
      return;
    }
    const effect = build(fault, context);
    effects.push(effect);
    for (const cohort of effect.cohorts) {
      for (const { startMs, endMs } of effect.windows)
        episodes.push({ fault: index, cohort, startMs, endMs });
    }
  });
  if (effects.length === 0) return { ...NO_EFFECTS, unmodelledKinds: [...unmodelled] };
  const starts = phaseStartsMs(context.phaseDurationsMs);
  const hitsCandidate = effects.map((effect) => effect.cohorts.includes('candidate'));
  const hitsBaseline = effects.map((effect) => effect.cohorts.includes('baseline'));
  const activeAt = (e: number, cohort: Cohort, phaseIndex: number, offsetMs: number) =>
    (cohort === 'candidate' ? hitsCandidate[e] : hitsBaseline[e]) &&
    windowAt(effects[e]!.windows, starts[phaseIndex]! + offsetMs) !== null;
  return {
    any: true,
    unmodelledKinds: [...unmodelled],
    episodes,
    cohortAt(cohort, phaseIndex, offsetMs, out) {
      resetCohort(out);
      for (let e = 0; e < effects.length; e++) {
        if (activeAt(e, cohort, phaseIndex, offsetMs))
          effects[e]!.applyToCohort(cohort, out, phaseIndex, offsetMs);
      }
      return out;
    },
    segmentAt(cohort, segmentIndex, phaseIndex, offsetMs, out) {
      resetSegment(out);
      for (let e = 0; e < effects.length; e++) {
        if (activeAt(e, cohort, phaseIndex, offsetMs)) {
          effects[e]!.applyToSegment(cohort, segmentIndex, out, phaseIndex, offsetMs);
        }
      }
      return out;
    },
  };
}
