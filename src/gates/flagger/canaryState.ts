import { TOTAL_WEIGHT } from './flaggerAnalysis.js';

/** A Canary's phase during an analysis, as Flagger names it (`CanaryPhase`). */
export type CanaryPhase =
  | 'Progressing'
  | 'WaitingPromotion'
  | 'Promoting'
  | 'Finalising'
  | 'Succeeded'
  | 'Failed';

/** What Flagger keeps in a Canary's status between checks; weights are percent of traffic. */
export interface CanaryState {
  phase: CanaryPhase;
  canaryWeight: number;
  primaryWeight: number;
  /** Failed checks so far in this analysis; a passing check never resets it. */
  failedChecks: number;
  /** Iterations done (A/B testing and Blue/Green). */
  iterations: number;
}

/** The state when Flagger has detected a new revision and scaled it up: no traffic on the canary yet. */
export function initialCanaryState(): CanaryState {
  return {
    phase: 'Progressing',
    canaryWeight: 0,
    primaryWeight: TOTAL_WEIGHT,
    failedChecks: 0,
    iterations: 0,
  };
}
