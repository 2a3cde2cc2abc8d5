import type { EffectsSource } from '../model/index.js';
import type { RandomStream } from '../random/index.js';
import type { CohortPhase } from './cohortPhase.js';
import type { PhaseSetup } from './engineSetup.js';
import type { EngineWindow } from './engineWindow.js';
import type { Fidelity } from './rehearsal.js';
import type { RequestStreams } from './requestLog.js';

/** One cohort's random streams for one phase, one per purpose. */
export interface CohortStreams extends RequestStreams {
  availability: RandomStream;
  revenue: RandomStream;
  exposure: RandomStream;
  /** Churn and completion counts. */
  events: RandomStream;
  /** Which served responses are silently wrong (a data-inconsistency fault); never drawn without one. */
  integrity: RandomStream;
  /** How a span's requests spread over the segments (aggregate fidelity, cohort-level draws). */
  segments: RandomStream;
  /**
   * Where a checkpoint span's latencies lie within the stretches of buckets no gate reads apart (aggregate
   * fidelity, full detail only: a verdicts-only rehearsal leaves them unplaced, see drawCellsInto).
   */
  latencyDetail: RandomStream;
}

/**
 * How a cohort is simulated: sampled counts with fixed per-segment parameters (`pooled`, the fast path:
 * one Poisson draw for the whole cohort, split into segments once per span, {@link PooledSampler}); sampled
 * counts with parameters that change over time per segment (`segment`, when faults may act,
 * {@link SegmentSampler}); every request (`request`, {@link RequestSampler}).
 */
export type SamplerKind = 'pooled' | 'segment' | 'request';

/**
 * The sampler a rehearsal needs: every request in request fidelity; in aggregate fidelity per segment when
 * a fault may act, else pooled. Fixed for a (plan, fidelity, effect models), so each rehearsal call site
 * meets one implementation.
 */
export function samplerKind(fidelity: Fidelity, effects: EffectsSource): SamplerKind {
  if (fidelity === 'request') return 'request';
  return effects.any ? 'segment' : 'pooled';
}

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
 * fault changing one segment's errors or latency), the {@link SegmentSampler} keeps per-segment means
 * and flushes a segment before its latency mixture changes.
 *
 * Implementations allocate nothing per interval once their buffers have grown to the largest interval.
 */
export interface CohortSampler {
  /**
   * What every sampler keeps alike: the cohort, its learners in the current phase (`learnersTotal`), and
   * who made at least one request (`exposedLearners`): since the rehearsal began (candidate) or in this
   * phase (baseline).
   */
  readonly phase: CohortPhase;
  /**
   * Whether {@link closeSpan} must run after every interval so that the guards see what it draws (faults
   * acting per segment, or a guard on revenue, churn or completions).
   */
  readonly closesEveryInterval: boolean;
  /** Forgets everything of a previous rehearsal (exposure carried across phases) and takes its fault effects. */
  beginRehearsal(effects: EffectsSource): void;
  /**
   * Enters a phase: the cohort's learners per segment, fresh streams, and a deployment started in its
   * stationary state. The baseline's exposure starts again; the candidate's carries on (each phase's
   * candidates include the previous phase's).
   */
  startPhase(phase: PhaseSetup, phaseStartMs: number, streams: CohortStreams): void;
  /**
   * Simulates the interval [offsetMs, offsetMs + durationMs) of the phase: the deployment's availability
   * and whatever the guards need now go into `now`; the rest waits for {@link closeSpan}.
   */
  simulateInterval(offsetMs: number, durationMs: number, now: EngineWindow): void;
  /** Draws everything accumulated since the previous close into `span`, and starts a new span. */
  closeSpan(span: EngineWindow): void;
  /** After the phase's last span is closed: draws what only the phase's result reads (who was reached). */
  endPhase(): void;
}
