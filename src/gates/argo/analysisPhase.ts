/**
 * The phase of an Argo Rollouts measurement, metric or AnalysisRun, spelled as the controller spells it
 * (`v1alpha1.AnalysisPhase`). The four completed phases are final; `Pending` and `Running` are not.
 */
export type AnalysisPhase = 'Pending' | 'Running' | 'Successful' | 'Inconclusive' | 'Error' | 'Failed';

/**
 * Every phase from best to worst, the order of `analysisStatusOrder` in the controller's
 * utils/analysis/helpers.go: Successful < Running < Pending < Inconclusive < Error < Failed.
 */
export const ANALYSIS_PHASES = [
  'Successful',
  'Running',
  'Pending',
  'Inconclusive',
  'Error',
  'Failed',
] as const satisfies readonly AnalysisPhase[];

/** A measurement's phase once it has a result (a measurement is never Pending). */
export type MeasurementPhase = Exclude<AnalysisPhase, 'Pending'>;

/** Whether a phase is final (`AnalysisPhase.Completed()`): Successful, Inconclusive, Error or Failed. */
export function isCompleted(phase: AnalysisPhase): boolean {
  return phase === 'Successful' || phase === 'Inconclusive' || phase === 'Error' || phase === 'Failed';
}

/**
 * Whether `next` is a worse phase than `current` in {@link ANALYSIS_PHASES} (`IsWorse`).
 *
 * @example isWorse('Inconclusive', 'Error') // true
 * @example isWorse('Failed', 'Error') // false
 */
export function isWorse(current: AnalysisPhase, next: AnalysisPhase): boolean {
  return ANALYSIS_PHASES.indexOf(next) > ANALYSIS_PHASES.indexOf(current);
}
