import { parseGoDurationMs } from '../goDuration.js';
import type { MeasurementPhase } from './analysisPhase.js';
import { type ArgoMetric, ERROR_RETRY_INTERVAL_MS, effectiveCount } from './argoMetric.js';
import { addMeasurement, emptyTally } from './metricTally.js';

/** A completed measurement: its phase and when it finished, in ms from the run's start. */
export interface TimedMeasurement {
  phase: Exclude<MeasurementPhase, 'Running'>;
  finishedAtMs: number;
}

function durationMs(text: string | undefined): number | null {
  if (!text) return 0;
  const parsed = parseGoDurationMs(text, '');
  return 'ms' in parsed ? parsed.ms : null;
}

/**
 * When an incomplete metric takes its next measurement, in ms from the run's start, as
 * `generateMetricTasks` schedules it (analysis/analysis.go): the first after `initialDelay`; after an
 * Error, `ERROR_RETRY_INTERVAL_MS` (10 s) after it; otherwise `interval` after the last one finished.
 * Null when no further measurement is due: the effective count is reached (errors do not count), or a
 * duration does not parse (the controller skips such a metric). Measurements are taken as instantaneous.
 * The caller stops asking once `metricPhase` says the metric is complete.
 *
 * @example nextMeasurementAtMs({ name: 'sr', interval: '5m', initialDelay: '1m' }, []) // 60000
 * @example nextMeasurementAtMs({ name: 'sr', interval: '5m' }, [{ phase: 'Error', finishedAtMs: 60000 }]) // 70000
 */
export function nextMeasurementAtMs(
  metric: ArgoMetric,
  measurements: readonly TimedMeasurement[],
): number | null {
  const last = measurements.at(-1);
  if (last === undefined) return durationMs(metric.initialDelay);
  const tally = emptyTally();
  for (const measurement of measurements) addMeasurement(tally, measurement.phase);
  const count = effectiveCount(metric);
  if (count !== null && tally.count >= count) return null;
  if (last.phase === 'Error') return last.finishedAtMs + ERROR_RETRY_INTERVAL_MS;
  const interval = metric.interval ? durationMs(metric.interval) : ERROR_RETRY_INTERVAL_MS;
  return interval === null ? null : last.finishedAtMs + interval;
}
