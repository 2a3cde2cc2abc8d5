import { type AvailabilityProcess, drawLatencyMs, isDownAt, type LatencyMixture } from '../model/index.js';
import type { RandomStream } from '../random/index.js';

/** HTTP status of a request: served, failed by the analyzer, or refused while the deployment was down. */
export const STATUS_OK = 200;
export const STATUS_ERROR = 500;
export const STATUS_DOWN = 503;

/**
 * One interval's requests of one cohort, in arrival order, as parallel arrays (no object per
 * request). Reused from interval to interval; it grows to the largest interval seen and no further.
 */
export interface RequestBatch {
  count: number;
  /** Arrival time, ms from the interval's start. */
  offsetMs: Float64Array;
  /** Learner id: learners are numbered 0..N−1, segment by segment (see EngineSetup.segmentFirstLearner). */
  learnerId: Int32Array;
  segment: Int32Array;
  latencyMs: Float64Array;
  status: Int32Array;
}

/** An empty batch with room for `capacity` requests. */
export function createRequestBatch(capacity = 256): RequestBatch {
  return {
    count: 0,
    offsetMs: new Float64Array(capacity),
    learnerId: new Int32Array(capacity),
    segment: new Int32Array(capacity),
    latencyMs: new Float64Array(capacity),
    status: new Int32Array(capacity),
  };
}

function grow(batch: RequestBatch): void {
  const capacity = batch.offsetMs.length * 2;
  const offsetMs = new Float64Array(capacity);
  const learnerId = new Int32Array(capacity);
  const segment = new Int32Array(capacity);
  const latencyMs = new Float64Array(capacity);
  const status = new Int32Array(capacity);
  offsetMs.set(batch.offsetMs);
  learnerId.set(batch.learnerId);
  segment.set(batch.segment);
  latencyMs.set(batch.latencyMs);
  status.set(batch.status);
  Object.assign(batch, { offsetMs, learnerId, segment, latencyMs, status });
}

/**
 * What each segment of a cohort sends in one interval: expected requests, error probability while up,
 * latency mixture, and its learners' id range. Filled in place by the engine every interval.
 */
export interface IntervalTraffic {
  /** Expected requests of each segment in the interval (Poisson mean). */
  expected: Float64Array;
  errorRate: Float64Array;
  latency: LatencyMixture[];
  firstLearner: Int32Array;
  learners: Int32Array;
  /** Scratch: running sums of `expected`. */
  cumulative: Float64Array;
}

/** Room for `segmentCount` segments. */
export function createIntervalTraffic(
  segmentCount: number,
  nominal: readonly LatencyMixture[],
): IntervalTraffic {
  return {
    expected: new Float64Array(segmentCount),
    errorRate: new Float64Array(segmentCount),
    latency: [...nominal],
    firstLearner: new Int32Array(segmentCount),
    learners: new Int32Array(segmentCount),
    cumulative: new Float64Array(segmentCount),
  };
}

/** Random streams of the request generator, one per purpose so that, e.g., error draws never shift arrivals. */
export interface RequestStreams {
  /** Arrival times, segment and learner of each request. */
  requests: RandomStream;
  latency: RandomStream;
  errors: RandomStream;
}

function segmentOf(cumulative: Float64Array, target: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (target < cumulative[mid]!) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * Every request of one cohort in one interval of `durationMs`, written into `out` in arrival order.
 * Each segment's requests are a Poisson process with constant rate `expected / durationMs`; the
 * cohort's requests are generated as the superposition of those processes (exponential gaps at the
 * total rate, each arrival assigned to a segment with probability proportional to its rate), which is
 * the same point process and comes out sorted. Each request gets a learner uniform among its
 * segment's learners, its own latency from the segment's mixture, and a status: 503 when the
 * deployment is down at its arrival (per the interval's already-advanced availability), else 500 with
 * the error probability, else 200.
 *
 * @example generateRequests(traffic, 30_000, availability, streams, batch); batch.count // e.g. 412
 */
export function generateRequests(
  traffic: IntervalTraffic,
  durationMs: number,
  availability: AvailabilityProcess,
  streams: RequestStreams,
  out: RequestBatch,
): void {
  out.count = 0;
  const { expected, cumulative } = traffic;
  let total = 0;
  for (let s = 0; s < expected.length; s++) {
    total += expected[s]!;
    cumulative[s] = total;
  }
  if (!(total > 0) || !(durationMs > 0)) return;
  const ratePerMs = total / durationMs;
  const { requests, latency, errors } = streams;
  const single = expected.length === 1;
  const anyDown = availability.downCount > 0;
  let tMs = 0;
  for (;;) {
    tMs -= Math.log(1 - requests.next()) / ratePerMs;
    if (tMs >= durationMs) break;
    const s = single ? 0 : segmentOf(cumulative, requests.next() * total);
    const learner = traffic.firstLearner[s]! + Math.floor(requests.next() * traffic.learners[s]!);
    const latencyMs = drawLatencyMs(latency, traffic.latency[s]!);
    let status = STATUS_OK;
    if (anyDown && isDownAt(availability, tMs)) status = STATUS_DOWN;
    else if (errors.next() < traffic.errorRate[s]!) status = STATUS_ERROR;
    if (out.count === out.offsetMs.length) grow(out);
    const i = out.count++;
    out.offsetMs[i] = tMs;
    out.learnerId[i] = learner;
    out.segment[i] = s;
    out.latencyMs[i] = latencyMs;
    out.status[i] = status;
  }
}
