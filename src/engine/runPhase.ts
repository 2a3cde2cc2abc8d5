import { evaluateGuard, guardTrips, nextGuardStreak, streakReason, streakTrips } from '../gates/index.js';
import { diurnalFactor } from '../model/index.js';
import type { CheckpointSetup, EngineSetup, PhaseSetup } from './engineSetup.js';
import type { EngineWindow } from './engineWindow.js';
import { setEstimates } from './estimates.js';
import { evaluateCheckpoint, evaluateCheckpointVerdicts } from './evaluateCheckpoint.js';
import { nextIntervalEndMs } from './phaseClock.js';
import { PhaseJudge } from './phaseJudge.js';
import { PooledSampler } from './pooledSampler.js';
import { type GridCuts, gridFloorMs, quietPieceEndMs } from './quietSpanClock.js';
import type { QuietPhase } from './quietSpans.js';
import type { CheckpointResult, CohortTotals, Outcome, PhaseDecision, PhaseResult } from './rehearsal.js';
import type { PhaseEstimates, RehearsalWorkspace } from './rehearsalWorkspace.js';
import type { TripPhase } from './tripSpans.js';

/** How a phase ended, for the rehearsal's outcome. */
export interface PhaseEnd {
  result: PhaseResult;
  /** Null when the rehearsal goes on to the next phase. */
  stop: { status: 'rolled-back' | 'halted'; cause: Outcome['cause']; reason: string } | null;
}

/** One phase being rehearsed: its setup, the workspace, where it started and its judge. */
interface PhaseRun {
  setup: EngineSetup;
  space: RehearsalWorkspace;
  phase: PhaseSetup;
  /** Epoch ms. */
  phaseStartMs: number;
  judge: PhaseJudge<CheckpointResult>;
  estimates: PhaseEstimates;
  /** Whether the candidate's span closes after every interval (fixed for the phase). */
  closesEveryInterval: boolean;
  /** Each guard's streak: the consecutive checks up to now at which its condition held. */
  streaks: Int32Array;
  /** The phase's quiet-span analysis, null when every interval is simulated. */
  quiet: QuietPhase | null;
  /** Checks still to pass unjudged after a quiet span: their trailing windows straddle it. */
  unjudged: number;
  /** Intervals in a row, up to now, in which the candidate was up throughout. */
  upIntervals: number;
}

const HOUR_MS = 3_600_000;

/** Step: both cohorts over the interval [startMs, endMs) of the phase, into the interval and checkpoint windows. */
export function simulateInterval(
  run: Pick<PhaseRun, 'space' | 'closesEveryInterval'>,
  startMs: number,
  endMs: number,
): void {
  const { space } = run;
  const candidate = space.candidate;
  const interval = space.beginPiece(true);
  const lengthMs = endMs - startMs;
  candidate.simulateInterval(startMs, lengthMs, interval);
  if (run.closesEveryInterval) candidate.closeSpan(interval);
  baselineAndWindows(space, startMs, lengthMs);
}

/** Step: the baseline over [startMs, startMs + lengthMs), and the candidate's piece into the phase's windows. */
function baselineAndWindows(space: RehearsalWorkspace, startMs: number, lengthMs: number): void {
  space.baseline.simulateInterval(startMs, lengthMs, space.baselineSpan);
  space.pieceDrawn();
}

/**
 * Step: every guard on the trailing window that ends at `endMs`; a guard whose condition has now held at its
 * `consecutive` checks in a row trips, and the trip goes to the judge (and rolls back).
 */
function judgeGuards(run: PhaseRun, endMs: number): void {
  const { setup, space, judge, streaks } = run;
  const guards = setup.guards;
  const trailing = space.trailing;
  trailing.pushFresh();
  const window = trailing.window;
  const estimates = run.estimates.guards;
  if (estimates !== null) setEstimates(window, estimates);
  for (let g = 0; g < guards.length; g++) {
    const guard = guards[g]!;
    const streak = nextGuardStreak(streaks[g]!, guardTrips(guard, window.stats, window.latencyBuckets));
    streaks[g] = streak;
    if (streak === 0 || !streakTrips(guard, streak)) continue;
    const result = evaluateGuard(guard, window.stats, judge.guardContext(endMs));
    const suffix = streakReason(guard);
    judge.guardTripped(g, suffix === '' ? result : { ...result, reason: result.reason + suffix }, endMs);
  }
}

