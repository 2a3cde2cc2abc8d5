import { discountedRemainingYears, discountedYears, MS_PER_YEAR } from './timeValue.js';

/** A span of the rollout during which a constant share of learners used the candidate. */
export interface ExposureSegment {
  /** Start, ms from the rollout start. */
  fromMs: number;
  /** End (exclusive), ms from the rollout start. */
  toMs: number;
  /** Fraction of learners on the candidate, in [0, 1]. */
  share: number;
}

/**
 * How a rollout ended, as far as exposure is concerned; `partial` is a replay whose recorded metrics stop
 * before the last phase (the candidate is taken to stay at the last recorded share).
 */
export type TimelineEnding = 'completed' | 'rolled-back' | 'halted' | 'partial';

/**
 * The candidate's exposure from the rollout start to the horizon as contiguous step segments:
 * `[{ 0, 2h, 0.01 }, { 2h, 6h, 0.1 }, { 6h, 365d, 1 }]` for a default plan that completes.
 */
export interface ExposureTimeline {
  segments: ExposureSegment[];
  /** The projection horizon, ms from the rollout start; the last segment ends there. */
  horizonMs: number;
  ending: TimelineEnding;
  /**
   * When the plan's last phase (the full rollout) began, ms from the rollout start; null when the
   * rollout never got there. Follow-on effects are timed from it.
   */
  fullRolloutAtMs: number | null;
}

/**
 * ∫ share(t) · e^(−ρ t) dt over [`fromMs`, horizon], in years: the discounted exposure-years of the
 * timeline from a moment on (the whole timeline with `fromMs` = 0). A constant share s over a year
 * with ρ = 0 gives s.
 */
export function exposureYears(timeline: ExposureTimeline, discountRatePerYear: number, fromMs = 0): number {
  let years = 0;
  for (const segment of timeline.segments) {
    if (segment.share === 0) continue;
    const fromYears = Math.max(segment.fromMs, fromMs) / MS_PER_YEAR;
    const toYears = Math.min(segment.toMs, timeline.horizonMs) / MS_PER_YEAR;
    years += segment.share * discountedYears(fromYears, toYears, discountRatePerYear);
  }
  return years;
}

/**
 * ∫ share(t) · (∫ from t to H of e^(−ρ s) ds) dt over the timeline, in years²: the weight of an effect
 * that accrues while exposed and then lasts to the horizon H (learners retained by lower churn).
 */
export function retainedExposureYears2(timeline: ExposureTimeline, discountRatePerYear: number): number {
  const horizonYears = timeline.horizonMs / MS_PER_YEAR;
  let years2 = 0;
  for (const segment of timeline.segments) {
    if (segment.share === 0) continue;
    years2 +=
      segment.share *
      discountedRemainingYears(
        segment.fromMs / MS_PER_YEAR,
        segment.toMs / MS_PER_YEAR,
        horizonYears,
        discountRatePerYear,
      );
  }
  return years2;
}

/**
 * The timeline of a direct 100% launch on day 0, the comparison for a progressive rollout.
 *
 * @example directLaunchTimeline(365 * 86_400_000).segments // [{ fromMs: 0, toMs: 31536000000, share: 1 }]
 */
export function directLaunchTimeline(horizonMs: number): ExposureTimeline {
  return {
    segments: [{ fromMs: 0, toMs: horizonMs, share: 1 }],
    horizonMs,
    ending: 'completed',
    fullRolloutAtMs: 0,
  };
}
