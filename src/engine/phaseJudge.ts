import {
  type CheckpointGates,
  type Decision,
  decideCheckpoint,
  decideGuardTrip,
  decidingGate,
  type EvaluationContext,
  type GuardResult,
  type PhaseRules,
} from '../gates/index.js';
import { formatDuration } from '../scenario/duration.js';
import type { GuardTrip, StopCause } from './rehearsal.js';

/** A guard trip as judged, before its absolute time is known. */
export type JudgedGuardTrip = Omit<GuardTrip, 'at'>;

/**
 * The decisions of one phase, as a rehearsal and a replay both take them: guard trips and checkpoints are
 * handed in as they happen (each evaluated by the caller, on simulated windows or recorded points), and
 * the judge records them, decides with the gate code (`decideGuardTrip`, `decideCheckpoint`) and names
 * the gate or guard behind a rollback or halt (`decidingGate`). A rollback or halt ends the phase at
 * once (`stop`); a pass after the last checkpoint is `passed`, and each caller says when it takes effect
 * (a rehearsal at the phase's planned end, a replay at that checkpoint).
 */
export class PhaseJudge<Checkpoint extends CheckpointGates> {
  readonly checkpoints: Checkpoint[] = [];
  readonly guardTrips: JudgedGuardTrip[] = [];
  /** A rollback (the first guard to trip, or a failing gate) or a halt: the phase ends at once. */
  stop: Decision | null = null;
  /** The gate or guard behind `stop`; null while there is none. */
  cause: StopCause | null = null;
  /** Advance or await approval, decided at the last checkpoint. */
  passed: Decision | null = null;

  constructor(
    private readonly phaseName: string,
    private readonly rules: PhaseRules,
    /** The phase's planned checkpoints: the last one decides the phase. */
    private readonly checkpointCount: number,
  ) {}

  /** Where a guard judged on the window ending `offsetMs` into the phase says it was: `{ phase: 'ramp', label: '2h10m' }`. */
  guardContext(offsetMs: number): EvaluationContext {
    return { phase: this.phaseName, label: formatDuration(offsetMs) };
  }

  /**
   * Guard `index` (of the plan's guards) tripped on the window ending `offsetMs` into the phase: the trip is
   * recorded, and the first trip rolls the phase back.
   */
  guardTripped(index: number, result: GuardResult, offsetMs: number): void {
    const { metric, op, threshold, observed, reason } = result;
    this.guardTrips.push({ index, metric, op, threshold, observed, offsetMs, reason });
    if (this.stop !== null) return;
    this.stop = decideGuardTrip(result, offsetMs);
    this.cause = { kind: 'guard', index, metric, op };
  }

  /** The phase's next planned checkpoint was evaluated: recorded, and the phase decided if it can be. */
  checkpointJudged(checkpoint: Checkpoint): void {
    const checkpoints = this.checkpoints;
    checkpoints.push(checkpoint);
    const decided = decideCheckpoint(checkpoints, this.rules, checkpoints.length === this.checkpointCount);
    if (decided === null) return;
    if (decided.action === 'advance' || decided.action === 'await-approval') {
      this.passed = decided;
      return;
    }
    this.stop = decided;
    const gate = decidingGate(checkpoints, this.rules, decided.action);
    this.cause =
      gate === null ? null : { kind: 'gate', index: gate.index, metric: gate.gate.metric, op: gate.gate.op };
  }
}