/**
 * A checkpoint evaluated on the phase's windows once its spans are closed: the since-last-checkpoint
 * windows when `useSince`, else the cumulative ones, with the phase's estimates set; the baseline's only
 * when its cohort has learners. Full or verdicts alone, as the workspace was asked.
 */
export function checkpointOn(
  setup: EngineSetup,
  space: RehearsalWorkspace,
  phase: PhaseSetup,
  phaseStartMs: number,
  checkpoint: CheckpointSetup,
  useSince: boolean,
  windowFromMs: number,
): CheckpointResult {
  const estimates = space.estimates[phase.index]!;
  const window = useSince ? space.sinceCheckpoint : space.cumulative;
  const baselineWindow = useSince ? space.baselineSinceCheckpoint : space.baselineCumulative;
  setEstimates(window, estimates.candidate);
  setEstimates(baselineWindow, estimates.baseline);
  const evaluate = space.verdictsOnly ? evaluateCheckpointVerdicts : evaluateCheckpoint;
  return evaluate(phase, checkpoint, space.times.at(phaseStartMs, checkpoint.offsetMs), {
    candidate: window,
    baseline: space.baseline.phase.learnersTotal > 0 ? baselineWindow : null,
    windowFromMs,
    segmentIds: setup.segmentIds,
  });
}

/** Step: each planned checkpoint that falls at or before `endMs`, evaluated on its window and judged. */
function judgeCheckpointsDue(run: PhaseRun, endMs: number): void {
  const { setup, space, phase, judge } = run;
  const useSince = phase.sinceLastCheckpoint;
  while (judge.passed === null && judge.stop === null) {
    const checkpoint = phase.checkpoints[judge.checkpoints.length];
    if (checkpoint === undefined || checkpoint.offsetMs > endMs) return;
    space.closeSpans();
    judge.checkpointJudged(
      checkpointOn(
        setup,
        space,
        phase,
        run.phaseStartMs,
        checkpoint,
        useSince,
        useSince ? (judge.checkpoints.at(-1)?.offsetMs ?? 0) : 0,
      ),
    );
    space.checkpointTaken();
  }
}

/** A cohort's totals over a phase, from its cumulative window. */
export function totals(
  window: EngineWindow,
  learners: number,
  exposed: number,
  isCandidate: boolean,
): CohortTotals {
  const stats = window.stats;
  return {
    learners,
    learnersExposed: exposed,
    requests: stats.requests,
    errors: stats.errors,
    revenueUsd: isCandidate ? stats.candidateRevenueUsd : stats.baselineRevenueUsd,
    learnerHours: isCandidate ? stats.candidateLearnerHours : stats.baselineLearnerHours,
  };
}

/** What of a phase's result depends on how it ran; the rest comes from its setup and workspace. */
export type PhaseOutcomeFields = Pick<
  PhaseResult,
  'ranMs' | 'status' | 'checkpoints' | 'guardTrips' | 'decision'
>;

/**
 * A phase's result in the order results files write it: its setup, how it ran, both cohorts' totals from
 * their cumulative windows, and the controller's measurements when there are any.
 */
export function phaseResult(
  setup: EngineSetup,
  space: RehearsalWorkspace,
  phase: PhaseSetup,
  phaseStartMs: number,
  ran: PhaseOutcomeFields,
  measurements?: PhaseResult['measurements'],
): PhaseResult {
  const candidate = space.candidate.phase;
  const baseline = space.baseline.phase;
  const result: PhaseResult = {
    name: phase.name,
    traffic: phase.traffic,
    learners: candidate.learnersTotal,
    plannedDurationMs: phase.durationMs,
    ranMs: ran.ranMs,
    startOffsetMs: phaseStartMs - setup.startMs,
    startedAt: space.times.at(phaseStartMs, 0),
    status: ran.status,
    checkpoints: ran.checkpoints,
    guardTrips: ran.guardTrips,
    decision: ran.decision,
    candidate: totals(space.cumulative, candidate.learnersTotal, candidate.exposedLearners, true),
    baseline: totals(space.baselineCumulative, baseline.learnersTotal, baseline.exposedLearners, false),
  };
  if (measurements !== undefined) result.measurements = measurements;
  return result;
}

