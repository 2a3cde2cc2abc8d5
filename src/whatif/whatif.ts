import { EngineContext } from '../engine/engineContext.js';
import type { EngineSetup } from '../engine/engineSetup.js';
import { planSetup } from '../engine/planSetup.js';
import type { Fidelity, OutcomeStatus } from '../engine/rehearsal.js';
import { rehearseSetup } from '../engine/rehearse.js';
import { effectsContext } from '../engine/runEffects.js';
import type { RunKey } from '../engine/streams.js';
import { windowAt } from '../model/faultWindows.js';
import { compileEffects, FAULT_EFFECT_BUILDERS, type FaultEffectBuilder } from '../model/index.js';
import type { FaultPlan, Plan } from '../scenario/plan.js';
import { classifyDetection, type Detection } from './classifyDetection.js';
import { type FaultExposure, faultExposure } from './faultExposure.js';

/**
 * One what-if comparison, as plain data (it crosses to worker threads): a plan, the faults to inject one
 * at a time, and how to rehearse. Run `i` of every fault and of the reference uses the streams of
 * `(seed, i)`.
 */
export interface WhatifJob {
  plan: Plan;
  faults: readonly FaultPlan[];
  seed: number;
  fidelity: Fidelity;
}

/** What one fault did in one run, against the same run without it. */
export interface FaultRun extends Omit<FaultExposure, 'activeSpans'>, Detection {
  /** The fault acted on a cohort with learners before the rehearsal ended. */
  occurred: boolean;
  /** Its first affected interval, ms from the rollout's start; null when it did not occur. */
  startMs: number | null;
  /** How long it acted before the rehearsal ended, ms (the affected intervals' total length). */
  activeMs: number;
  /**
   * The same run without the fault stopped (rollback or halt, for its own reasons) while the fault's first
   * episode would have lasted: how often the plan stops in that span anyway (its noise floor).
   */
  referenceStopped: boolean;
}

/** Run `run` of a what-if: the reference (no fault) and each fault. Plain data. */
export interface WhatifRun {
  run: number;
  reference: { status: OutcomeStatus; elapsedMs: number };
  faults: FaultRun[];
}

/** A fault kind that never acts, for the reference runs (see {@link whatifRun}). */
const REFERENCE_KIND = 'what-if reference';

const NEVER: FaultEffectBuilder = () => ({
  cohorts: [],
  windows: [],
  applyToCohort: () => undefined,
  applyToSegment: () => undefined,
});

/**
 * A job made ready to run: the setups resolved once, the plan without its own faults and with each fault
 * alone. Whoever runs the job's runs holds one (the thread's runner, each worker for its job).
 */
export interface WhatifContext {
  job: WhatifJob;
  reference: EngineSetup;
  faulted: EngineSetup[];
  referenceBuilders: Readonly<Record<string, FaultEffectBuilder>>;
  churnedLearnerUsd: number;
  /** The buffers and bucket tables the job's rehearsals reuse. */
  engine: EngineContext;
}

/** The {@link WhatifContext} of `job`: build it once and pass it to every {@link whatifRun}. */
export function prepareWhatif(job: WhatifJob): WhatifContext {
  const base = planSetup(job.plan);
  const business = job.plan.business;
  return {
    job,
    reference: { ...base, faults: [{ kind: REFERENCE_KIND }] },
    faulted: job.faults.map((fault) => ({ ...base, faults: [fault] })),
    referenceBuilders: { ...FAULT_EFFECT_BUILDERS, [REFERENCE_KIND]: NEVER },
    churnedLearnerUsd:
      business === null
        ? 0
        : (business.baselineAnnualRevenueUsd / job.plan.population.learners) * (business.horizonDays / 365),
    engine: new EngineContext(),
  };
}

/**
 * Run `run` of a what-if: the plan without faults, then with each fault alone, at the same (seed, run).
 * The reference carries a fault that never acts, so it takes the same simulation path as the faulted runs
 * and the two share every random draw until the fault begins: what differs after that is the fault's
 * doing (plus noise the fault set off). Each fault's run is classified (detected or not, by which gate or
 * guard, how fast) and its toll counted up to the rollback or the rollout's end. Pure and deterministic:
 * the unit of work a worker pool runs.
 *
 * @example whatifRun(prepareWhatif({ plan, faults: [fault], seed: 20251031, fidelity: 'aggregate' }), 17).faults[0].detected
 */
export function whatifRun(ready: WhatifContext, run: number): WhatifRun {
  const { job } = ready;
  const key: RunKey = { seed: job.seed, run };
  const options = { seed: job.seed, run, fidelity: job.fidelity, approve: true, context: ready.engine };
  const reference = rehearseSetup(ready.reference, { ...options, faultEffects: ready.referenceBuilders });
  const faults = job.faults.map((fault, index): FaultRun => {
    const setup = ready.faulted[index]!;
    const faulted = rehearseSetup(setup, options);
    const context = effectsContext(setup, key);
    // The windows the run applied, as it recorded them (a fault on both cohorts has the same windows on each).
    const cohort = fault.target === 'baseline' ? 'baseline' : 'candidate';
    const windows = faulted.faultEpisodes.filter((episode) => episode.cohort === cohort);
    const { activeSpans, ...toll } = faultExposure(setup, faulted, {
      fault,
      windows,
      effects: compileEffects([fault], context),
      context,
      churnedLearnerUsd: ready.churnedLearnerUsd,
    });
    const first = activeSpans[0];
    if (first === undefined) {
      return {
        ...toll,
        occurred: false,
        startMs: null,
        activeMs: 0,
        referenceStopped: false,
        detected: false,
        by: null,
        detectMs: null,
        rollbackMs: null,
        stoppedAnyway: false,
      };
    }
    const { outcome } = reference;
    const episodeEndMs = windowAt(windows, first.startMs)?.endMs ?? first.endMs;
    return {
      ...toll,
      ...classifyDetection(faulted, reference, activeSpans, job.plan.guardWindowMs),
      occurred: true,
      startMs: first.startMs,
      activeMs: activeSpans.reduce((total, span) => total + span.endMs - span.startMs, 0),
      referenceStopped:
        outcome.status !== 'completed' &&
        outcome.elapsedMs > first.startMs &&
        outcome.elapsedMs <= episodeEndMs,
    };
  });
  return {
    run,
    reference: { status: reference.outcome.status, elapsedMs: reference.outcome.elapsedMs },
    faults,
  };
}

/**
 * Runs 0..runs−1 of a what-if and hands back their records (in any order: they carry their index). A
 * worker pool implements it by running {@link whatifRun} on its threads; {@link runWhatifInThread} is the
 * single-thread one.
 */
export type WhatifRunner = (
  job: WhatifJob,
  runs: number,
  onProgress?: (done: number, total: number) => void,
) => Promise<WhatifRun[]>;

/**
 * The runner of this thread: every run in order, reporting progress about a hundred times.
 *
 * @example const records = await runWhatifInThread(job, 500)
 */
export const runWhatifInThread: WhatifRunner = async (job, runs, onProgress) => {
  const ready = prepareWhatif(job);
  const records: WhatifRun[] = [];
  const step = Math.max(1, Math.floor(runs / 100));
  for (let run = 0; run < runs; run++) {
    records.push(whatifRun(ready, run));
    if (onProgress !== undefined && ((run + 1) % step === 0 || run + 1 === runs)) onProgress(run + 1, runs);
  }
  return records;
};
