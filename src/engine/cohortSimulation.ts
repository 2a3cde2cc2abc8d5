import type { WindowStats } from '../gates/index.js';
import {
  type AvailabilityProcess,
  advanceAvailability,
  type BucketTable,
  bucketOfLatency,
  bucketTable,
  type Cohort,
  createAvailability,
  diurnalFactor,
  drawHistogramInto,
  type EffectsSource,
  HOURS_PER_MONTH,
  type LatencyMixture,
  NO_EFFECTS,
  neutralCohortEffects,
  neutralSegmentEffects,
  restartAvailability,
  sampleNewlyExposed,
  sampleRevenueUsd,
} from '../model/index.js';
import { type RandomStream, sampleBinomial, sampleMultinomialInto, samplePoisson } from '../random/index.js';
import type { EngineSetup, GuardNeeds, PhaseSetup } from './engineSetup.js';
import type { EngineWindow } from './engineWindow.js';
import type { Fidelity } from './rehearsal.js';
import {
  createIntervalTraffic,
  createRequestBatch,
  generateRequests,
  type IntervalTraffic,
  type RequestBatch,
  type RequestStreams,
  STATUS_OK,
} from './requestLog.js';

const HOUR_MS = 3_600_000;
const NOTHING_PER_INTERVAL: GuardNeeds = { counts: false, latency: false, segments: false, spanDraws: false };

/** One cohort's random streams for one phase, one per purpose. */
export interface CohortStreams extends RequestStreams {
  availability: RandomStream;
  revenue: RandomStream;
  exposure: RandomStream;
  /** Churn and completion counts. */
  events: RandomStream;
  /** Which served responses are silently wrong (a data-inconsistency fault); never drawn without one. */
  integrity: RandomStream;
}

/**
 * How a cohort is simulated: every request (`request`); sampled counts with parameters that change over
 * time per segment (`segment`, when faults may act); sampled counts with fixed per-segment parameters
 * (`cohort`, the fast path: one Poisson draw for the whole cohort, split into segments once per span).
 */
type Mode = 'request' | 'segment' | 'cohort';

/**
 * One cohort (candidate or baseline) of a rehearsal, interval by interval. `simulateInterval` advances
 * the deployment's availability and draws what the guards need every interval into the interval's
 * window; everything else is accumulated as Poisson means and drawn by `closeSpan` once per checkpoint
 * span (for the baseline, which no guard watches, that is everything).
 *
 * Why one draw per span is exact: a sum of independent Poisson counts is Poisson with the summed mean,
 * and a Poisson count split by fixed probabilities (segments, up or down, error or not, latency bucket)
 * gives independent Poisson parts; so drawing a span's total once and splitting it has exactly the
 * distribution of summing per-interval draws. Where the split probabilities change within a span (a
 * fault changing one segment's errors or latency), the `segment` mode keeps per-segment means and
 * flushes a segment before its latency mixture changes.
 *
 * Allocates nothing per interval once its buffers have grown to the largest interval.
 */
export class CohortSimulation {
  readonly cohort: Cohort;
  /** The last interval's requests (request fidelity), for the traffic log. */
  readonly batch: RequestBatch;
  /** Learners who made at least one request: since the rehearsal began (candidate) or in this phase (baseline). */
  exposedLearners = 0;

  private readonly setup: EngineSetup;
  private readonly fidelity: Fidelity;
  private readonly params: EngineSetup['candidate'];
  private readonly needs: GuardNeeds;
  private readonly segmentCount: number;
  private readonly learners: Int32Array;
  private readonly traffic: IntervalTraffic;
  private readonly segmentEffects = neutralSegmentEffects();
  private readonly cohortEffects = neutralCohortEffects();
  private effects: EffectsSource = NO_EFFECTS;
  private mode: Mode = 'cohort';
  private streams: CohortStreams | null = null;
  private availability: AvailabilityProcess | null = null;
  private phaseIndex = 0;
  private phaseStartMs = 0;
  private learnersTotal = 0;

  // Phase constants of the `cohort` mode.
  /** Requests per hour of each segment (learners × rate), and their sum. */
  private readonly weight: Float64Array;
  private totalWeight = 0;
  private meanErrorRate = 0;
  /** Split probabilities of served, failed-while-up and refused-while-down requests over segments. */
  private readonly okShare: Float64Array;
  private readonly errorShare: Float64Array;
  private readonly downShare: Float64Array;
  private readonly groupTables: BucketTable[] = [];
  private readonly groupShare: Float64Array;
  private purchasesPerHour = 0;
  private churnPerHour = 0;
  private completionsPerHour = 0;

