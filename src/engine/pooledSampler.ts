import type { BucketRange, WindowStats } from '../gates/index.js';
import {
  type BucketTable,
  type BucketTables,
  type Cohort,
  drawHistogramInto,
  type EffectsSource,
} from '../model/index.js';
import {
  sampleBinomial,
  sampleExponential,
  sampleMultinomialInto,
  samplePoisson,
  sampleZeroTruncatedPoisson,
} from '../random/index.js';
import { type BucketCells, bucketCells, drawCellsInto, gateBuckets } from './bucketCells.js';
import { CohortPhase } from './cohortPhase.js';
import type { CohortSampler, CohortStreams } from './cohortSampler.js';
import type { EngineSetup, GuardNeeds, PhaseSetup } from './engineSetup.js';
import type { EngineWindow } from './engineWindow.js';
import { guardLatencyTail, type TailSplit, tailSplit } from './guardLatencyTail.js';
import type { RehearsalDetail } from './rehearsalWorkspace.js';
import { addSpanMeans, type SpanRates, setSpanRates } from './spanRates.js';
import type { TripPhase } from './tripSpans.js';

const NOTHING_PER_INTERVAL: GuardNeeds = { counts: false, latency: false, segments: false, spanDraws: false };

/**
 * The aggregate fast path, for a rehearsal no fault can touch: every segment's parameters are fixed for
 * the phase, so a span's requests are one Poisson draw for the whole cohort, split into segments, errors
 * and latency buckets by their fixed shares (see {@link CohortSampler} for why that is exact). Draws every
 * interval only what the guards read.
 */
export class PooledSampler implements CohortSampler {
  readonly phase: CohortPhase;
  private readonly needs: GuardNeeds;

  /**
   * The guards' tail bucket ({@link guardLatencyTail}), null when every interval's histogram is drawn whole.
   */
  private readonly tailBucket: number | null;
  /** This phase's constants, and each phase's, built when the phase is first entered (they are fixed). */
  private c: PhaseConstants;
  private readonly byPhase: Array<PhaseConstants | undefined> = [];
  /** One zero count per latency bucket, for {@link drawCellsInto}. */
  private readonly bucketScratch: number[];

  // Span accumulators.
  private spanExpected = 0;
  /** Expected requests of the phase's closed spans, for its exposure. */
  private phaseExpected = 0;
  private meanTotal = 0;
  private meanUp = 0;
  private countOk = 0;
  private countErrorUp = 0;
  private countDown = 0;
  private unbinned = 0;
  /** Requests below the tail bucket that intervals counted in the bucket under it, their histogram not drawn yet. */
  private unbinnedBody = 0;

  private readonly scratch: Float64Array;
  /** A trip piece's non-hits per latency table, for one histogram draw per table. */
  private readonly restTables: BucketTable[] = [];
  private readonly restCounts: Float64Array;

  /** The trip phase {@link leavesRest} answered for this phase, and its answer. */
  private restTrip: TripPhase | null = null;
  private restLeft = false;

  constructor(
    setup: EngineSetup,
    cohort: Cohort,
    private readonly tables: BucketTables,
    private readonly detail: RehearsalDetail = 'full',
  ) {
    this.phase = new CohortPhase(setup, cohort);
    this.needs = cohort === 'candidate' ? setup.guardNeeds : NOTHING_PER_INTERVAL;
    const count = setup.segmentIds.length;
    this.tailBucket = cohort === 'candidate' ? guardLatencyTail(setup) : null;
    this.c = emptyConstants(count);
    this.scratch = new Float64Array(count);
    this.restCounts = new Float64Array(count);
    this.bucketScratch = new Array<number>(setup.latencyBoundsMs.length + 1).fill(0);
  }

  get closesEveryInterval(): boolean {
    return this.phase.cohort === 'candidate' && this.needs.spanDraws;
  }

  beginRehearsal(effects: EffectsSource): void {
    this.phase.begin(effects);
  }

  startPhase(phase: PhaseSetup, phaseStartMs: number, streams: CohortStreams): void {
    this.phase.start(phase, phaseStartMs, streams);
    let constants = this.byPhase[phase.index];
    if (constants === undefined) {
      constants = phaseConstants(this.phase, phase, this.tables, this.tailBucket, this.detail);
      this.byPhase[phase.index] = constants;
    }
    this.c = constants;
    this.restTrip = null;
    this.clearSpan();
    this.phaseExpected = 0;
  }

