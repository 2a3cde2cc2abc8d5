import {
  checkpointVerdict,
  computeMetric,
  evaluateGate,
  METRIC_NAMES,
  type MetricName,
  type WindowStats,
} from '../gates/index.js';
import type { CheckpointSetup, PhaseSetup } from './engineSetup.js';
import type { CheckpointResult, MetricValues } from './rehearsal.js';

/** Every metric's value over a window (null where the window gives none). */
export function metricValues(stats: WindowStats): MetricValues {
  const values = {} as MetricValues;
  for (const metric of METRIC_NAMES) values[metric as MetricName] = computeMetric(metric, stats);
  return values;
}

/** The windows a checkpoint looks at, with their estimates already set. */
export interface CheckpointWindows {
  candidate: WindowStats;
  /** Null when the baseline cohort has no learners (a 100% phase). */
  baseline: WindowStats | null;
  windowFromMs: number;
  segmentIds: readonly string[];
}

/**
 * One checkpoint recorded: every gate of the phase evaluated on the candidate's window with its reason,
 * the metrics of both cohorts, and the checkpoint's verdict (the worst of its gates).
 */
export function evaluateCheckpoint(
  phase: PhaseSetup,
  checkpoint: CheckpointSetup,
  at: string,
  windows: CheckpointWindows,
): CheckpointResult {
  const context = { phase: phase.name, label: `${checkpoint.label} checkpoint` };
  const gates = phase.gates.map((gate) => evaluateGate(gate, windows.candidate, context));
  return {
    label: checkpoint.label,
    offsetMs: checkpoint.offsetMs,
    at,
    windowFromMs: windows.windowFromMs,
    windowToMs: checkpoint.offsetMs,
    metrics: metricValues(windows.candidate),
    baselineMetrics: windows.baseline === null ? null : metricValues(windows.baseline),
    gates,
    verdict: checkpointVerdict(gates),
    segments: windows.candidate.segments.map((segment, s) => ({
      id: windows.segmentIds[s]!,
      requests: segment.requests,
      errors: segment.errors,
    })),
  };
}
