import type { AnalysisPhase } from './analysisPhase.js';

/**
 * What a Rollout does with its AnalysisRun's phase: `continue` (Successful: an inline analysis step
 * passes, a background run stops being a concern), `wait` (Pending or Running: an inline step blocks,
 * background analysis keeps measuring while the steps go on), `pause` (Inconclusive: the rollout pauses
 * until a person resumes or aborts it), `abort` (Failed or Error: traffic returns to the stable version).
 */
export type RolloutAction = 'continue' | 'wait' | 'pause' | 'abort';

/**
 * The Rollout's reaction to an analysis phase, as the rollout controller reacts (rollout/analysis.go):
 * Failed and Error abort, Inconclusive pauses.
 *
 * @example rolloutAction('Inconclusive') // 'pause'
 */
export function rolloutAction(phase: AnalysisPhase): RolloutAction {
  switch (phase) {
    case 'Successful':
      return 'continue';
    case 'Pending':
    case 'Running':
      return 'wait';
    case 'Inconclusive':
      return 'pause';
    case 'Error':
    case 'Failed':
      return 'abort';
  }
}
