import type { Condition, MetricName } from '../gates/index.js';
import type { BucketTables, Cohort, EffectsSource } from '../model/index.js';
import type { CohortSampler, SamplerKind } from './cohortSampler.js';
import type { ControllerWindows } from './controllerWindows.js';
import type { EngineSetup, PhaseSetup } from './engineSetup.js';
import { addEngineWindow, type EngineWindow, emptyEngineWindow, resetEngineWindow } from './engineWindow.js';
import type { EstimateContext } from './estimates.js';
import { IsoTimes } from './phaseClock.js';
import { PooledSampler } from './pooledSampler.js';
import { type QuietPlan, quietSpans } from './quietSpans.js';
import { RequestSampler } from './requestSampler.js';
import { RevenueSampler } from './revenueSampler.js';
import { SegmentSampler } from './segmentSampler.js';
import { CohortStreamSet, type RunKey } from './streams.js';
import { TrailingWindow } from './trailingWindow.js';

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function usesMetric(conditions: readonly Condition[], metric: MetricName): boolean {
  return conditions.some((condition) => condition.metric === metric);
}

/** What the estimates of one phase's windows need to know: the same in every run, so built once. */
export interface PhaseEstimates {
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

/**
 * How much a rehearsal records: `full` (the default) every metric of both cohorts at every checkpoint, with
 * each gate's reason; `verdicts` what the gates decided and nothing they did not read (see
 * `RehearseOptions.detail`).
 */
export type RehearsalDetail = 'full' | 'verdicts';

/** A sampler of `kind` for one cohort of a plan. */
function createSampler(
  setup: EngineSetup,
  cohort: Cohort,
  kind: SamplerKind,
  detail: RehearsalDetail,
  tables: BucketTables,
): CohortSampler {
  // No gate or guard reads the baseline but for its revenue: asked for verdicts, that is all it draws.
  if (cohort === 'baseline' && detail === 'verdicts' && kind === 'pooled') {
    return new RevenueSampler(setup, cohort);
  }
  switch (kind) {
    case 'pooled':
      return new PooledSampler(setup, cohort, tables, detail);
    case 'segment':
      return new SegmentSampler(setup, cohort, tables);
    case 'request':
      return new RequestSampler(setup, cohort);
  }
}

function addBaselineRevenue(window: EngineWindow, baselineSpan: EngineWindow): void {
  window.stats.baselineRevenueUsd += baselineSpan.stats.baselineRevenueUsd;
  window.stats.baselineLearnerHours += baselineSpan.stats.baselineLearnerHours;
}

/**
 * Buffers, samplers, streams and per-phase constants of one (setup, sampler kind), reused by every
 * rehearsal of it so the hot loop allocates nothing and each call site meets one sampler class.
 */
export class RehearsalWorkspace {
  readonly candidate: CohortSampler;
  readonly baseline: CohortSampler;
  /** The interval being drawn: the trailing window's {@link TrailingWindow.fresh}, set by {@link beginPiece}. */
  interval: EngineWindow;
  readonly cumulative: EngineWindow;
  /** Filled only in a phase whose checkpoints read it (`window: since-last-checkpoint`), as is the baseline's. */
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
  /** Whether checkpoints record their gates' verdicts alone (`detail: 'verdicts'`). */
  readonly verdictsOnly: boolean;
  /** Which spans may be drawn as one (the pooled path only: no fault acts, every segment's rates are fixed). */
  readonly quiet: QuietPlan | null;
  /** A controller plan's trailing windows (Argo, Flagger), built by its first rehearsal and kept with the workspace. */
  controllerWindows: ControllerWindows | null = null;
  /** The times the rehearsals write, as ISO-8601 text, kept between rehearsals. */
  readonly times = new IsoTimes();
  /**
   * Whether the current phase's checkpoints read the since-last-checkpoint windows: where they do not,
   * nothing is added to them (they stay empty, and nothing reads them).
   */
  private usesSinceCheckpoint = false;
  /** Whether the current piece is drawn straight into the cumulative window (see {@link beginPiece}). */
  private pieceIntoCumulative = false;
  /** Each guard's streak in the current phase (see runPhase), zeroed at each phase's start. */
  readonly guardStreaks: Int32Array;
  /** The windows that start every phase empty. */
  private readonly phaseWindows: readonly EngineWindow[];