  /**
   * New learners reached over the phase: thinning span after span, Binomial(unreached, 1 − e^{−m₁}) then
   * Binomial(rest, 1 − e^{−m₂}), reaches each learner with 1 − e^{−(m₁ + m₂)}, so one draw over the phase's
   * summed means is exact; nothing reads who was reached before the phase's end.
   */
  endPhase(): void {
    if (this.phaseExpected > 0) this.expose(this.phaseExpected);
    this.phaseExpected = 0;
  }

  simulateInterval(offsetMs: number, durationMs: number, now: EngineWindow): void {
    this.simulatePiece(offsetMs, durationMs, now, this.needs.latency);
  }

  /**
   * A piece of a quiet span [offsetMs, offsetMs + durationMs), as {@link simulateInterval} but with its
   * histogram left for {@link closeSpan}: no guard is judged inside a quiet span and its trailing window is
   * cleared after it, so only the checkpoint windows read the piece's latencies, and those only once the
   * span is closed. The latency tables are fixed for the phase, so the histogram of the summed requests is
   * the sum of the pieces' histograms in distribution.
   */
  simulateQuietPiece(offsetMs: number, durationMs: number, now: EngineWindow): void {
    this.simulatePiece(offsetMs, durationMs, now, false);
  }

  private simulatePiece(offsetMs: number, durationMs: number, now: EngineWindow, latency: boolean): void {
    const phase = this.phase;
    phase.advance(offsetMs, durationMs, now);
    const hours = phase.hours;
    const expected = this.c.totalWeight * phase.requestFactor;
    this.spanExpected += expected;
    addSpanMeans(phase, this.c.rates, hours);
    if (!this.needs.counts || expected <= 0) {
      this.meanTotal += expected;
      this.meanUp += expected * phase.upShare;
      return;
    }
    this.drawCounts(expected, expected * phase.upShare, now, this.needs.segments, latency);
  }

  /**
   * Exp(1): the cumulative hit hazard at which a trip span's first hit comes (its intervals' no-hit
   * chances are exp(−hazard), so the first interval whose hazard passes it is the first with a hit).
   */
  drawTripClock(): number {
    return sampleExponential(this.phase.streams!.requests, 1);
  }

  /**
   * The candidate over [offsetMs, offsetMs + durationMs) of a trip span (up throughout, one UTC hour's
   * traffic), drawn into `now` conditioned on its windows: without a hit, or (`withHit`) with at least one.
   * The non-hits are Poisson(Σ w_s(1 − h_s)) split over segments, served, with latencies from each segment's
   * body; the hits, zero-truncated Poisson(Σ w_s·h_s), each an error with P(e_s / h_s) (latency from the
   * whole mixture) or else slow (latency from the tail). Revenue, churn and exposure accumulate as always.
   */
  simulateTripPiece(
    offsetMs: number,
    durationMs: number,
    now: EngineWindow,
    trip: TripPhase,
    withHit: boolean,
  ): void {
    const phase = this.phase;
    phase.advance(offsetMs, durationMs, now);
    const factor = phase.requestFactor;
    this.spanExpected += this.c.totalWeight * factor;
    addSpanMeans(phase, this.c.rates, phase.hours);
    this.drawRest(trip, trip.restPerHour * factor, now);
    if (withHit) this.drawHits(trip, trip.hitsPerHour * factor, now);
  }

