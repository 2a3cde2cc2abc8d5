import {
  type BucketRange,
  checkpointVerdict,
  computeMetric,
  evaluateGateValue,
  evaluateGateVerdict,
  type METRIC_NAMES,
  type WindowStats,
} from '../gates/index.js';
import type { CheckpointSetup, PhaseSetup } from './engineSetup.js';
import type { EngineWindow } from './engineWindow.js';
import type { CheckpointResult, MetricValues } from './rehearsal.js';

/**
 * Every metric's value over a window (null where the window gives none), keyed in {@link METRIC_NAMES}
 * order (the order results files write them; a test holds it). One literal rather than twelve keys added
 * one by one, each of which could grow the object's property store.
 *
 * @param latencyBuckets optional range holding every non-zero latency count: the quantiles then read
 *   only those buckets (same values)
 */
export function metricValues(stats: WindowStats, latencyBuckets?: BucketRange): MetricValues {
  return {
    errorRate: computeMetric('errorRate', stats),
    p50LatencyMs: computeMetric('p50LatencyMs', stats, latencyBuckets),
    p95LatencyMs: computeMetric('p95LatencyMs', stats, latencyBuckets),
    p99LatencyMs: computeMetric('p99LatencyMs', stats, latencyBuckets),
    availability: computeMetric('availability', stats),
    revenueImpact: computeMetric('revenueImpact', stats),
    churnRate: computeMetric('churnRate', stats),
    completionRate: computeMetric('completionRate', stats),
    segmentVariance: computeMetric('segmentVariance', stats),
    incidents: computeMetric('incidents', stats),
    requests: computeMetric('requests', stats),
    integrityErrorRate: computeMetric('integrityErrorRate', stats),
  };
}

/** The windows a checkpoint looks at, with their estimates already set. */
export interface CheckpointWindows {
  candidate: EngineWindow;
  /** Null when the baseline cohort has no learners (a 100% phase). */
  baseline: EngineWindow | null;
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
  const candidate = windows.candidate.stats;
  const metrics = metricValues(candidate, windows.candidate.latencyBuckets);
  // Each gate judges the metric's value already computed: what evaluateGate on the window gives.
  const gates = phase.gates.map((gate) =>
    evaluateGateValue(gate, metrics[gate.metric], candidate.requests, checkpoint.gateContext),
  );
  const baseline = windows.baseline;
  return checkpointResult(
    checkpoint,
    at,
    windows,
    metrics,
    baseline === null ? null : metricValues(baseline.stats, baseline.latencyBuckets),
    gates,
    candidate.segments.map((segment, s) => ({
      id: windows.segmentIds[s]!,
      requests: segment.requests,
      errors: segment.errors,
    })),
  );
}

/** A checkpoint's result in the order results files write it, its verdict the worst of its gates'. */
function checkpointResult(
  checkpoint: CheckpointSetup,
  at: string,
  windows: CheckpointWindows,
  metrics: MetricValues,
  baselineMetrics: MetricValues | null,
  gates: CheckpointResult['gates'],
  segments: CheckpointResult['segments'],
): CheckpointResult {
  return {
    label: checkpoint.label,
    offsetMs: checkpoint.offsetMs,
    at,
    windowFromMs: windows.windowFromMs,
    windowToMs: checkpoint.offsetMs,
    metrics,
    baselineMetrics,
    gates,
    verdict: checkpointVerdict(gates),
    segments,
  };
}

/** A {@link MetricValues} with no value yet: verdicts-only checkpoints fill in their gates' metrics alone. */
function noMetricValues(): MetricValues {
  return {
    errorRate: null,
    p50LatencyMs: null,
    p95LatencyMs: null,
    p99LatencyMs: null,
    availability: null,
    revenueImpact: null,
    churnRate: null,
    completionRate: null,
    segmentVariance: null,
    incidents: null,
    requests: null,
    integrityErrorRate: null,
  };
}

/**
 * One checkpoint as a rehearsal asked for its verdicts alone records it (`detail: 'verdicts'`, the Monte
 * Carlo's tally): each gate's verdict and observed value, as {@link evaluateCheckpoint} gives them on the
 * same window, but no reasons (empty), only the gates' metrics (the others null), no baseline metrics and
 * no segments. (Such a rehearsal's windows place latencies only as finely as its gates read them: see
 * `RehearseOptions.detail`.)
 */
export function evaluateCheckpointVerdicts(
  phase: PhaseSetup,
  checkpoint: CheckpointSetup,
  at: string,
  windows: CheckpointWindows,
): CheckpointResult {
  const candidate = windows.candidate.stats;
  const latencyBuckets = windows.candidate.latencyBuckets;
  const metrics = noMetricValues();
  const gates = phase.gates.map((gate) => {
    const observed = computeMetric(gate.metric, candidate, latencyBuckets);
    metrics[gate.metric] = observed;
    return evaluateGateVerdict(gate, observed, candidate.requests);
  });
  return checkpointResult(checkpoint, at, windows, metrics, null, gates, []);
}
