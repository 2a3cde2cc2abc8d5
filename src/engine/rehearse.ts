import {
  type CheckpointGates,
  type Condition,
  type Decision,
  decideCheckpoint,
  decideGuardTrip,
  decidingGate,
  evaluateGuard,
  guardTrips,
  type MetricName,
} from '../gates/index.js';
import type { Cohort, EffectsSource, FaultEffectBuilder } from '../model/index.js';
import { formatDuration } from '../scenario/duration.js';
import type { Plan } from '../scenario/plan.js';
import { type CohortSampler, type SamplerKind, samplerKind } from './cohortSampler.js';
import type { EngineSetup, PhaseSetup } from './engineSetup.js';
import { addEngineWindow, type EngineWindow, emptyEngineWindow, resetEngineWindow } from './engineWindow.js';
import { type EstimateContext, setEstimates } from './estimates.js';
import { evaluateCheckpoint } from './evaluateCheckpoint.js';
import { notReachedPhase } from './notReachedPhase.js';
import { isoAt, nextIntervalEndMs } from './phaseClock.js';
import { setupOf } from './planSetup.js';
import { PooledSampler } from './pooledSampler.js';
import type {
  CheckpointResult,
  CohortTotals,
  Fidelity,
  GuardTrip,
  Outcome,
  PhaseDecision,
  PhaseResult,
  Rehearsal,
} from './rehearsal.js';
import { RequestSampler } from './requestSampler.js';
import { runEffects } from './runEffects.js';
import { SegmentSampler } from './segmentSampler.js';
import { CohortStreamSet, type RunKey } from './streams.js';
import { TrailingWindow } from './trailingWindow.js';

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
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function usesMetric(conditions: readonly Condition[], metric: MetricName): boolean {
  return conditions.some((condition) => condition.metric === metric);
}

/** What the estimates of one phase's windows need to know: the same in every run, so built once. */
interface PhaseEstimates {
  /** For the guards' trailing window; null when no guard looks at an estimate. */
  guards: EstimateContext | null;
  /** For each cohort's checkpoint window. */
  candidate: EstimateContext;
  baseline: EstimateContext;
}

function phaseEstimates(setup: EngineSetup, phase: PhaseSetup): PhaseEstimates {
  const candidateLearners = sum(phase.candidateBySegment);
  const checkpointEstimates = (learners: number, isCandidate: boolean): EstimateContext => ({
    traffic: phase.traffic,
    learners,
    revenue: setup.revenue,
    needsRevenueImpact: isCandidate,
    needsChurn: setup.needsChurn,
    needsCompletions: setup.needsCompletions,
  });
  const guards: EstimateContext = {
    traffic: phase.traffic,
    learners: candidateLearners,
    revenue: setup.revenue,
    needsRevenueImpact: usesMetric(setup.guards, 'revenueImpact'),
    needsChurn: usesMetric(setup.guards, 'churnRate'),
    needsCompletions: usesMetric(setup.guards, 'completionRate'),
  };
  const anyGuardEstimate = guards.needsRevenueImpact || guards.needsChurn || guards.needsCompletions;
  return {
    guards: anyGuardEstimate ? guards : null,
    candidate: checkpointEstimates(candidateLearners, true),
    baseline: checkpointEstimates(sum(phase.baselineBySegment), false),
  };
}

/** A sampler of `kind` for one cohort of a plan. */
function createSampler(setup: EngineSetup, cohort: Cohort, kind: SamplerKind): CohortSampler {
  switch (kind) {
    case 'pooled':
      return new PooledSampler(setup, cohort);
    case 'segment':
      return new SegmentSampler(setup, cohort);
    case 'request':
      return new RequestSampler(setup, cohort);
  }
}

/**
 * Buffers, samplers, streams and per-phase constants of one (setup, sampler kind), reused by every
 * rehearsal of it so the hot loop allocates nothing and each call site meets one sampler class.
 */