/**
 * Step: the phase's result once its intervals are done (`ranToMs` into it): a rollback or halt as the judge
 * took it, or a pass taking effect at the phase's end, approved or not; what is left of the spans drawn.
 */
function endPhase(run: PhaseRun, ranToMs: number, approve: boolean): PhaseEnd {
  const { setup, space, phase, phaseStartMs, judge } = run;
  let stop: PhaseEnd['stop'] = null;
  let decision = judge.stop;
  if (decision !== null) {
    const status = decision.action === 'rollback' ? 'rolled-back' : 'halted';
    stop = { status, cause: judge.cause, reason: decision.reason };
  } else if (judge.passed !== null) {
    const passed = judge.passed;
    let reason = passed.reason;
    if (passed.action === 'await-approval') {
      reason = approve
        ? `${passed.reason}; approved (the rehearsal assumes approval)`
        : `${passed.reason}; approval withheld, so the rollout stops here`;
      if (!approve) stop = { status: 'halted', cause: null, reason };
    }
    decision = { action: passed.action, atMs: ranToMs, reason };
  }
  const ranMs = decision?.atMs ?? ranToMs;
  if ((judge.checkpoints.at(-1)?.offsetMs ?? 0) < ranToMs) space.closeSpans();
  space.endPhase();
  // Written out, not spread: a spread copies through a slow generic path, and this runs once a phase.
  const phaseDecision: PhaseDecision | null =
    decision === null
      ? null
      : {
          action: decision.action,
          atMs: decision.atMs,
          reason: decision.reason,
          at: space.times.at(phaseStartMs, decision.atMs),
        };
  return {
    result: phaseResult(setup, space, phase, phaseStartMs, {
      ranMs,
      status: stop === null ? 'passed' : stop.status,
      checkpoints: judge.checkpoints,
      guardTrips: judge.guardTrips.map((trip) => ({
        index: trip.index,
        metric: trip.metric,
        op: trip.op,
        threshold: trip.threshold,
        observed: trip.observed,
        offsetMs: trip.offsetMs,
        reason: trip.reason,
        at: space.times.at(phaseStartMs, trip.offsetMs),
      })),
      decision: phaseDecision,
    }),
    stop,
  };
}

function gridCuts(run: PhaseRun): GridCuts {
  const judge = run.judge;
  return {
    checkpoints: run.phase.checkpoints,
    next: judge.checkpoints.length,
    judging: judge.passed === null,
  };
}

/** The end of the next aggregate piece of a quiet or trip span [fromMs, endMs): see {@link quietPieceEndMs}. */
function pieceEndMs(run: PhaseRun, fromMs: number, endMs: number): number {
  const { setup } = run;
  return quietPieceEndMs(
    fromMs,
    endMs,
    setup.intervalMs,
    gridCuts(run),
    run.phaseStartMs,
    setup.diurnal !== null,
  );
}

/** Whether the trailing window holds none of what a guard counts (errors, slow requests). */
function trailingQuiet(run: PhaseRun, quiet: QuietPhase): boolean {
  const stats = run.space.trailing.window.stats;
  for (const guard of quiet.guards) {
    const hits = guard.hits;
    if (hits.kind === 'errors' && stats.errors > 0) return false;
    if (hits.kind === 'slow') {
      const counts = stats.latencyCounts;
      for (let k = hits.firstBucket; k < counts.length; k++) if (counts[k]! > 0) return false;
    }
  }
  return true;
}

/**
 * Where a quiet span starting at `startMs` may end (`startMs` when none may start): the candidate up, no
 * guard's streak running, the last w − 1 intervals up and without a hit, so every skipped check's window
 * sees only nominal draws. It runs to the phase's end, or to the last interval end that leaves
 * `tailIntervals` whole intervals before the next outage, simulated one by one.
 */