  private drawRest(trip: TripPhase, mean: number, into: EngineWindow): void {
    if (!(mean > 0)) return;
    const streams = this.phase.streams!;
    const requests = samplePoisson(streams.requests, mean);
    if (requests === 0) return;
    const stats = into.stats;
    stats.requests += requests;
    stats.integrityChecks += requests;
    if (this.leavesRest(trip)) {
      // One latency table: the histogram waits for the span's close, the segments drawn only where read.
      if (this.c.groupSplits.length === 0) this.unbinned += requests;
      else {
        this.parkBody(requests, stats.latencyCounts, into.latencyBuckets);
        this.unbinnedBody += requests;
      }
      if (this.c.splitsSegments) {
        const perSegment = sampleMultinomialInto(streams.segments, requests, trip.restShare, this.scratch);
        for (let s = 0; s < this.phase.segmentCount; s++) stats.segments[s]!.requests += perSegment[s]!;
      }
      return;
    }
    const count = this.phase.segmentCount;
    const perSegment = sampleMultinomialInto(streams.requests, requests, trip.restShare, this.scratch);
    const tables = this.restTables;
    tables.length = 0;
    for (let s = 0; s < count; s++) {
      const n = perSegment[s]!;
      if (n === 0) continue;
      stats.segments[s]!.requests += n;
      const table = trip.bodyTable[s]!;
      let g = tables.indexOf(table);
      if (g < 0) {
        g = tables.push(table) - 1;
        this.restCounts[g] = 0;
      }
      this.restCounts[g] = this.restCounts[g]! + n;
    }
    for (let g = 0; g < tables.length; g++) {
      drawHistogramInto(
        streams.latency,
        this.restCounts[g]!,
        tables[g]!,
        stats.latencyCounts,
        into.latencyBuckets,
      );
    }
  }

  /**
   * Whether a trip piece's non-hits may leave their histogram to {@link closeSpan}, as a quiet piece's
   * requests do: when every segment draws from one latency table, the one the span's close draws from (so
   * the segment split is not needed to pick a table, and is drawn, on its own stream, only where something
   * reads it; what is drawn otherwise does not depend on the rehearsal's detail). Their latencies come from that table's
   * body below the trip's hit bucket, which is the guards' tail bucket (both are the first bucket above the
   * one latency guard's threshold), or from the whole table when no latency guard watches. The guards
   * judge a trip window on its total and its tail alone ({@link guardLatencyTail}), so its non-hits may
   * wait below the tail; the checkpoint windows get them, drawn at once, when the span closes.
   */
  private leavesRest(trip: TripPhase): boolean {
    if (this.restTrip !== trip) {
      this.restTrip = trip;
      const table = this.c.groupTables[0];
      const one = this.c.groupTables.length === 1 && trip.fullTable.every((each) => each === table);
      const tail = this.tailBucket ?? this.phase.setup.latencyBoundsMs.length + 1;
      const split =
        this.c.groupSplits.length === 1 || (this.c.groupSplits.length === 0 && this.tailBucket === null);
      this.restLeft = one && split && trip.firstBucket === tail;
    }
    return this.restLeft;
  }

  private drawHits(trip: TripPhase, mean: number, into: EngineWindow): void {
    const streams = this.phase.streams!;
    const hits = sampleZeroTruncatedPoisson(streams.requests, mean);
    const stats = into.stats;
    const touched = into.latencyBuckets;
    const count = this.phase.segmentCount;
    for (let i = 0; i < hits; i++) {
      let u = streams.requests.next();
      let s = 0;
      while (s < count - 1 && u >= trip.hitShare[s]!) u -= trip.hitShare[s++]!;
      const error = streams.errors.next() < trip.errorGivenHit[s]!;
      const probabilities = (error ? trip.fullTable[s]! : trip.tailTable[s]!).probabilities;
      let v = streams.latency.next();
      let k = 0;
      while (k < probabilities.length - 1 && v >= probabilities[k]!) v -= probabilities[k++]!;
      while (probabilities[k] === 0 && k > 0) k--;
      stats.requests++;
      stats.latencyCounts[k]!++;
      if (k < touched.low) touched.low = k;
      if (k > touched.high) touched.high = k;
      const segment = stats.segments[s]!;
      segment.requests++;
      if (error) {
        stats.errors++;
        segment.errors++;
      } else stats.integrityChecks++;
    }
  }

