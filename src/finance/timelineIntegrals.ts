import { type ExposureTimeline, exposureYears, retainedExposureYears2 } from './exposure.js';
import type { FinanceInputs } from './financeInputs.js';

/**
 * The integrals over one exposure timeline that a revenue impact multiplies by the drawn effects: they
 * depend on the timeline and the business section alone, not on the effects, so a Monte Carlo that
 * values thousands of draws over a few hundred distinct timelines computes them once per timeline.
 */
export interface TimelineIntegrals {
  /** Discounted exposure-years from the rollout start (the main uplift's, and completions'). */
  exposureYears: number;
  /** The same, undiscounted (learner outcomes). */
  undiscountedExposureYears: number;
  /** ∫ s(t) ∫ₜᴴ e^(−ρu) du dt, years² (retained learners' revenue). */
  retainedExposureYears2: number;
  /** Per follow-on effect: when it starts (ms from the rollout start; null when full rollout is never reached) and its discounted exposure-years from then. */
  followOn: ReadonlyArray<{ startsAtMs: number | null; exposureYears: number }>;
}

/** The {@link TimelineIntegrals} of `timeline` under `business`. */
export function timelineIntegrals(business: FinanceInputs, timeline: ExposureTimeline): TimelineIntegrals {
  const rate = business.discountRatePerYear;
  return {
    exposureYears: exposureYears(timeline, rate),
    undiscountedExposureYears: exposureYears(timeline, 0),
    retainedExposureYears2: retainedExposureYears2(timeline, rate),
    followOn: business.followOn.map((effect) => {
      const startsAtMs =
        timeline.fullRolloutAtMs === null ? null : timeline.fullRolloutAtMs + effect.startsAfterMs;
      return {
        startsAtMs,
        exposureYears: startsAtMs === null ? 0 : exposureYears(timeline, rate, startsAtMs),
      };
    }),
  };
}