class Workspace {
  readonly candidate: CohortSampler;
  readonly baseline: CohortSampler;
  readonly interval: EngineWindow;
  readonly cumulative: EngineWindow;
  readonly sinceCheckpoint: EngineWindow;
  readonly candidateSpan: EngineWindow;
  readonly baselineSpan: EngineWindow;
  readonly baselineCumulative: EngineWindow;
  readonly baselineSinceCheckpoint: EngineWindow;
  readonly trailing: TrailingWindow;
  readonly candidateStreams: CohortStreamSet;
  readonly baselineStreams: CohortStreamSet;
  /** By phase index. */
  readonly estimates: readonly PhaseEstimates[];
  /** The windows that start every phase empty. */
  private readonly phaseWindows: readonly EngineWindow[];

  constructor(setup: EngineSetup, kind: SamplerKind) {
    const window = () => emptyEngineWindow(setup.latencyBoundsMs, setup.segmentIds.length);
    this.candidate = createSampler(setup, 'candidate', kind);
    this.baseline = createSampler(setup, 'baseline', kind);
    this.interval = window();
    this.cumulative = window();
    this.sinceCheckpoint = window();
    this.candidateSpan = window();
    this.baselineSpan = window();
    this.baselineCumulative = window();
    this.baselineSinceCheckpoint = window();
    this.trailing = new TrailingWindow(
      setup.guardWindowIntervals,
      setup.latencyBoundsMs,
      setup.segmentIds.length,
    );
    this.candidateStreams = new CohortStreamSet('candidate', setup.phases.length);
    this.baselineStreams = new CohortStreamSet('baseline', setup.phases.length);
    this.estimates = setup.phases.map((phase) => phaseEstimates(setup, phase));
    this.phaseWindows = [
      this.interval,
      this.cumulative,
      this.sinceCheckpoint,
      this.candidateSpan,
      this.baselineSpan,
      this.baselineCumulative,
      this.baselineSinceCheckpoint,
    ];
  }

  /** Starts run `key` with its fault effects. */
  beginRehearsal(key: RunKey, effects: EffectsSource): void {
    this.candidate.beginRehearsal(effects);
    this.baseline.beginRehearsal(effects);
    this.candidateStreams.forRun(key);
    this.baselineStreams.forRun(key);
  }

  /** Starts phase `phase` at `phaseStartMs` (epoch ms): empty windows and the phase's streams. */
  startPhase(phase: PhaseSetup, phaseStartMs: number): void {
    for (const window of this.phaseWindows) resetEngineWindow(window);
    this.trailing.clear();
    this.candidate.startPhase(phase, phaseStartMs, this.candidateStreams.forPhase(phase.index));
    this.baseline.startPhase(phase, phaseStartMs, this.baselineStreams.forPhase(phase.index));
  }
}

const workspaces = new WeakMap<EngineSetup, Partial<Record<SamplerKind, Workspace>>>();

function workspaceFor(setup: EngineSetup, kind: SamplerKind): Workspace {
  let byKind = workspaces.get(setup);
  if (!byKind) {
    byKind = {};
    workspaces.set(setup, byKind);
  }
  byKind[kind] ??= new Workspace(setup, kind);
  return byKind[kind];
}

function totals(
  window: EngineWindow,
  cohort: 'candidate' | 'baseline',
  learners: number,
  exposed: number,
): CohortTotals {
  const stats = window.stats;
  return {
    learners,
    learnersExposed: exposed,
    requests: stats.requests,
    errors: stats.errors,
    revenueUsd: cohort === 'candidate' ? stats.candidateRevenueUsd : stats.baselineRevenueUsd,
    learnerHours: cohort === 'candidate' ? stats.candidateLearnerHours : stats.baselineLearnerHours,
  };
}

/** How a phase ended, for the rehearsal's outcome. */
interface PhaseEnd {
  result: PhaseResult;
  /** Null when the rehearsal goes on to the next phase. */
  stop: { status: 'rolled-back' | 'halted'; cause: Outcome['cause']; reason: string } | null;
}

/**
 * Draws what both cohorts accumulated since the previous checkpoint (the candidate's deferred draws, the
 * baseline's everything) and adds it to the checkpoint windows; the baseline's revenue also goes into the
 * candidate's windows, for revenueImpact.
 */