  closeSpan(span: EngineWindow): void {
    if (this.meanTotal > 0) this.drawCounts(this.meanTotal, this.meanUp, span, false, false);
    if (this.c.splitsSegments && this.countOk + this.countErrorUp + this.countDown > 0) {
      this.splitIntoSegments(this.countOk, this.countErrorUp, this.countDown, span.stats);
    }
    // Where the guards read a tail, a quiet span's requests join the intervals' body: one draw below it.
    if (this.unbinned > 0 && this.c.groupSplits.length > 0) this.binTail(this.unbinned, span);
    else if (this.unbinned > 0) this.bin(this.unbinned, span);
    if (this.unbinnedBody > 0) this.binBody(this.unbinnedBody, span);
    this.phaseExpected += this.spanExpected;
    this.phase.closeSpan(span);
    this.clearSpan();
  }

  private clearSpan(): void {
    this.spanExpected = 0;
    this.meanTotal = 0;
    this.meanUp = 0;
    this.countOk = 0;
    this.countErrorUp = 0;
    this.countDown = 0;
    this.unbinned = 0;
    this.unbinnedBody = 0;
  }

  /**
   * Requests ~ Poisson(mean); those that met a down deployment ~ Binomial(requests, 1 − meanUp / mean);
   * errors among the rest ~ Binomial(up, the cohort's mean error rate), exact because each request's
   * segment is drawn independently in proportion to the segments' rates. Segments and histogram now, or
   * later at the span's close.
   */
  private drawCounts(
    mean: number,
    meanUp: number,
    into: EngineWindow,
    segments: boolean,
    latency: boolean,
  ): void {
    const streams = this.phase.streams!;
    const requests = samplePoisson(streams.requests, mean);
    const down = meanUp < mean ? sampleBinomial(streams.availability, requests, 1 - meanUp / mean) : 0;
    const errorsUp = sampleBinomial(streams.errors, requests - down, this.c.meanErrorRate);
    const stats = into.stats;
    stats.requests += requests;
    stats.errors += down + errorsUp;
    stats.integrityChecks += requests - down - errorsUp;
    if (segments) {
      this.splitIntoSegments(requests - down - errorsUp, errorsUp, down, stats);
    } else {
      this.countOk += requests - down - errorsUp;
      this.countErrorUp += errorsUp;
      this.countDown += down;
    }
    if (!latency) this.unbinned += requests;
    else if (this.c.groupSplits.length > 0) this.binTail(requests, into);
    else this.bin(requests, into);
  }

  /** Spreads served, failed and refused requests over the segments in proportion to their rates. */
  private splitIntoSegments(ok: number, errorsUp: number, down: number, stats: WindowStats): void {
    const rng = this.phase.streams!.segments;
    const scratch = this.scratch;
    const segments = stats.segments;
    const count = this.phase.segmentCount;
    if (ok > 0) {
      sampleMultinomialInto(rng, ok, this.c.okShare, scratch);
      for (let s = 0; s < count; s++) segments[s]!.requests += scratch[s]!;
    }
    if (errorsUp > 0) {
      sampleMultinomialInto(rng, errorsUp, this.c.errorShare, scratch);
      for (let s = 0; s < count; s++) {
        segments[s]!.requests += scratch[s]!;
        segments[s]!.errors += scratch[s]!;
      }
    }
    if (down > 0) {
      sampleMultinomialInto(rng, down, this.c.downShare, scratch);
      for (let s = 0; s < count; s++) {
        segments[s]!.requests += scratch[s]!;
        segments[s]!.errors += scratch[s]!;
      }
    }
  }

  /** Counts `requests` into the histogram: one multinomial per group of segments sharing a latency mixture. */
  private bin(requests: number, into: EngineWindow): void {
    const streams = this.phase.streams!;
    const counts = into.stats.latencyCounts;
    const touched = into.latencyBuckets;
    const tables = this.c.groupTables;
    if (tables.length === 1) {
      drawHistogramInto(streams.latency, requests, tables[0]!, counts, touched);
      return;
    }
    const perGroup = sampleMultinomialInto(streams.requests, requests, this.c.groupShare, this.scratch);
    for (let g = 0; g < tables.length; g++) {
      drawHistogramInto(streams.latency, perGroup[g]!, tables[g]!, counts, touched);
    }
  }