function quietSpanEndMs(run: PhaseRun, quiet: QuietPhase, startMs: number): number {
  const { setup, space, phase } = run;
  const w = setup.guardWindowIntervals;
  if (run.unjudged > 0 || run.upIntervals < w - 1) return startMs;
  for (let g = 0; g < run.streaks.length; g++) if (run.streaks[g] !== 0) return startMs;
  const availability = space.candidate.phase.availability!;
  if (!availability.up) return startMs;
  if (w > 1 && !trailingQuiet(run, quiet)) return startMs;
  const outageMs = startMs + availability.remainingMs;
  if (outageMs > phase.durationMs) return phase.durationMs;
  const limitMs = outageMs - (quiet.tailIntervals + 1) * setup.intervalMs;
  if (limitMs <= startMs) return startMs;
  return gridFloorMs(startMs, limitMs, setup.intervalMs, gridCuts(run));
}

/**
 * Step: a quiet span [startMs, endMs) drawn as a few aggregates (split at checkpoints, which are judged,
 * and at UTC hours under a diurnal profile) instead of interval by interval, its guard checks taken as
 * not holding (docs/model.md, "Quiet spans"), its histogram drawn when a checkpoint closes the span; the
 * next w − 1 checks go unjudged. Returns where it stopped.
 */
function simulateQuietSpan(run: PhaseRun, sampler: PooledSampler, startMs: number, endMs: number): number {
  const { setup, space, judge } = run;
  let fromMs = startMs;
  while (fromMs < endMs && judge.stop === null) {
    const toMs = pieceEndMs(run, fromMs, endMs);
    sampler.simulateQuietPiece(fromMs, toMs - fromMs, space.beginPiece(false));
    baselineAndWindows(space, fromMs, toMs - fromMs);
    fromMs = toMs;
    judgeCheckpointsDue(run, toMs);
  }
  space.trailing.clear();
  run.unjudged = setup.guardWindowIntervals - 1;
  run.upIntervals = 0;
  return fromMs;
}

/**
 * Where a trip span starting at `startMs` may end (`startMs` when none may start): the candidate up, to the
 * phase's end or to the last interval end before its next outage.
 */
function tripSpanEndMs(run: PhaseRun, startMs: number): number {
  const availability = run.space.candidate.phase.availability!;
  if (!availability.up) return startMs;
  const outageMs = startMs + availability.remainingMs;
  if (outageMs >= run.phase.durationMs) return run.phase.durationMs;
  return gridFloorMs(startMs, outageMs, run.setup.intervalMs, gridCuts(run));
}

/** Step: the candidate's draw of [startMs, endMs) of a trip span (with its first hit or none), the baseline's, into the windows. */
function simulateTripPiece(
  run: PhaseRun,
  sampler: PooledSampler,
  trip: TripPhase,
  startMs: number,
  endMs: number,
  withHit: boolean,
): void {
  const { space } = run;
  // Only a piece with a hit is judged (the guards read its window); the pieces before it are not.
  sampler.simulateTripPiece(startMs, endMs - startMs, space.beginPiece(withHit), trip, withHit);
  baselineAndWindows(space, startMs, endMs - startMs);
}

/**
 * Step: a trip span [startMs, endMs), the candidate up throughout (docs/model.md, "Trip spans"). Its first
 * interval with a hit comes where the cumulative hit hazard passes one Exp(1) draw; the intervals before it
 * are drawn as aggregates without a hit (split at checkpoints, judged, and at UTC hours), that interval with
 * at least one, and the guards judge it as any other. Returns where it stopped.
 */