  // Span accumulators.
  private spanExpected = 0;
  private meanTotal = 0;
  private meanUp = 0;
  private countOk = 0;
  private countErrorUp = 0;
  private countDown = 0;
  private unbinned = 0;
  private meanPurchases = 0;
  private meanChurn = 0;
  private meanCompletions = 0;
  private learnerHours = 0;

  // Span accumulators of the `segment` mode, per segment.
  private readonly meanRequests: Float64Array;
  private readonly meanUpBySegment: Float64Array;
  private readonly meanUpErrors: Float64Array;
  /** Σ expected served responses × inconsistent share: silently wrong responses (data inconsistency). */
  private readonly meanUpWrong: Float64Array;
  /** Request fidelity: each segment's inconsistent share in the current interval. */
  private readonly wrongShare: Float64Array;
  private readonly spanMixture: Array<LatencyMixture | null>;
  private readonly groupMixture: LatencyMixture[] = [];
  private readonly groupRequests: Float64Array;

  private readonly exposedBySegment: Float64Array;
  private exposedFlags: Uint32Array | null = null;
  private readonly scratch: Float64Array;

  constructor(setup: EngineSetup, cohort: Cohort, fidelity: Fidelity) {
    this.setup = setup;
    this.cohort = cohort;
    this.fidelity = fidelity;
    this.params = cohort === 'candidate' ? setup.candidate : setup.baseline;
    this.needs = cohort === 'candidate' ? setup.guardNeeds : NOTHING_PER_INTERVAL;
    const count = setup.segmentIds.length;
    this.segmentCount = count;
    this.learners = new Int32Array(count);
    this.traffic = createIntervalTraffic(count, this.params.latency);
    this.batch = createRequestBatch();
    this.weight = new Float64Array(count);
    this.okShare = new Float64Array(count);
    this.errorShare = new Float64Array(count);
    this.downShare = new Float64Array(count);
    this.groupShare = new Float64Array(count);
    this.meanRequests = new Float64Array(count);
    this.meanUpBySegment = new Float64Array(count);
    this.meanUpErrors = new Float64Array(count);
    this.meanUpWrong = new Float64Array(count);
    this.wrongShare = new Float64Array(count);
    this.spanMixture = Array.from({ length: count }, () => null);
    this.groupRequests = new Float64Array(count);
    this.exposedBySegment = new Float64Array(count);
    this.scratch = new Float64Array(count);
  }

  /**
   * Whether {@link closeSpan} must run after every interval so that the guards see what it draws (faults
   * acting per segment, or a guard on revenue, churn or completions).
   */
  get closesEveryInterval(): boolean {
    return this.cohort === 'candidate' && (this.mode === 'segment' || this.needs.spanDraws);
  }

  /** Forgets everything of a previous rehearsal (exposure carried across phases). */
  beginRehearsal(effects: EffectsSource): void {
    this.effects = effects;
    this.mode = this.fidelity === 'request' ? 'request' : effects.any ? 'segment' : 'cohort';
    this.exposedLearners = 0;
    this.exposedBySegment.fill(0);
    this.exposedFlags?.fill(0);
  }

  /**
   * Enters a phase: the cohort's learners per segment, fresh streams, and a deployment started in its
   * stationary state. The baseline's exposure starts again; the candidate's carries on (each phase's
   * candidates include the previous phase's).
   */
  startPhase(phase: PhaseSetup, phaseStartMs: number, streams: CohortStreams): void {
    const setup = this.setup;
    const params = this.params;
    this.phaseIndex = phase.index;
    this.phaseStartMs = phaseStartMs;
    this.streams = streams;
    const bySegment = this.cohort === 'candidate' ? phase.candidateBySegment : phase.baselineBySegment;
    this.learnersTotal = 0;
    for (let s = 0; s < this.segmentCount; s++) {
      const learners = bySegment[s]!;
      this.learners[s] = learners;
      this.learnersTotal += learners;
      const segmentFirst = setup.segmentFirstLearner[s]!;
      this.traffic.firstLearner[s] =
        this.cohort === 'candidate' ? segmentFirst : segmentFirst + phase.candidateBySegment[s]!;
      this.traffic.learners[s] = learners;
    }
    if (this.availability === null) {
      this.availability = createAvailability(streams.availability, params.availability, params.meanOutageMs);
    } else {
      restartAvailability(this.availability, streams.availability, params.availability, params.meanOutageMs);
    }
    if (this.cohort === 'baseline') {
      this.exposedLearners = 0;
      this.exposedBySegment.fill(0);
      this.exposedFlags?.fill(0);
    }
    if (this.mode === 'request' && this.exposedFlags === null) {
      this.exposedFlags = new Uint32Array(Math.ceil(setup.learners / 32));
    }
    this.setPhaseConstants();
    this.clearSpan();
  }