  /**
   * Counts `requests` into the histogram as the guards read it: those in the tail (from the guards' tail
   * bucket on) ~ Binomial(requests, P(tail)), drawn bucket by bucket; the rest counted in the bucket under
   * the tail, their buckets drawn by {@link binBody} when the span closes. Given how many fall below the
   * tail, where each lies is independent of the tail's draw, so drawing the span's body at once is exact.
   */
  private binTail(requests: number, into: EngineWindow): void {
    const streams = this.phase.streams!;
    const counts = into.stats.latencyCounts;
    const touched = into.latencyBuckets;
    const slow = this.c.slowShare > 0 ? sampleBinomial(streams.latency, requests, this.c.slowShare) : 0;
    if (slow > 0) this.drawSplit(slow, true, counts, touched);
    const body = requests - slow;
    if (body === 0) return;
    this.parkBody(body, counts, touched);
    this.unbinnedBody += body;
  }

  /**
   * The histogram of `body` requests below the tail, into `span`, less the `body` the intervals counted
   * under the tail: the windows that took those intervals and take the span come out exact.
   */
  private binBody(body: number, span: EngineWindow): void {
    const counts = span.stats.latencyCounts;
    const touched = span.latencyBuckets;
    this.drawSplit(body, false, counts, touched);
    this.parkBody(-body, counts, touched);
  }

  /**
   * `n` requests drawn into the histogram from each group's tail table (`tail`) or body table, the groups
   * by their shares of tail or body requests (one group: all of them).
   */
  private drawSplit(n: number, tail: boolean, counts: number[], touched: BucketRange): void {
    const streams = this.phase.streams!;
    const splits = this.c.groupSplits;
    if (splits.length === 1) {
      this.drawGroup(0, n, tail, counts, touched);
      return;
    }
    const shares = tail ? this.c.groupSlowShare : this.c.groupBodyShare;
    const perGroup = sampleMultinomialInto(streams.requests, n, shares, this.scratch);
    for (let g = 0; g < splits.length; g++) this.drawGroup(g, perGroup[g]!, tail, counts, touched);
  }

  /**
   * `n` requests of group `g` into the histogram, from its tail table or its body: the body by the cells of
   * the buckets the phase's gates read, placed within each cell only in full detail ({@link drawCellsInto}).
   */
  private drawGroup(g: number, n: number, tail: boolean, counts: number[], touched: BucketRange): void {
    const streams = this.phase.streams!;
    const split = this.c.groupSplits[g]!;
    const cells = tail ? null : this.c.groupCells[g]!;
    if (cells === null) {
      drawHistogramInto(streams.latency, n, tail ? split.tail! : split.body, counts, touched);
      return;
    }
    const detail = this.detail === 'full' ? streams.latencyDetail : null;
    drawCellsInto(streams.latency, detail, n, cells, counts, touched, this.bucketScratch);
  }

  /** Adds `requests` (negative: takes them back) to the bucket under the guards' tail, where intervals park their body. */
  private parkBody(requests: number, counts: number[], touched: BucketRange): void {
    const under = this.tailBucket! - 1;
    counts[under] = counts[under]! + requests;
    if (under < touched.low) touched.low = under;
    if (under > touched.high) touched.high = under;
  }

  /** New learners reached over `expected` requests, per segment, by thinning (each learner's requests are Poisson). */
  private expose(expected: number): void {
    const phase = this.phase;
    const rng = phase.streams!.exposure;
    for (let s = 0; s < phase.segmentCount; s++) {
      phase.exposeSegment(s, rng, (expected * this.c.downShare[s]!) / phase.learners[s]!);
    }
  }
}

/** What a pooled cohort draws by in one phase: fixed for the phase, as no fault acts on the pooled path. */
interface PhaseConstants {
  /** Requests per hour of each segment (learners × rate), and their sum. */
  weight: Float64Array;
  totalWeight: number;
  meanErrorRate: number;
  /** Split probabilities of served, failed-while-up and refused-while-down requests over segments. */
  okShare: Float64Array;
  errorShare: Float64Array;
  downShare: Float64Array;
  /** Segments sharing a mixture share its (cached) table, so the tables group the segments. */
  groupTables: BucketTable[];
  groupShare: Float64Array;
  /** The split per group at the guards' tail bucket, empty when the phase draws whole histograms. */
  groupSplits: TailSplit[];
  /** P(tail) of a request, and the split probabilities over the groups of a tail and of a body request. */
  slowShare: number;
  groupSlowShare: Float64Array;
  groupBodyShare: Float64Array;
  /**
   * Each group's body merged into cells at the buckets the phase's gates read ({@link gateBuckets}), null
   * for a group whose body needs no merging.
   */
  groupCells: Array<BucketCells | null>;
  rates: SpanRates;
  /**
   * Whether the phase's spans are split over segments: always when every metric is recorded, else only
   * where a gate reads them (segmentVariance); per interval when a guard does. The split has its own
   * stream, so leaving it out moves no other draw.
   */
  splitsSegments: boolean;
}

