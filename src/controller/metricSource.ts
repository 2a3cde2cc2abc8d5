import { parseGoDurationMs } from '../gates/goDuration.js';
import type { MetricName } from '../gates/metrics.js';
import { type QueryVariables, recognizeQuery } from '../gates/promql/recognizeQuery.js';
import type { MetricSource } from '../scenario/controllerPlan.js';
import { formatDuration } from '../scenario/duration.js';
import { formatPath, type PathSegment } from '../scenario/problems.js';
import type { ManifestDocument } from './manifestDocuments.js';
import type { ManifestReport } from './manifestFields.js';
import { roundToIntervals } from './phaseNames.js';

/** What the scenario says about metrics the manifests cannot say themselves. */
export interface SourceOptions {
  /** Controller metric name → modelled metric, for queries that are not a recognised shape. */
  metrics: Readonly<Record<string, MetricName>>;
  /** Controller metric (or webhook) name → the chance that one measurement succeeds. */
  providers: Readonly<Record<string, { successProbability: number }>>;
  /** The scenario's monitoring interval, ms: windows are whole numbers of it. */
  intervalMs: number;
}

/** The Go duration `text` in ms (such as a metric's `interval`); `fallbackMs` when absent, not a duration or not positive. */
export function intervalOf(text: string | undefined, fallbackMs: number): number {
  if (!text) return fallbackMs;
  const parsed = parseGoDurationMs(text, '');
  return 'ms' in parsed && parsed.ms > 0 ? parsed.ms : fallbackMs;
}

/** A window rounded up to whole monitoring intervals (at least one), with a warning when it moved. */
export function windowInIntervals(
  windowMs: number,
  options: SourceOptions,
  warn: (message: string) => void,
): number {
  const rounded = roundToIntervals(windowMs, options.intervalMs);
  if (rounded !== windowMs) {
    warn(
      `approximated: the ${formatDuration(windowMs)} window is rehearsed as ${formatDuration(rounded)} (whole monitoring intervals of ${formatDuration(options.intervalMs)})`,
    );
  }
  return rounded;
}

/**
 * How one controller metric is measured: a job/web provider from `controller.providers`, an explicit
 * `controller.metrics` mapping (the modelled metric in its own unit, over `fallbackWindowMs`), or a
 * Prometheus query of a recognised shape (src/gates/promql). Anything else is a problem at `path` naming
 * the metric. Undefined after a problem.
 */
export function metricSource(
  name: string,
  query: string | null,
  variables: QueryVariables,
  fallbackWindowMs: number,
  options: SourceOptions,
  report: ManifestReport,
  document: ManifestDocument,
  path: readonly PathSegment[],
): MetricSource | undefined {
  const warn = (message: string) => report.warn(document, path, message);
  const provider = options.providers[name];
  if (provider !== undefined) return { kind: 'provider', successProbability: provider.successProbability };
  const mapped = options.metrics[name];
  if (mapped !== undefined) {
    return {
      kind: 'query',
      metric: mapped,
      scale: 1,
      complement: false,
      windowMs: windowInIntervals(fallbackWindowMs, options, warn),
      description: `${mapped} over ${formatDuration(fallbackWindowMs)} (controller.metrics)`,
    };
  }
  if (query === null) {
    report.problem(
      document,
      path,
      `a Prometheus query of a recognised shape, or controller.metrics.${name} (a modelled metric) or controller.providers.${name} ({ successProbability }) in the scenario`,
      `metric "${name}" with no query the rehearsal can model`,
    );
    return undefined;
  }
  const recognised = recognizeQuery(name, query, formatPath(path), variables);
  if (!recognised.ok) {
    report.specProblem(document, {
      ...recognised.problem,
      found: `${recognised.problem.found} (controller.metrics.${name} in the scenario)`,
    });
    return undefined;
  }
  const mapping = recognised.mapping;
  return {
    kind: 'query',
    metric: mapping.metric,
    scale: mapping.scale,
    complement: mapping.complement,
    windowMs: windowInIntervals(mapping.windowMs, options, warn),
    description: mapping.description,
  };
}