  /** Fixed per-phase rates of the `cohort` mode (and the purchase/churn rates of every mode without faults). */
  private setPhaseConstants(): void {
    const setup = this.setup;
    const params = this.params;
    const purchasesPerLearnerHour = setup.revenue?.purchasesPerLearnerHour ?? 0;
    let total = 0;
    let errors = 0;
    let ok = 0;
    this.purchasesPerHour = 0;
    for (let s = 0; s < this.segmentCount; s++) {
      const learners = this.learners[s]!;
      const weight = learners * setup.requestsPerLearnerHour[s]!;
      const errorRate = params.errorRate[s]!;
      this.weight[s] = weight;
      total += weight;
      errors += weight * errorRate;
      ok += weight * (1 - errorRate);
      this.purchasesPerHour += learners * purchasesPerLearnerHour * (1 + params.revenueUplift[s]!);
    }
    this.totalWeight = total;
    this.meanErrorRate = total > 0 ? errors / total : 0;
    for (let s = 0; s < this.segmentCount; s++) {
      const weight = this.weight[s]!;
      this.okShare[s] = ok > 0 ? (weight * (1 - params.errorRate[s]!)) / ok : 0;
      this.errorShare[s] = errors > 0 ? (weight * params.errorRate[s]!) / errors : 0;
      this.downShare[s] = total > 0 ? weight / total : 0;
    }
    this.churnPerHour = (this.learnersTotal * params.churnPerLearnerMonth) / HOURS_PER_MONTH;
    this.completionsPerHour = (this.learnersTotal * params.completionsPerLearnerMonth) / HOURS_PER_MONTH;

    // Segments sharing a mixture share its (cached) table, so the tables group the segments.
    const tables = this.groupTables;
    tables.length = 0;
    this.groupShare.fill(0);
    for (let s = 0; s < this.segmentCount; s++) {
      const table = bucketTable(params.latency[s]!, setup.latencyBoundsMs);
      let g = tables.indexOf(table);
      if (g < 0) g = tables.push(table) - 1;
      this.groupShare[g] = this.groupShare[g]! + (total > 0 ? this.weight[s]! / total : 0);
    }
  }

  /**
   * Simulates the interval [offsetMs, offsetMs + durationMs) of the phase: the deployment's availability
   * and whatever the guards need now go into `now`; the rest waits for {@link closeSpan}.
   */
  simulateInterval(offsetMs: number, durationMs: number, now: EngineWindow): void {
    const streams = this.streams!;
    const availability = this.availability!;
    const effects = this.effects;
    const forcedDown = effects.any
      ? effects.cohortAt(this.cohort, this.phaseIndex, offsetMs, this.cohortEffects).forcedDownFraction
      : 0;
    advanceAvailability(availability, streams.availability, durationMs, forcedDown);
    const stats = now.stats;
    stats.upMs += availability.upMs;
    stats.observedMs += durationMs;
    stats.incidents += availability.outagesBegun;
    const upShare = availability.upMs / durationMs;
    const hours = durationMs / HOUR_MS;
    const requestFactor = diurnalFactor(this.setup.diurnal, this.phaseStartMs + offsetMs) * hours;
    this.learnerHours += this.learnersTotal * hours;

    if (this.mode === 'cohort') {
      const expected = this.totalWeight * requestFactor;
      this.spanExpected += expected;
      this.meanPurchases += this.purchasesPerHour * hours;
      this.meanChurn += this.churnPerHour * hours;
      this.meanCompletions += this.completionsPerHour * hours;
      if (!this.needs.counts || expected <= 0) {
        this.meanTotal += expected;
        this.meanUp += expected * upShare;
        return;
      }
      this.drawCohortCounts(expected, expected * upShare, now, this.needs.segments, this.needs.latency);
      return;
    }
    this.accumulateSegments(offsetMs, hours, requestFactor, upShare, now);
  }