function emptyConstants(count: number): PhaseConstants {
  return {
    weight: new Float64Array(count),
    totalWeight: 0,
    meanErrorRate: 0,
    okShare: new Float64Array(count),
    errorShare: new Float64Array(count),
    downShare: new Float64Array(count),
    groupTables: [],
    groupShare: new Float64Array(count),
    groupSplits: [],
    slowShare: 0,
    groupSlowShare: new Float64Array(count),
    groupBodyShare: new Float64Array(count),
    groupCells: [],
    rates: { purchasesPerHour: 0, churnPerHour: 0, completionsPerHour: 0 },
    splitsSegments: true,
  };
}

/** The constants of the phase `cohort` has just started (its learners set). */
function phaseConstants(
  cohort: CohortPhase,
  phase: PhaseSetup,
  tables: BucketTables,
  tailBucket: number | null,
  detail: RehearsalDetail,
): PhaseConstants {
  const { setup, params, learners, segmentCount } = cohort;
  const c = emptyConstants(segmentCount);
  c.splitsSegments = detail === 'full' || phase.gates.some((gate) => gate.metric === 'segmentVariance');
  let total = 0;
  let errors = 0;
  let ok = 0;
  for (let s = 0; s < segmentCount; s++) {
    const weight = learners[s]! * setup.requestsPerLearnerHour[s]!;
    const errorRate = params.errorRate[s]!;
    c.weight[s] = weight;
    total += weight;
    errors += weight * errorRate;
    ok += weight * (1 - errorRate);
  }
  c.totalWeight = total;
  c.meanErrorRate = total > 0 ? errors / total : 0;
  for (let s = 0; s < segmentCount; s++) {
    const weight = c.weight[s]!;
    c.okShare[s] = ok > 0 ? (weight * (1 - params.errorRate[s]!)) / ok : 0;
    c.errorShare[s] = errors > 0 ? (weight * params.errorRate[s]!) / errors : 0;
    c.downShare[s] = total > 0 ? weight / total : 0;
  }
  setSpanRates(c.rates, cohort);
  for (let s = 0; s < segmentCount; s++) {
    const table = tables.of(params.latency[s]!, setup.latencyBoundsMs);
    let g = c.groupTables.indexOf(table);
    if (g < 0) g = c.groupTables.push(table) - 1;
    c.groupShare[g] = c.groupShare[g]! + (total > 0 ? c.weight[s]! / total : 0);
  }
  setGroupSplits(c, tailBucket);
  if (c.groupSplits.length > 0) {
    const cuts = gateBuckets(phase, setup.latencyBoundsMs);
    for (const split of c.groupSplits) c.groupCells.push(bucketCells(split.body, cuts));
  }
  return c;
}

/** Each group's split at the guards' tail bucket, and the shares a tail and a body request pick a group by. */
function setGroupSplits(c: PhaseConstants, first: number | null): void {
  if (first === null) return;
  const tables = c.groupTables;
  const splits: TailSplit[] = [];
  let slow = 0;
  for (let g = 0; g < tables.length; g++) {
    const split = tailSplit(tables[g]!, first);
    if (split === null) return;
    splits.push(split);
    slow += c.groupShare[g]! * split.slow;
  }
  if (!(slow < 1)) return;
  c.groupSplits = splits;
  c.slowShare = slow;
  for (let g = 0; g < tables.length; g++) {
    const share = c.groupShare[g]!;
    const split = splits[g]!;
    c.groupSlowShare[g] = slow > 0 ? (share * split.slow) / slow : 0;
    c.groupBodyShare[g] = (share * (1 - split.slow)) / (1 - slow);
  }
}
