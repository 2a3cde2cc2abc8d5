import type { FaultEffectBuilder } from '../model/index.js';
import type { Plan } from '../scenario/plan.js';
import { ArgoDriver } from './argoDriver.js';
import { samplerKind } from './cohortSampler.js';
import type { ControllerDriver } from './controllerDriver.js';
import { ControllerWindows } from './controllerWindows.js';
import { EngineContext } from './engineContext.js';
import type { EngineSetup } from './engineSetup.js';
import { FlaggerDriver } from './flaggerDriver.js';
import { notReachedPhase } from './notReachedPhase.js';
import { controllerSources } from './planSetup.js';
import type { Fidelity, Outcome, PhaseResult, Rehearsal } from './rehearsal.js';
import type { RehearsalDetail, RehearsalWorkspace } from './rehearsalWorkspace.js';
import { runControllerPhase } from './runControllerPhase.js';
import { runEffects } from './runEffects.js';
import { runPhase } from './runPhase.js';
import { controllerStream, type RunKey } from './streams.js';

/** How to rehearse: the seed, the fidelity, and whether a manual approval is given. */
export interface RehearseOptions {
  /** Master seed (usually the scenario's, or `--seed`). */
  seed: number;
  /**
   * `aggregate` (default) samples counts and histograms; `request` simulates every request. `replay`
   * (recorded metrics) cannot be simulated: it throws a RangeError.
   */
  fidelity?: Fidelity;
  /** Whether phases with `advance: manual` are approved (default true); false halts at the first one. */
  approve?: boolean;
  /** Run index within a Monte Carlo: streams then derive from (seed, run, ...). */
  run?: number;
  /** Effect models by fault kind (default: the model's registry); what-if and tests may pass their own. */
  faultEffects?: Readonly<Record<string, FaultEffectBuilder>>;
  /**
   * `full` (default): every checkpoint records both cohorts' metrics, its segments and each gate's reason.
   * `verdicts`: what a tally reads and nothing more: each checkpoint records its gates' verdicts and
   * observed values (the other metrics null, no baseline metrics, no segments, reasons and decision
   * reasons from gates empty) and, on a plan no fault touches, the baseline draws only the revenue the
   * gates read (its requests, errors and exposure are 0), and the candidate's checkpoint histograms only
   * the buckets its latency gates read apart (so a latency gate's observed value is exact only when it
   * lies in its threshold's bucket, and otherwise only on the same side of the threshold). Statuses,
   * every gate's verdict, decisions' times, causes, guard trips, the candidate's totals and exposure,
   * elapsed times and fault episodes are those of `full`, bit for bit.
   */
  detail?: RehearsalDetail;
  /**
   * What rehearsals of the same plan share (its setup, buffers, bucket tables): a loop of rehearsals passes
   * one so that the plan is resolved once; without it each call makes its own. Never changes the result.
   */
  context?: EngineContext;
  /**
   * Whether spans in which no guard can trip but with a probability within 1e-7 per rehearsal are drawn
   * as aggregates, and the phases whose guards trip on any hit as trip spans (default true; docs/model.md,
   * "Quiet spans" and "Trip spans"); false simulates every interval, as tests comparing them do.
   */
  skipQuietSpans?: boolean;
}

/** The controller's driver for run `key` and its trailing windows (kept with the workspace, emptied). */
function controllerRun(
  setup: EngineSetup,
  space: RehearsalWorkspace,
  key: RunKey,
  approve: boolean,
): { driver: ControllerDriver; windows: ControllerWindows } {
  const plan = setup.controller!;
  let windows = space.controllerWindows;
  if (windows === null) {
    windows = new ControllerWindows(
      controllerSources(plan),
      setup.intervalMs,
      setup.latencyBoundsMs,
      setup.segmentIds.length,
    );
    space.controllerWindows = windows;
  }
  windows.clear();
  const stream = controllerStream(key);
  const names = setup.phases.map((phase) => phase.name);
  if (plan.kind === 'argo') return { driver: new ArgoDriver(plan, names, windows, stream, approve), windows };
  return { driver: new FlaggerDriver(plan, names, windows, stream, approve), windows };
}

/**
 * One rehearsal of an already resolved plan (see {@link rehearse}); exported for the Monte Carlo, which
 * resolves the plan once.
 */
export function rehearseSetup(setup: EngineSetup, options: RehearseOptions): Rehearsal {
  const fidelity = options.fidelity ?? 'aggregate';
  if (fidelity === 'replay')
    throw new RangeError('rehearse: replay is the fidelity of recorded metrics, not simulated');
  const key: RunKey =
    options.run === undefined ? { seed: options.seed } : { seed: options.seed, run: options.run };
  const effects = runEffects(setup, key, options.faultEffects);
  const context = options.context ?? new EngineContext();
  const space = context.workspace(setup, samplerKind(fidelity, effects), options.detail ?? 'full');
  space.beginRehearsal(key, effects);

  const phases: PhaseResult[] = [];
  let phaseStartMs = setup.startMs;
  let outcome: Outcome | null = null;
  const controller =
    setup.controller === null ? null : controllerRun(setup, space, key, options.approve ?? true);
  for (const phase of setup.phases) {
    if (outcome !== null) {
      const { candidate, baseline } = space.estimates[phase.index]!;
      phases.push(notReachedPhase(phase, candidate.learners, baseline.learners));
      continue;
    }
    const { result, stop } =
      controller === null
        ? runPhase(setup, space, phase, phaseStartMs, options.approve ?? true, options.skipQuietSpans ?? true)
        : runControllerPhase(setup, space, phase, phaseStartMs, controller.driver, controller.windows);
    phases.push(result);
    if (stop !== null) {
      outcome = {
        status: stop.status,
        phase: phase.name,
        offsetMs: result.ranMs,
        at: space.times.at(phaseStartMs, result.ranMs),
        elapsedMs: phaseStartMs + result.ranMs - setup.startMs,
        reason: stop.reason,
        cause: stop.cause,
        learnersExposed: space.candidate.phase.exposedLearners,
      };
    }
    phaseStartMs += result.ranMs;
  }
  const last = phases.at(-1)!;
  outcome ??= {
    status: 'completed',
    phase: last.name,
    offsetMs: last.ranMs,
    at: space.times.at(phaseStartMs, 0),
    elapsedMs: phaseStartMs - setup.startMs,
    reason: `all ${phases.length} phase${phases.length === 1 ? '' : 's'} passed (${phases.map((phase) => phase.name).join(' → ')})`,
    cause: null,
    learnersExposed: space.candidate.phase.exposedLearners,
  };
  const warnings = effects.unmodelledKinds.map(
    (kind) => `faults of kind ${kind} have no effect model yet and were not simulated`,
  );
  return {
    seed: options.seed,
    fidelity,
    startedAt: space.times.at(setup.startMs, 0),
    outcome,
    phases,
    faultEpisodes: effects.episodes,
    warnings,
  };
}

/**
 * Rehearses a plan once: walks its phases interval by interval, simulating the candidate cohort every
 * interval and the baseline at checkpoints, evaluates the guards on the trailing window every interval
 * (a trip rolls back at once) and the gates at every checkpoint, and records every decision with its
 * time and reason. Deterministic: the same plan, seed and options give a deep-equal result.
 *
 * @example rehearse(plan, { seed: 20251031 }).outcome.status // 'completed'
 */
export function rehearse(plan: Plan, options: RehearseOptions): Rehearsal {
  if (options.context !== undefined) return rehearseSetup(options.context.setup(plan), options);
  const context = new EngineContext();
  return rehearseSetup(context.setup(plan), { ...options, context });
}
