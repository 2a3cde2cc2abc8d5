import {
  type AvailabilityProcess,
  advanceAvailability,
  type Cohort,
  createAvailability,
  diurnalFactor,
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
import { type RandomStream, samplePoisson } from '../random/index.js';
import type { CohortStreams } from './cohortSampler.js';
import type { EngineSetup, PhaseSetup } from './engineSetup.js';
import type { EngineWindow } from './engineWindow.js';

const HOUR_MS = 3_600_000;

/** One segment's rates in the current interval, with the faults' modifiers applied. */
export interface SegmentRate {
  /** Expected requests in the interval (Poisson mean). */
  expected: number;
  /** Error probability of a request served while up (0..1). */
  errorRate: number;
  latency: LatencyMixture;
  /** Share of served responses that are silently wrong (0..1). */
  inconsistentShare: number;
}

/**
 * What every {@link CohortSampler} shares, whatever it draws: the cohort's learners per segment in the
 * current phase, its streams and deployment (availability), the fault effects of the rehearsal, the
 * learners reached per segment, and the span's revenue, churn and completion means with their draws.
 * A sampler owns one and calls its steps: `advance` at the start of every interval, `segmentRate` where
 * rates vary per segment, `closeSpan` at the end of its own.
 */
export class CohortPhase {
  readonly setup: EngineSetup;
  readonly cohort: Cohort;
  readonly params: EngineSetup['candidate'];
  readonly segmentCount: number;
  /** Learners of each segment in the current phase, and their sum. */
  readonly learners: Int32Array;
  learnersTotal = 0;
  streams: CohortStreams | null = null;
  availability: AvailabilityProcess | null = null;
  effects: EffectsSource = NO_EFFECTS;
  phaseIndex = 0;
  phaseStartMs = 0;

  /** Learners reached (at least one request), per segment and in all. */
  readonly exposedBySegment: Float64Array;
  exposedLearners = 0;

  // Set by `advance` for the current interval.
  /** Share of the interval the deployment was up (0..1). */
  upShare = 0;
  hours = 0;
  /** Diurnal factor × hours: requests per hour of rate become expected requests. */
  requestFactor = 0;

  // Span accumulators: Poisson means drawn at the span's close.
  meanPurchases = 0;
  meanChurn = 0;
  meanCompletions = 0;
  learnerHours = 0;

  private readonly cohortEffects = neutralCohortEffects();
  private readonly segmentEffects = neutralSegmentEffects();
  private readonly rate: SegmentRate;

  constructor(setup: EngineSetup, cohort: Cohort) {
    this.setup = setup;
    this.cohort = cohort;
    this.params = cohort === 'candidate' ? setup.candidate : setup.baseline;
    this.segmentCount = setup.segmentIds.length;
    this.learners = new Int32Array(this.segmentCount);
    this.exposedBySegment = new Float64Array(this.segmentCount);
    this.rate = { expected: 0, errorRate: 0, latency: this.params.latency[0]!, inconsistentShare: 0 };
  }

  /** Starts a rehearsal with its fault effects: nobody reached yet. */
  begin(effects: EffectsSource): void {
    this.effects = effects;
    this.resetExposure();
  }

  /** Forgets who was reached. */
  resetExposure(): void {
    this.exposedLearners = 0;
    this.exposedBySegment.fill(0);
  }

  /**
   * Enters a phase: learners per segment, fresh streams, the deployment started in its stationary state
   * (unless `deployment` is false: a sampler that draws revenue alone never reads it), an empty span. The
   * baseline's exposure starts again; the candidate's carries on.
   */
  start(phase: PhaseSetup, phaseStartMs: number, streams: CohortStreams, deployment = true): void {
    const params = this.params;
    this.phaseIndex = phase.index;
    this.phaseStartMs = phaseStartMs;
    this.streams = streams;
    const bySegment = this.cohort === 'candidate' ? phase.candidateBySegment : phase.baselineBySegment;
    this.learnersTotal = 0;
    for (let s = 0; s < this.segmentCount; s++) {
      this.learners[s] = bySegment[s]!;
      this.learnersTotal += bySegment[s]!;
    }
    if (!deployment) {
      // Nothing is drawn: the deployment's stream stays unseeded.
    } else if (this.availability === null) {
      this.availability = createAvailability(streams.availability, params.availability, params.meanOutageMs);
    } else {
      restartAvailability(this.availability, streams.availability, params.availability, params.meanOutageMs);
    }
    if (this.cohort === 'baseline') this.resetExposure();
    this.clearSpan();
  }

  /**
   * The start of every interval: advances the deployment over it (held down as long as a fault says) into
   * `now`, and sets the interval's up share, hours and request factor.
   */
  advance(offsetMs: number, durationMs: number, now: EngineWindow): void {
    const availability = this.availability!;
    const effects = this.effects;
    const forcedDown = effects.any
      ? effects.cohortAt(this.cohort, this.phaseIndex, offsetMs, this.cohortEffects).forcedDownFraction
      : 0;
    advanceAvailability(availability, this.streams!.availability, durationMs, forcedDown);
    const stats = now.stats;
    stats.upMs += availability.upMs;
    stats.observedMs += durationMs;
    stats.incidents += availability.outagesBegun;
    this.upShare = availability.upMs / durationMs;
    const hours = durationMs / HOUR_MS;
    this.hours = hours;
    this.requestFactor = diurnalFactor(this.setup.diurnal, this.phaseStartMs + offsetMs) * hours;
    this.learnerHours += this.learnersTotal * hours;
  }

  /**
   * Segment `s`'s rates in the current interval with the faults' modifiers, its purchases, churn and
   * completions added to the span; null for a segment without learners. The object is reused.
   */
  segmentRate(s: number, offsetMs: number): SegmentRate | null {
    const learners = this.learners[s]!;
    if (learners === 0) return null;
    const params = this.params;
    const out = this.segmentEffects;
    if (this.effects.any) this.effects.segmentAt(this.cohort, s, this.phaseIndex, offsetMs, out);
    const rate = this.rate;
    rate.expected = learners * this.setup.requestsPerLearnerHour[s]! * this.requestFactor * out.trafficFactor;
    rate.errorRate = Math.min(1, params.errorRate[s]! + out.addedErrorRate);
    rate.latency = out.latency ?? params.latency[s]!;
    rate.inconsistentShare = out.inconsistentShare;
    const uplift = out.revenueUplift ?? params.revenueUplift[s]!;
    const purchasesPerLearner = (this.setup.revenue?.purchasesPerLearnerHour ?? 0) * this.hours;
    const months = this.hours / HOURS_PER_MONTH;
    this.meanPurchases += learners * purchasesPerLearner * (1 + uplift);
    this.meanChurn += learners * params.churnPerLearnerMonth * out.churnFactor * months;
    this.meanCompletions += learners * params.completionsPerLearnerMonth * months;
    return rate;
  }

  /** New learners of segment `s` reached, by thinning: each learner made ~`perLearner` requests (Poisson). */
  exposeSegment(s: number, rng: RandomStream, perLearner: number): void {
    const unreached = this.learners[s]! - this.exposedBySegment[s]!;
    if (unreached <= 0) return;
    const newly = sampleNewlyExposed(rng, unreached, perLearner);
    this.exposedBySegment[s] = this.exposedBySegment[s]! + newly;
    this.exposedLearners += newly;
  }

  /** The span's revenue, churn and completions drawn into `span`, the cohort's learner-hours added; a new span. */
  closeSpan(span: EngineWindow): void {
    const streams = this.streams!;
    const stats = span.stats;
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

  private clearSpan(): void {
    this.meanPurchases = 0;
    this.meanChurn = 0;
    this.meanCompletions = 0;
    this.learnerHours = 0;
  }
}
