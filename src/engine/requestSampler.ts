import { bucketOfLatency, type Cohort, type EffectsSource } from '../model/index.js';
import { CohortPhase } from './cohortPhase.js';
import type { CohortSampler, CohortStreams } from './cohortSampler.js';
import type { EngineSetup, PhaseSetup } from './engineSetup.js';
import type { EngineWindow } from './engineWindow.js';
import {
  createIntervalTraffic,
  createRequestBatch,
  generateRequests,
  type IntervalTraffic,
  type RequestBatch,
  STATUS_OK,
} from './requestLog.js';

const HOUR_MS = 3_600_000;

/**
 * Request fidelity: every request of every learner, generated interval by interval with the faults'
 * modifiers of that interval, then counted into the interval's window (so its windows hold exactly what
 * the synthetic request log shows). Revenue, churn and completions are still drawn once per span.
 */
export class RequestSampler implements CohortSampler {
  /** The last interval's requests, for the request log. */
  readonly batch: RequestBatch;

  readonly phase: CohortPhase;
  private readonly traffic: IntervalTraffic;
  /** Each segment's inconsistent share in the current interval. */
  private readonly wrongShare: Float64Array;
  /** One bit per learner of the population: reached (since the rehearsal began, or this phase for the baseline). */
  private exposedFlags: Uint32Array | null = null;

  constructor(setup: EngineSetup, cohort: Cohort) {
    this.phase = new CohortPhase(setup, cohort);
    const count = setup.segmentIds.length;
    this.traffic = createIntervalTraffic(count, this.phase.params.latency);
    this.batch = createRequestBatch();
    this.wrongShare = new Float64Array(count);
  }

  get closesEveryInterval(): boolean {
    return this.phase.cohort === 'candidate' && this.phase.setup.guardNeeds.spanDraws;
  }

  beginRehearsal(effects: EffectsSource): void {
    this.phase.begin(effects);
    this.exposedFlags?.fill(0);
  }

  startPhase(phase: PhaseSetup, phaseStartMs: number, streams: CohortStreams): void {
    const cohortPhase = this.phase;
    cohortPhase.start(phase, phaseStartMs, streams);
    const { setup, learners } = cohortPhase;
    for (let s = 0; s < cohortPhase.segmentCount; s++) {
      const segmentFirst = setup.segmentFirstLearner[s]!;
      this.traffic.firstLearner[s] =
        cohortPhase.cohort === 'candidate' ? segmentFirst : segmentFirst + phase.candidateBySegment[s]!;
      this.traffic.learners[s] = learners[s]!;
    }
    if (cohortPhase.cohort === 'baseline') this.exposedFlags?.fill(0);
    this.exposedFlags ??= new Uint32Array(Math.ceil(setup.learners / 32));
  }

  simulateInterval(offsetMs: number, durationMs: number, now: EngineWindow): void {
    const phase = this.phase;
    const traffic = this.traffic;
    phase.advance(offsetMs, durationMs, now);
    for (let s = 0; s < phase.segmentCount; s++) {
      const rate = phase.segmentRate(s, offsetMs);
      if (rate === null) {
        traffic.expected[s] = 0;
        continue;
      }
      traffic.expected[s] = rate.expected;
      traffic.errorRate[s] = rate.errorRate;
      this.wrongShare[s] = rate.inconsistentShare;
      traffic.latency[s] = rate.latency;
    }
    generateRequests(traffic, phase.hours * HOUR_MS, phase.availability!, phase.streams!, this.batch);
    this.countBatch(now);
  }

  endPhase(): void {}

  closeSpan(span: EngineWindow): void {
    this.phase.closeSpan(span);
  }

  /** Counts every request of the last interval into the window and marks its learner reached. */
  private countBatch(into: EngineWindow): void {
    const stats = into.stats;
    const batch = this.batch;
    const boundsMs = this.phase.setup.latencyBoundsMs;
    const counts = stats.latencyCounts;
    const flags = this.exposedFlags!;
    const integrity = this.phase.streams!.integrity;
    const touched = into.latencyBuckets;
    let errors = 0;
    let wrong = 0;
    let reached = 0;
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
        reached++;
      }
    }
    this.phase.exposedLearners += reached;
    stats.requests += batch.count;
    stats.errors += errors;
    stats.integrityChecks += batch.count - errors;
    stats.integrityFailures += wrong;
  }
}