function simulateTripSpan(
  run: PhaseRun,
  sampler: PooledSampler,
  trip: TripPhase,
  startMs: number,
  endMs: number,
): number {
  const { setup, space, judge } = run;
  const intervalMs = setup.intervalMs;
  space.trailing.clear();
  let clock = sampler.drawTripClock();
  let fromMs = startMs;
  while (fromMs < endMs && judge.stop === null) {
    const toMs = pieceEndMs(run, fromMs, endMs);
    const hitsPerMs = (trip.hitsPerHour * diurnalFactor(setup.diurnal, run.phaseStartMs + fromMs)) / HOUR_MS;
    const hazard = hitsPerMs * (toMs - fromMs);
    if (!(clock < hazard)) {
      clock -= hazard;
      simulateTripPiece(run, sampler, trip, fromMs, toMs, false);
      fromMs = toMs;
      judgeCheckpointsDue(run, toMs);
      continue;
    }
    // No checkpoint lies inside a piece: its intervals start at fromMs + j·intervalMs.
    const last = Math.ceil((toMs - fromMs) / intervalMs) - 1;
    const j = Math.min(last, Math.floor(clock / hitsPerMs / intervalMs));
    const hitFromMs = fromMs + j * intervalMs;
    const hitToMs = Math.min(toMs, hitFromMs + intervalMs);
    if (hitFromMs > fromMs) simulateTripPiece(run, sampler, trip, fromMs, hitFromMs, false);
    simulateTripPiece(run, sampler, trip, hitFromMs, hitToMs, true);
    judgeGuards(run, hitToMs);
    if (judge.stop === null) judgeCheckpointsDue(run, hitToMs);
    return hitToMs;
  }
  return fromMs;
}

/**
 * Rehearses one phase from `phaseStartMs` (epoch ms): interval by interval, both cohorts simulated, the
 * guards judged on the trailing window (a trip rolls back at once), the checkpoints due judged on their
 * windows (a rollback or halt ends the phase, a pass waits for its planned end); then its result. The
 * judging is the {@link PhaseJudge} a replay decides with. Unless `skipQuietSpans` is false, a trip phase's
 * stretches with the candidate up are trip spans and a quiet phase's quiet spans are aggregates.
 */
export function runPhase(
  setup: EngineSetup,
  space: RehearsalWorkspace,
  phase: PhaseSetup,
  phaseStartMs: number,
  approve: boolean,
  skipQuietSpans = true,
): PhaseEnd {
  space.startPhase(phase, phaseStartMs);
  const judge = new PhaseJudge<CheckpointResult>(phase.name, phase.rules, phase.checkpoints.length);
  const run: PhaseRun = {
    setup,
    space,
    phase,
    phaseStartMs,
    judge,
    estimates: space.estimates[phase.index]!,
    closesEveryInterval: space.candidate.closesEveryInterval,
    streaks: space.guardStreaks,
    quiet: skipQuietSpans ? (space.quiet?.phases[phase.index] ?? null) : null,
    unjudged: 0,
    upIntervals: 0,
  };
  const quiet = run.quiet;
  const trip = skipQuietSpans ? (space.quiet?.trips[phase.index] ?? null) : null;
  const tripSampler = trip !== null && space.candidate instanceof PooledSampler ? space.candidate : null;
  const quietSampler = quiet !== null && space.candidate instanceof PooledSampler ? space.candidate : null;
  let startMs = 0;
  while (startMs < phase.durationMs && judge.stop === null) {
    if (tripSampler !== null) {
      const tripEndMs = tripSpanEndMs(run, startMs);
      if (tripEndMs > startMs) {
        startMs = simulateTripSpan(run, tripSampler, trip!, startMs, tripEndMs);
        continue;
      }
    }
    if (quietSampler !== null) {
      const quietEndMs = quietSpanEndMs(run, quiet!, startMs);
      if (quietEndMs > startMs) {
        startMs = simulateQuietSpan(run, quietSampler, startMs, quietEndMs);
        continue;
      }
    }
    const endMs = nextIntervalEndMs(
      startMs,
      setup.intervalMs,
      phase.durationMs,
      phase.checkpoints,
      judge.checkpoints.length,
    );
    simulateInterval(run, startMs, endMs);
    if (quiet !== null)
      run.upIntervals = space.interval.stats.upMs === endMs - startMs ? run.upIntervals + 1 : 0;
    startMs = endMs;
    if (run.unjudged > 0) {
      space.trailing.pushFresh();
      run.unjudged--;
    } else if (setup.guards.length > 0) judgeGuards(run, endMs);
    if (judge.stop === null) judgeCheckpointsDue(run, endMs);
  }
  return endPhase(run, startMs, approve);
}