function closeSpans(space: Workspace): void {
  const { candidateSpan, baselineSpan } = space;
  space.candidate.closeSpan(candidateSpan);
  addEngineWindow(space.cumulative, candidateSpan);
  addEngineWindow(space.sinceCheckpoint, candidateSpan);
  resetEngineWindow(candidateSpan);
  space.baseline.closeSpan(baselineSpan);
  addEngineWindow(space.baselineCumulative, baselineSpan);
  addEngineWindow(space.baselineSinceCheckpoint, baselineSpan);
  addBaselineRevenue(space.cumulative, baselineSpan);
  addBaselineRevenue(space.sinceCheckpoint, baselineSpan);
  resetEngineWindow(baselineSpan);
}

function addBaselineRevenue(window: EngineWindow, baselineSpan: EngineWindow): void {
  window.stats.baselineRevenueUsd += baselineSpan.stats.baselineRevenueUsd;
  window.stats.baselineLearnerHours += baselineSpan.stats.baselineLearnerHours;
}

function runPhase(
  setup: EngineSetup,
  space: Workspace,
  phase: PhaseSetup,
  phaseStartMs: number,
  approve: boolean,
): PhaseEnd {
  const { candidate, baseline, interval, cumulative, trailing } = space;
  space.startPhase(phase, phaseStartMs);
  const candidateLearners = candidate.cohortLearners;
  const closesEveryInterval = candidate.closesEveryInterval;
  const baselineLearners = baseline.cohortLearners;
  const guards = setup.guards;
  const estimates = space.estimates[phase.index]!;

  const checkpoints: CheckpointResult[] = [];
  const trips: GuardTrip[] = [];
  /** A rollback or halt ends the phase at once; a pass is held until the phase's planned end. */
  let decision: Decision | null = null;
  let passed: Decision | null = null;
  let stop: PhaseEnd['stop'] = null;
  let nextCheckpoint = 0;
  let lastCheckpointMs = 0;
  let startMs = 0;
  while (startMs < phase.durationMs && decision === null) {
    const endMs = nextIntervalEndMs(
      startMs,
      setup.intervalMs,
      phase.durationMs,
      phase.checkpoints,
      nextCheckpoint,
    );
    const lengthMs = endMs - startMs;
    resetEngineWindow(interval);
    candidate.simulateInterval(startMs, lengthMs, interval);
    if (closesEveryInterval) candidate.closeSpan(interval);
    baseline.simulateInterval(startMs, lengthMs, space.baselineSpan);
    addEngineWindow(cumulative, interval);
    if (phase.sinceLastCheckpoint) addEngineWindow(space.sinceCheckpoint, interval);
    startMs = endMs;

    if (guards.length > 0) {
      trailing.push(interval);
      const window = trailing.window;
      if (estimates.guards !== null) setEstimates(window, estimates.guards);
      for (let g = 0; g < guards.length; g++) {
        const guard = guards[g]!;
        if (!guardTrips(guard, window.stats, window.latencyBuckets)) continue;
        const result = evaluateGuard(guard, window.stats, {
          phase: phase.name,
          label: formatDuration(endMs),
        });
        const { metric, op, threshold, observed, reason } = result;
        trips.push({
          index: g,
          metric,
          op,
          threshold,
          observed,
          offsetMs: endMs,
          at: isoAt(phaseStartMs, endMs),
          reason,
        });
        if (decision === null) {
          decision = decideGuardTrip(result, endMs);
          const cause = { kind: 'guard', index: g, metric, op } as const;
          stop = { status: 'rolled-back', cause, reason: decision.reason };
        }
      }
      if (decision !== null) break;
    }

    while (passed === null && nextCheckpoint < phase.checkpoints.length) {
      const checkpoint = phase.checkpoints[nextCheckpoint]!;
      if (checkpoint.offsetMs > endMs) break;
      closeSpans(space);
      const useSince = phase.sinceLastCheckpoint;
      const window = useSince ? space.sinceCheckpoint : cumulative;
      const baselineWindow = useSince ? space.baselineSinceCheckpoint : space.baselineCumulative;
      setEstimates(window, estimates.candidate);
      setEstimates(baselineWindow, estimates.baseline);
      checkpoints.push(
        evaluateCheckpoint(phase, checkpoint, isoAt(phaseStartMs, checkpoint.offsetMs), {
          candidate: window,
          baseline: baselineLearners > 0 ? baselineWindow : null,
          windowFromMs: useSince ? lastCheckpointMs : 0,
          segmentIds: setup.segmentIds,
        }),
      );
      lastCheckpointMs = checkpoint.offsetMs;
      resetEngineWindow(space.sinceCheckpoint);
      resetEngineWindow(space.baselineSinceCheckpoint);
      nextCheckpoint++;
      const gates: readonly CheckpointGates[] = checkpoints;
      const decided = decideCheckpoint(gates, phase.rules, nextCheckpoint === phase.checkpoints.length);
      if (decided === null) continue;
      if (decided.action === 'advance' || decided.action === 'await-approval') {
        passed = decided;
        continue;
      }
      decision = decided;
      const gate = decidingGate(checkpoints, phase.rules, decided.action);
      stop = {
        status: decided.action === 'rollback' ? 'rolled-back' : 'halted',
        cause:
          gate === null
            ? null
            : { kind: 'gate', index: gate.index, metric: gate.gate.metric, op: gate.gate.op },
        reason: decided.reason,
      };
    }
  }
  if (decision === null && passed !== null) {
    decision = { ...passed, atMs: startMs };
    if (passed.action === 'await-approval') {
      const reason = approve
        ? `${passed.reason}; approved (the rehearsal assumes approval)`
        : `${passed.reason}; approval withheld, so the rollout stops here`;
      decision = { ...decision, reason };
      if (!approve) stop = { status: 'halted', cause: null, reason };
    }
  }

  const ranMs = decision?.atMs ?? startMs;
  if (lastCheckpointMs < startMs) closeSpans(space);
  const phaseDecision: PhaseDecision | null =
    decision === null ? null : { ...decision, at: isoAt(phaseStartMs, decision.atMs) };
  const status: PhaseResult['status'] =
    stop === null ? 'passed' : stop.status === 'rolled-back' ? 'rolled-back' : 'halted';
  return {
    result: {
      name: phase.name,
      traffic: phase.traffic,
      learners: candidateLearners,
      plannedDurationMs: phase.durationMs,
      ranMs,
      startedAt: isoAt(phaseStartMs, 0),
      status,
      checkpoints,
      guardTrips: trips,
      decision: phaseDecision,
      candidate: totals(cumulative, 'candidate', candidateLearners, candidate.exposedLearners),
      baseline: totals(space.baselineCumulative, 'baseline', baselineLearners, baseline.exposedLearners),
    },
    stop,
  };
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
  const space = workspaceFor(setup, samplerKind(fidelity, effects));
  space.beginRehearsal(key, effects);

  const phases: PhaseResult[] = [];
  let phaseStartMs = setup.startMs;
  let outcome: Outcome | null = null;
  for (const phase of setup.phases) {
    if (outcome !== null) {
      phases.push(notReachedPhase(phase, sum(phase.candidateBySegment), sum(phase.baselineBySegment)));
      continue;
    }
    const { result, stop } = runPhase(setup, space, phase, phaseStartMs, options.approve ?? true);
    phases.push(result);
    if (stop !== null) {
      outcome = {
        status: stop.status,
        phase: phase.name,
        offsetMs: result.ranMs,
        at: isoAt(phaseStartMs, result.ranMs),
        elapsedMs: phaseStartMs + result.ranMs - setup.startMs,
        reason: stop.reason,
        cause: stop.cause,
        learnersExposed: space.candidate.exposedLearners,
      };
    }
    phaseStartMs += result.ranMs;
  }
  const last = phases.at(-1)!;
  outcome ??= {
    status: 'completed',
    phase: last.name,
    offsetMs: last.ranMs,
    at: isoAt(phaseStartMs, 0),
    elapsedMs: phaseStartMs - setup.startMs,
    reason: `all ${phases.length} phase${phases.length === 1 ? '' : 's'} passed (${phases.map((phase) => phase.name).join(' → ')})`,
    cause: null,
    learnersExposed: space.candidate.exposedLearners,
  };
  const warnings = effects.unmodelledKinds.map(
    (kind) => `faults of kind ${kind} have no effect model yet and were not simulated`,
  );
  return {
    seed: options.seed,
    fidelity,
    startedAt: isoAt(setup.startMs, 0),
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
  return rehearseSetup(setupOf(plan), options);
}