  /** The `segment` and `request` modes: per-segment rates with the faults' modifiers for this interval. */
  private accumulateSegments(
    offsetMs: number,
    hours: number,
    requestFactor: number,
    upShare: number,
    now: EngineWindow,
  ): void {
    const setup = this.setup;
    const params = this.params;
    const effects = this.effects;
    const traffic = this.traffic;
    const segmentEffects = this.segmentEffects;
    const aggregate = this.mode === 'segment';
    const purchasesPerLearner = (setup.revenue?.purchasesPerLearnerHour ?? 0) * hours;
    const months = hours / HOURS_PER_MONTH;
    for (let s = 0; s < this.segmentCount; s++) {
      const learners = this.learners[s]!;
      if (learners === 0) {
        traffic.expected[s] = 0;
        continue;
      }
      if (effects.any) effects.segmentAt(this.cohort, s, this.phaseIndex, offsetMs, segmentEffects);
      const expected =
        learners * setup.requestsPerLearnerHour[s]! * requestFactor * segmentEffects.trafficFactor;
      const errorRate = Math.min(1, params.errorRate[s]! + segmentEffects.addedErrorRate);
      const mixture = segmentEffects.latency ?? params.latency[s]!;
      const uplift = segmentEffects.revenueUplift ?? params.revenueUplift[s]!;
      this.meanPurchases += learners * purchasesPerLearner * (1 + uplift);
      this.meanChurn += learners * params.churnPerLearnerMonth * segmentEffects.churnFactor * months;
      this.meanCompletions += learners * params.completionsPerLearnerMonth * months;
      if (aggregate) {
        const spanMixture = this.spanMixture[s];
        if (spanMixture !== mixture) {
          if (spanMixture !== null && this.meanRequests[s]! > 0) this.drawSegmentCounts(now);
          this.spanMixture[s] = mixture;
        }
        this.meanRequests[s] = this.meanRequests[s]! + expected;
        this.meanUpBySegment[s] = this.meanUpBySegment[s]! + expected * upShare;
        this.meanUpErrors[s] = this.meanUpErrors[s]! + expected * upShare * errorRate;
        const wrong = segmentEffects.inconsistentShare;
        if (wrong > 0)
          this.meanUpWrong[s] = this.meanUpWrong[s]! + expected * upShare * (1 - errorRate) * wrong;
      } else {
        traffic.expected[s] = expected;
        traffic.errorRate[s] = errorRate;
        this.wrongShare[s] = segmentEffects.inconsistentShare;
        traffic.latency[s] = mixture;
      }
    }
    if (!aggregate) {
      generateRequests(traffic, hours * HOUR_MS, this.availability!, this.streams!, this.batch);
      this.binBatch(now);
    }
  }

  /** Draws everything accumulated since the previous close into `span`, and starts a new span. */
  closeSpan(span: EngineWindow): void {
    const streams = this.streams!;
    const stats = span.stats;
    if (this.mode === 'cohort') {
      if (this.meanTotal > 0) this.drawCohortCounts(this.meanTotal, this.meanUp, span, false, false);
      if (this.countOk + this.countErrorUp + this.countDown > 0) {
        this.splitIntoSegments(this.countOk, this.countErrorUp, this.countDown, stats);
      }
      if (this.unbinned > 0) this.bin(this.unbinned, span);
      if (this.spanExpected > 0) this.exposeCohort();
    } else if (this.mode === 'segment') {
      this.drawSegmentCounts(span);
    }
    const revenue = this.setup.revenue;
    let revenueUsd = 0;
    if (revenue !== null && this.meanPurchases > 0) {
      const purchases = samplePoisson(streams.revenue, this.meanPurchases);
      revenueUsd = sampleRevenueUsd(streams.revenue, purchases, revenue);
    }
    if (this.cohort === 'candidate') {
      stats.candidateRevenueUsd += revenueUsd;
      stats.candidateLearnerHours += this.learnerHours;
    } else {
      stats.baselineRevenueUsd += revenueUsd;
      stats.baselineLearnerHours += this.learnerHours;
    }
    if (this.setup.needsChurn && this.meanChurn > 0)
      span.churnEvents += samplePoisson(streams.events, this.meanChurn);
    if (this.setup.needsCompletions && this.meanCompletions > 0) {
      span.completions += samplePoisson(streams.events, this.meanCompletions);
    }
    this.clearSpan();
  }

