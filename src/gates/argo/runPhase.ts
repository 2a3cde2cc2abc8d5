import { type AnalysisPhase, isCompleted, isWorse } from './analysisPhase.js';

/** A metric's phase in a run, and whether it runs in dry-run mode (its result never decides the run). */
export interface RunMetric {
  name: string;
  phase: AnalysisPhase;
  dryRun?: boolean;
  /** Why the metric has its phase, quoted in the run's reason when it decides the run. */
  reason?: string;
}

/** The run's phase, the metric that decided it (null when none did) and why. */
export interface RunAssessment {
  phase: AnalysisPhase;
  decidingMetric: string | null;
  reason: string;
}

/**
 * An AnalysisRun's phase from its metrics' phases, as `assessRunStatus` decides it
 * (analysis/analysis.go): the worst completed non-dry-run metric in the order of `ANALYSIS_PHASES`
 * (Successful < Inconclusive < Error < Failed), once every metric is complete; Running before that.
 * A run is terminating when it was asked to stop (`terminate`, as when a rollout finishes its steps and
 * stops its background analysis) or when a non-dry-run metric completed Failed, Error or Inconclusive:
 * then the worst completed metric decides at once, and a run with none completed is Successful.
 * (The controller reaches that phase one reconcile later, after stopping the other metrics.)
 * Dry-run metrics are measured and reported but never make the run worse than Successful.
 *
 * @example runPhase([{ name: 'latency', phase: 'Successful' }, { name: 'errors', phase: 'Failed' }]).phase // 'Failed'
 */
export function runPhase(metrics: readonly RunMetric[], terminate = false): RunAssessment {
  let worst: RunMetric | null = null;
  let anyDryRunCompleted = false;
  let everythingCompleted = true;
  for (const metric of metrics) {
    if (!isCompleted(metric.phase)) {
      everythingCompleted = false;
      continue;
    }
    if (metric.dryRun) anyDryRunCompleted = true;
    else if (worst === null || isWorse(worst.phase, metric.phase)) worst = metric;
  }
  const terminating =
    terminate || metrics.some((m) => !m.dryRun && ['Failed', 'Error', 'Inconclusive'].includes(m.phase));
  const decided = (metric: RunMetric): RunAssessment => ({
    phase: metric.phase,
    decidingMetric: metric.name,
    reason: `metric "${metric.name}" assessed ${metric.phase}${metric.reason ? ` due to ${metric.reason}` : ''}`,
  });
  if (terminating) {
    if (worst !== null) return decided(worst);
    return {
      phase: 'Successful',
      decidingMetric: null,
      reason: 'run terminated before any metric completed',
    };
  }
  if (!everythingCompleted) {
    const waiting = metrics.filter((m) => !isCompleted(m.phase)).map((m) => m.name);
    return { phase: 'Running', decidingMetric: null, reason: `waiting for ${waiting.join(', ')}` };
  }
  if (worst !== null) return decided(worst);
  if (anyDryRunCompleted) {
    return { phase: 'Successful', decidingMetric: null, reason: 'only dry-run metrics, which never decide' };
  }
  return { phase: 'Running', decidingMetric: null, reason: 'no metric has a result yet' };
}