  constructor(setup: EngineSetup, kind: SamplerKind, detail: RehearsalDetail, tables: BucketTables) {
    const window = () => emptyEngineWindow(setup.latencyBoundsMs, setup.segmentIds.length);
    this.verdictsOnly = detail === 'verdicts';
    this.quiet = kind === 'pooled' ? quietSpans(setup, tables) : null;
    this.candidate = createSampler(setup, 'candidate', kind, detail, tables);
    this.baseline = createSampler(setup, 'baseline', kind, detail, tables);
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
    this.interval = this.trailing.fresh();
    this.candidateStreams = new CohortStreamSet('candidate', setup.phases.length);
    this.baselineStreams = new CohortStreamSet('baseline', setup.phases.length);
    this.estimates = setup.phases.map((phase) => phaseEstimates(setup, phase));
    this.guardStreaks = new Int32Array(setup.guards.length);
    this.phaseWindows = [
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

  /**
   * Draws what both cohorts accumulated since the previous checkpoint (the candidate's deferred draws, the
   * baseline's everything) and adds it to the checkpoint windows; the baseline's revenue also goes into the
   * candidate's windows, for revenueImpact.
   */
  closeSpans(): void {
    const { candidateSpan, baselineSpan } = this;
    const since = this.usesSinceCheckpoint;
    if (since) {
      this.candidate.closeSpan(candidateSpan);
      addEngineWindow(this.cumulative, candidateSpan);
      addEngineWindow(this.sinceCheckpoint, candidateSpan);
      resetEngineWindow(candidateSpan);
    } else this.candidate.closeSpan(this.cumulative);
    this.baseline.closeSpan(baselineSpan);
    addEngineWindow(this.baselineCumulative, baselineSpan);
    addBaselineRevenue(this.cumulative, baselineSpan);
    if (since) {
      addEngineWindow(this.baselineSinceCheckpoint, baselineSpan);
      addBaselineRevenue(this.sinceCheckpoint, baselineSpan);
    }
    resetEngineWindow(baselineSpan);
  }

  /**
   * Starts a piece of the phase and returns the window the candidate's draws of it go into. A piece the
   * guards judge (an interval) is drawn into the trailing window's fresh window, {@link interval}. One they
   * do not judge (a quiet-span piece, a trip-span piece without a hit) is drawn straight into the
   * cumulative window where the phase keeps no since-last-checkpoint window: the samplers add into a
   * window, so nothing need be copied.
   */
  beginPiece(judged: boolean): EngineWindow {
    this.pieceIntoCumulative = !judged && !this.usesSinceCheckpoint;
    if (this.pieceIntoCumulative) return this.cumulative;
    this.interval = this.trailing.fresh();
    return this.interval;
  }

  /** The piece {@link beginPiece} started is drawn: unless it went straight there, into the checkpoint windows. */
  pieceDrawn(): void {
    if (this.pieceIntoCumulative) return;
    addEngineWindow(this.cumulative, this.interval);
    if (this.usesSinceCheckpoint) addEngineWindow(this.sinceCheckpoint, this.interval);
  }

  /** A checkpoint was evaluated: the since-last-checkpoint windows start again (where the phase reads them). */
  checkpointTaken(): void {
    if (!this.usesSinceCheckpoint) return;
    resetEngineWindow(this.sinceCheckpoint);
    resetEngineWindow(this.baselineSinceCheckpoint);
  }

  /** Ends the phase once its last span is closed: what only its result reads is drawn. */
  endPhase(): void {
    this.candidate.endPhase();
    this.baseline.endPhase();
  }

  /** Starts phase `phase` at `phaseStartMs` (epoch ms): empty windows and the phase's streams. */
  startPhase(phase: PhaseSetup, phaseStartMs: number): void {
    this.usesSinceCheckpoint = phase.sinceLastCheckpoint;
    this.guardStreaks.fill(0);
    for (const window of this.phaseWindows) resetEngineWindow(window);
    this.trailing.clear();
    this.candidate.startPhase(phase, phaseStartMs, this.candidateStreams.forPhase(phase.index));
    this.baseline.startPhase(phase, phaseStartMs, this.baselineStreams.forPhase(phase.index));
  }
}
