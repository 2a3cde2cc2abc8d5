import { emptyTotals, notReachedPhase } from '../engine/notReachedPhase.js';
import { isoAt } from '../engine/phaseClock.js';
import type { Outcome, PhaseResult, Rehearsal } from '../engine/rehearsal.js';
import type { Plan } from '../scenario/plan.js';
import type { ReplayWarning } from './replayChecks.js';
import type { PhaseReplay } from './replayPhase.js';

/**
 * The replayed phases as a {@link Rehearsal}, in plan order: each recorded phase with its checkpoints and
 * guard trips at absolute times (the recorded ones, or the plan's schedule for offsets), later phases
 * `not-reached` once one rolls back or halts, and the outcome, named as the engine names it, except that
 * a replay whose recorded phases all passed but which has no rows for some phase is `partial`, not
 * `completed`: the data stops before it can show the rollout finishing. Warns about phases without rows
 * and rows left after a decision.
 */
export function assembleReplay(
  plan: Plan,
  replays: ReadonlyMap<string, PhaseReplay>,
  warn: (warning: ReplayWarning) => void,
): Rehearsal {
  const phases: PhaseResult[] = [];
  let clockMs = plan.startMs;
  let firstStartMs: number | null = null;
  let outcome: Outcome | null = null;
  let last: { phase: PhaseReplay; startMs: number; ranMs: number } | null = null;
  const recorded = plan.phases.map((phase) => (replays.get(phase.name)?.points ?? 0) > 0);
  for (const phase of plan.phases) {
    const replayed = replays.get(phase.name)!;
    if (outcome !== null || replayed.points === 0) {
      if (outcome !== null && replayed.points > 0) {
        const message = `${replayed.points} recorded points of ${phase.name} were not replayed: the gate logic stopped the rollout in ${outcome.phase}`;
        warn({ kind: 'rows-after-decision', line: null, phase: phase.name, message });
      } else if (outcome === null) {
        warn({
          kind: 'phase-not-recorded',
          line: null,
          phase: phase.name,
          message: `no rows for phase ${phase.name}: not replayed`,
        });
      }
      phases.push(notReachedPhase(phase, phase.learners, plan.population.learners - phase.learners));
      continue;
    }
    const decision = replayed.decision!;
    const startMs = replayed.startEpochMs ?? clockMs;
    const rolloutStartMs: number = firstStartMs ?? startMs;
    firstStartMs = rolloutStartMs;
    if (replayed.pointsAfterDecision > 0) {
      const message = `${replayed.pointsAfterDecision} recorded points of ${phase.name} after its decision at ${isoAt(startMs, decision.atMs)} were not replayed`;
      warn({ kind: 'rows-after-decision', line: null, phase: phase.name, message });
    }
    const laterRecorded = recorded.slice(phase.index + 1).some(Boolean);
    const reason =
      decision.action === 'await-approval' && laterRecorded
        ? `${decision.reason}; approved (later phases have recorded rows)`
        : decision.reason;
    const ranMs = decision.atMs;
    const { requests, errors } = replayed.totals();
    const stops = decision.action === 'rollback' || decision.action === 'halt';
    phases.push({
      name: phase.name,
      traffic: phase.traffic,
      learners: phase.learners,
      plannedDurationMs: phase.durationMs,
      ranMs,
      startOffsetMs: startMs - rolloutStartMs,
      startedAt: isoAt(startMs, 0),
      status:
        decision.action === 'rollback' ? 'rolled-back' : decision.action === 'halt' ? 'halted' : 'passed',
      checkpoints: replayed.checkpoints.map((checkpoint) => ({
        ...checkpoint,
        at: isoAt(startMs, checkpoint.offsetMs),
      })),
      guardTrips: replayed.guardTrips.map((trip) => ({ ...trip, at: isoAt(startMs, trip.offsetMs) })),
      decision: { ...decision, reason, at: isoAt(startMs, ranMs) },
      // A metrics file counts requests, not learners: who was exposed is not recorded.
      candidate: {
        ...emptyTotals(phase.learners),
        learnersExposed: null,
        requests,
        errors,
        learnerHours: (phase.learners * ranMs) / 3_600_000,
      },
      baseline: { ...emptyTotals(plan.population.learners - phase.learners), learnersExposed: null },
    });
    if (stops) {
      outcome = {
        status: decision.action === 'rollback' ? 'rolled-back' : 'halted',
        phase: phase.name,
        offsetMs: ranMs,
        at: isoAt(startMs, ranMs),
        elapsedMs: startMs + ranMs - rolloutStartMs,
        reason: decision.reason,
        cause: replayed.cause,
        learnersExposed: null,
      };
    }
    last = { phase: replayed, startMs, ranMs };
    clockMs = startMs + ranMs;
  }
  const end = last!;
  const names = phases.filter((phase) => phase.status === 'passed').map((phase) => phase.name);
  const unrecorded = plan.phases.filter((_, index) => !recorded[index]).map((phase) => phase.name);
  outcome ??= {
    status: unrecorded.length === 0 ? 'completed' : 'partial',
    phase: end.phase.plan.name,
    offsetMs: end.ranMs,
    at: isoAt(end.startMs, end.ranMs),
    elapsedMs: end.startMs + end.ranMs - (firstStartMs ?? end.startMs),
    reason:
      unrecorded.length === 0
        ? `all ${names.length} phase${names.length === 1 ? '' : 's'} passed (${names.join(' → ')})`
        : `${names.join(' → ')} passed; no rows for ${unrecorded.join(', ')}, so the replay cannot say whether the rollout completes`,
    cause: null,
    learnersExposed: null,
  };
  return {
    seed: plan.seed,
    fidelity: 'replay',
    startedAt: isoAt(firstStartMs ?? plan.startMs, 0),
    outcome,
    phases,
    faultEpisodes: [],
    warnings: [],
  };
}
