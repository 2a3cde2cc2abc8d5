import {
  type BucketTables,
  type Cohort,
  drawHistogramInto,
  type EffectsSource,
  type LatencyMixture,
} from '../model/index.js';
import { sampleBinomial, samplePoisson } from '../random/index.js';
import { CohortPhase } from './cohortPhase.js';
import type { CohortSampler, CohortStreams } from './cohortSampler.js';
import type { EngineSetup, PhaseSetup } from './engineSetup.js';
import type { EngineWindow } from './engineWindow.js';

/**
 * The aggregate path when faults may act: each segment's rates, error probability and latency mixture
 * can change from interval to interval, so the means are kept per segment and drawn per segment; a
 * segment is drawn early, before its latency mixture changes, so each histogram draw has one mixture.
 * The candidate closes its span every interval (the guards see every draw).
 */
export class SegmentSampler implements CohortSampler {
  readonly phase: CohortPhase;

  // Span accumulators, per segment.
  private readonly meanRequests: Float64Array;
  private readonly meanUp: Float64Array;
  private readonly meanUpErrors: Float64Array;
  /** Σ expected served responses × inconsistent share: silently wrong responses (data inconsistency). */
  private readonly meanUpWrong: Float64Array;
  /** The latency mixture of each segment's accumulated requests (null before the first). */
  private readonly spanMixture: Array<LatencyMixture | null>;
  private readonly groupMixture: LatencyMixture[] = [];
  private readonly groupRequests: Float64Array;

  constructor(
    setup: EngineSetup,
    cohort: Cohort,
    private readonly tables: BucketTables,
  ) {
    this.phase = new CohortPhase(setup, cohort);
    const count = setup.segmentIds.length;
    this.meanRequests = new Float64Array(count);
    this.meanUp = new Float64Array(count);
    this.meanUpErrors = new Float64Array(count);
    this.meanUpWrong = new Float64Array(count);
    this.spanMixture = Array.from({ length: count }, () => null);
    this.groupRequests = new Float64Array(count);
  }

  get closesEveryInterval(): boolean {
    return this.phase.cohort === 'candidate';
  }

  beginRehearsal(effects: EffectsSource): void {
    this.phase.begin(effects);
  }

  startPhase(phase: PhaseSetup, phaseStartMs: number, streams: CohortStreams): void {
    this.phase.start(phase, phaseStartMs, streams);
    this.clearSpan();
  }

  simulateInterval(offsetMs: number, durationMs: number, now: EngineWindow): void {
    const phase = this.phase;
    phase.advance(offsetMs, durationMs, now);
    const upShare = phase.upShare;
    for (let s = 0; s < phase.segmentCount; s++) {
      const rate = phase.segmentRate(s, offsetMs);
      if (rate === null) continue;
      const { expected, errorRate } = rate;
      const spanMixture = this.spanMixture[s];
      if (spanMixture !== rate.latency) {
        if (spanMixture !== null && this.meanRequests[s]! > 0) this.drawCounts(now);
        this.spanMixture[s] = rate.latency;
      }
      this.meanRequests[s] = this.meanRequests[s]! + expected;
      this.meanUp[s] = this.meanUp[s]! + expected * upShare;
      this.meanUpErrors[s] = this.meanUpErrors[s]! + expected * upShare * errorRate;
      const wrong = rate.inconsistentShare;
      if (wrong > 0)
        this.meanUpWrong[s] = this.meanUpWrong[s]! + expected * upShare * (1 - errorRate) * wrong;
    }
  }

  endPhase(): void {}

  closeSpan(span: EngineWindow): void {
    this.drawCounts(span);
    this.phase.closeSpan(span);
    this.clearSpan();
  }

  private clearSpan(): void {
    this.meanRequests.fill(0);
    this.meanUp.fill(0);
    this.meanUpErrors.fill(0);
    this.meanUpWrong.fill(0);
    this.spanMixture.fill(null);
  }

  /**
   * Per segment, requests ~ Poisson(Σ means), refused while down ~ Binomial(requests, 1 − Σ up-means /
   * Σ means), errors among the rest ~ Binomial(up requests, Σ error means / Σ up-means), new learners by
   * thinning; then one multinomial histogram per latency mixture.
   */
  private drawCounts(into: EngineWindow): void {
    const phase = this.phase;
    const streams = phase.streams!;
    const stats = into.stats;
    const groups = this.groupMixture;
    groups.length = 0;
    for (let s = 0; s < phase.segmentCount; s++) {
      const mean = this.meanRequests[s]!;
      if (mean <= 0) continue;
      const requests = samplePoisson(streams.requests, mean);
      const meanUp = this.meanUp[s]!;
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

      phase.exposeSegment(s, streams.exposure, mean / phase.learners[s]!);
      this.meanRequests[s] = 0;
      this.meanUp[s] = 0;
      this.meanUpErrors[s] = 0;
    }
    const boundsMs = phase.setup.latencyBoundsMs;
    for (let g = 0; g < groups.length; g++) {
      drawHistogramInto(
        streams.latency,
        this.groupRequests[g]!,
        this.tables.of(groups[g]!, boundsMs),
        stats.latencyCounts,
        into.latencyBuckets,
      );
    }
  }
}