  /** Learners of the cohort in the current phase. */
  get cohortLearners(): number {
    return this.learnersTotal;
  }

  private clearSpan(): void {
    this.spanExpected = 0;
    this.meanTotal = 0;
    this.meanUp = 0;
    this.countOk = 0;
    this.countErrorUp = 0;
    this.countDown = 0;
    this.unbinned = 0;
    this.meanPurchases = 0;
    this.meanChurn = 0;
    this.meanCompletions = 0;
    this.learnerHours = 0;
    this.meanRequests.fill(0);
    this.meanUpBySegment.fill(0);
    this.meanUpErrors.fill(0);
    this.meanUpWrong.fill(0);
    this.spanMixture.fill(null);
  }

  /**
   * The `cohort` mode's counts: requests ~ Poisson(mean); those that met a down deployment ~
   * Binomial(requests, 1 − meanUp / mean); errors among the rest ~ Binomial(up, the cohort's mean error
   * rate), exact because each request's segment is drawn independently in proportion to the segments'
   * rates. Segments and histogram now, or later at the span's close.
   */
  private drawCohortCounts(
    mean: number,
    meanUp: number,
    into: EngineWindow,
    segments: boolean,
    latency: boolean,
  ): void {
    const streams = this.streams!;
    const requests = samplePoisson(streams.requests, mean);
    const down = meanUp < mean ? sampleBinomial(streams.availability, requests, 1 - meanUp / mean) : 0;
    const errorsUp = sampleBinomial(streams.errors, requests - down, this.meanErrorRate);
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
    if (latency) this.bin(requests, into);
    else this.unbinned += requests;
  }

  /** Spreads served, failed and refused requests over the segments in proportion to their rates. */
  private splitIntoSegments(ok: number, errorsUp: number, down: number, stats: WindowStats): void {
    const rng = this.streams!.requests;
    const scratch = this.scratch;
    const segments = stats.segments;
    if (ok > 0) {
      sampleMultinomialInto(rng, ok, this.okShare, scratch);
      for (let s = 0; s < this.segmentCount; s++) segments[s]!.requests += scratch[s]!;
    }
    if (errorsUp > 0) {
      sampleMultinomialInto(rng, errorsUp, this.errorShare, scratch);
      for (let s = 0; s < this.segmentCount; s++) {
        segments[s]!.requests += scratch[s]!;
        segments[s]!.errors += scratch[s]!;
      }
    }
    if (down > 0) {
      sampleMultinomialInto(rng, down, this.downShare, scratch);
      for (let s = 0; s < this.segmentCount; s++) {
        segments[s]!.requests += scratch[s]!;
        segments[s]!.errors += scratch[s]!;
      }
    }
  }

  /** Counts `requests` into the histogram: one multinomial per group of segments sharing a latency mixture. */
  private bin(requests: number, into: EngineWindow): void {
    const rng = this.streams!.latency;
    const counts = into.stats.latencyCounts;
    const touched = into.latencyBuckets;
    const tables = this.groupTables;
    if (tables.length === 1) {
      drawHistogramInto(rng, requests, tables[0]!, counts, touched);
      return;
    }
    const perGroup = sampleMultinomialInto(this.streams!.requests, requests, this.groupShare, this.scratch);
    for (let g = 0; g < tables.length; g++) drawHistogramInto(rng, perGroup[g]!, tables[g]!, counts, touched);
  }

  /** New learners reached over the span, per segment, by thinning (each learner's requests are Poisson). */
  private exposeCohort(): void {
    const rng = this.streams!.exposure;
    for (let s = 0; s < this.segmentCount; s++) {
      const learners = this.learners[s]!;
      const unreached = learners - this.exposedBySegment[s]!;
      if (unreached <= 0) continue;
      const perLearner = (this.spanExpected * this.downShare[s]!) / learners;
      const newly = sampleNewlyExposed(rng, unreached, perLearner);
      this.exposedBySegment[s] = this.exposedBySegment[s]! + newly;
      this.exposedLearners += newly;
    }
  }

