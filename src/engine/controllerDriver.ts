import type { ControllerCause, ControllerMeasurement } from './rehearsal.js';

/** What a controller decides after an interval of its phase. */
export type ControllerStep =
  | { kind: 'continue' }
  /** The phase's steps are done (Argo) or the canary moved on (Flagger): the next phase starts now. */
  | { kind: 'advance'; reason: string }
  | {
      kind: 'stop';
      status: 'rolled-back' | 'halted';
      /** Null for a manual gate left closed (approval withheld). */
      cause: ControllerCause | null;
      reason: string;
    };

/**
 * A controller's decisions over one rehearsal, phase after phase: the engine simulates the traffic an
 * interval at a time and hands the driver each interval's end; the driver measures what is due, decides
 * with the gates library (`argo`, `flagger`) and says whether the phase goes on, moves on or stops.
 */
export interface ControllerDriver {
  /** Starts phase `phaseIndex` at `rolloutOffsetMs` (ms from the rollout's start). */
  startPhase(phaseIndex: number, rolloutOffsetMs: number): ControllerStep;
  /** The interval ending `phaseOffsetMs` into the phase has been simulated and pushed into the windows. */
  afterInterval(phaseOffsetMs: number): ControllerStep;
  /** The measurements taken in the current phase so far. */
  readonly measurements: ControllerMeasurement[];
}
