import { computeMetric } from '../gates/index.js';
import { queryValue } from '../gates/promql/index.js';
import type { RandomStream } from '../random/index.js';
import type { MetricSource } from '../scenario/controllerPlan.js';
import type { EngineWindow } from './engineWindow.js';
import { TrailingWindow } from './trailingWindow.js';

/** A controller measurement's value: the query's (null when its window has none), or a provider's outcome. */
export type SourceReading =
  | { kind: 'query'; value: number | null }
  | { kind: 'provider'; succeeded: boolean };

/**
 * The trailing windows a controller's queries look at, one per window length, over the candidate's
 * intervals. Unlike the guards' window they run on across phases, as Prometheus's `[5m]` does: a query
 * just after a weight change still sees the minutes before it. Each push costs a few passes over the
 * touched latency buckets, whatever the traffic.
 */
export class ControllerWindows {
  private readonly byIntervals = new Map<number, TrailingWindow>();
  /** Whether any interval has been pushed since the last clear: before that, every query has no value. */
  private pushed = false;
  /** Whether the candidate has served a request since the last clear: from then on its series exist. */
  private served = false;

  constructor(
    sources: readonly MetricSource[],
    private readonly intervalMs: number,
    boundsMs: readonly number[],
    segmentCount: number,
  ) {
    for (const source of sources) {
      if (source.kind !== 'query') continue;
      const intervals = this.intervalsOf(source.windowMs);
      if (!this.byIntervals.has(intervals))
        this.byIntervals.set(intervals, new TrailingWindow(intervals, boundsMs, segmentCount));
    }
  }

  private intervalsOf(windowMs: number): number {
    return Math.max(1, Math.round(windowMs / this.intervalMs));
  }

  /** Empties every window (a new rehearsal). */
  clear(): void {
    for (const window of this.byIntervals.values()) window.clear();
    this.pushed = false;
    this.served = false;
  }

  /** Adds the newest interval to every window. */
  push(interval: EngineWindow): void {
    for (const window of this.byIntervals.values()) window.push(interval);
    this.pushed = true;
    if (interval.stats.requests > 0) this.served = true;
  }

  /**
   * A source read now: a query's value over its trailing window (`scale × (complement ? 1 − v : v)` of the
   * modelled metric `v`), or a provider's outcome drawn from `stream`. A window with no requests gives
   * what Prometheus gives: NaN (0/0) once the candidate has served a request, as its series then exist;
   * no value at all (null: an empty result) before it ever has.
   */
  read(source: MetricSource, stream: RandomStream): SourceReading {
    if (source.kind === 'provider')
      return { kind: 'provider', succeeded: stream.next() < source.successProbability };
    if (!this.pushed || !this.served) return { kind: 'query', value: null };
    const window = this.byIntervals.get(this.intervalsOf(source.windowMs))!.window;
    const value = computeMetric(source.metric, window.stats, window.latencyBuckets);
    return { kind: 'query', value: value === null ? Number.NaN : queryValue(source, value) };
  }
}