  /**
   * The `segment` mode's counts: per segment, requests ~ Poisson(Σ means), refused while down ~
   * Binomial(requests, 1 − Σ up-means / Σ means), errors among the rest ~ Binomial(up requests, Σ error
   * means / Σ up-means), new learners by thinning; then one multinomial histogram per latency mixture.
   */
  private drawSegmentCounts(into: EngineWindow): void {
    const streams = this.streams!;
    const stats = into.stats;
    const groups = this.groupMixture;
    groups.length = 0;
    for (let s = 0; s < this.segmentCount; s++) {
      const mean = this.meanRequests[s]!;
      if (mean <= 0) continue;
      const requests = samplePoisson(streams.requests, mean);
      const meanUp = this.meanUpBySegment[s]!;
      const down = meanUp < mean ? sampleBinomial(streams.availability, requests, 1 - meanUp / mean) : 0;
      const errorShare = meanUp > 0 ? Math.min(1, this.meanUpErrors[s]! / meanUp) : 0;
      const errors = down + sampleBinomial(streams.errors, requests - down, errorShare);
      stats.requests += requests;
      stats.errors += errors;
      stats.integrityChecks += requests - errors;
      const meanWrong = this.meanUpWrong[s]!;
      if (meanWrong > 0) {
        const meanServed = meanUp - this.meanUpErrors[s]!;
        const share = meanServed > 0 ? Math.min(1, meanWrong / meanServed) : 0;
        stats.integrityFailures += sampleBinomial(streams.integrity, requests - errors, share);
      }
      this.meanUpWrong[s] = 0;
      const segment = stats.segments[s]!;
      segment.requests += requests;
      segment.errors += errors;

      const mixture = this.spanMixture[s]!;
      let g = 0;
      while (g < groups.length && groups[g] !== mixture) g++;
      if (g === groups.length) {
        groups.push(mixture);
        this.groupRequests[g] = 0;
      }
      this.groupRequests[g] = this.groupRequests[g]! + requests;

      const learners = this.learners[s]!;
      const unreached = learners - this.exposedBySegment[s]!;
      if (unreached > 0) {
        const newly = sampleNewlyExposed(streams.exposure, unreached, mean / learners);
        this.exposedBySegment[s] = this.exposedBySegment[s]! + newly;
        this.exposedLearners += newly;
      }
      this.meanRequests[s] = 0;
      this.meanUpBySegment[s] = 0;
      this.meanUpErrors[s] = 0;
    }
    const boundsMs = this.setup.latencyBoundsMs;
    for (let g = 0; g < groups.length; g++) {
      drawHistogramInto(
        streams.latency,
        this.groupRequests[g]!,
        bucketTable(groups[g]!, boundsMs),
        stats.latencyCounts,
        into.latencyBuckets,
      );
    }
  }

  /** Request fidelity: counts every request of the last interval into the window and marks its learner exposed. */
  private binBatch(into: EngineWindow): void {
    const stats = into.stats;
    const batch = this.batch;
    const boundsMs = this.setup.latencyBoundsMs;
    const counts = stats.latencyCounts;
    const flags = this.exposedFlags!;
    const integrity = this.streams!.integrity;
    const touched = into.latencyBuckets;
    let errors = 0;
    let wrong = 0;
    for (let i = 0; i < batch.count; i++) {
      const s = batch.segment[i]!;
      const segment = stats.segments[s]!;
      segment.requests++;
      if (batch.status[i] !== STATUS_OK) {
        segment.errors++;
        errors++;
      } else if (this.wrongShare[s]! > 0 && integrity.next() < this.wrongShare[s]!) {
        wrong++;
      }
      const k = bucketOfLatency(boundsMs, batch.latencyMs[i]!);
      counts[k] = counts[k]! + 1;
      if (k < touched.low) touched.low = k;
      if (k > touched.high) touched.high = k;
      const learner = batch.learnerId[i]!;
      const word = learner >>> 5;
      const bit = 1 << (learner & 31);
      if ((flags[word]! & bit) === 0) {
        flags[word] = flags[word]! | bit;
        this.exposedLearners++;
      }
    }
    stats.requests += batch.count;
    stats.errors += errors;
    stats.integrityChecks += batch.count - errors;
    stats.integrityFailures += wrong;
  }
}
