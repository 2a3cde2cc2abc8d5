import { normalQuantile } from '../random/index.js';
import type { ExposureTimeline } from './exposure.js';
import { type FinanceInputs, meanEffects } from './financeInputs.js';
import { revenueImpact } from './revenueImpact.js';
import { MS_PER_DAY } from './timeValue.js';
import { valueSdUsd } from './valueSdUsd.js';

/** One-sided 90% normal quantile, 1.2816: p10 and p90 are the mean ∓ 1.2816 sd. */
const Z_90 = normalQuantile(0.9);

/** The value a timeline has earned by a day after the rollout start, with its spread from the effects' uncertainty. */
export interface ValueAtDay {
  /** Days from the rollout start. */
  day: number;
  /** Revenue impact earned up to that day at the effects' means (discounted like the projection), USD. */
  valueUsd: number;
  /** 10th and 90th percentiles of that value over the effects' uncertainty (normal effects), USD. */
  p10Usd: number;
  p90Usd: number;
}

/** The timeline cut at `toMs`: what had happened by then, with the horizon moved there. */
function truncate(timeline: ExposureTimeline, toMs: number): ExposureTimeline {
  const segments = timeline.segments
    .filter((segment) => segment.fromMs < toMs)
    .map((segment) => ({ ...segment, toMs: Math.min(segment.toMs, toMs) }));
  return { ...timeline, segments, horizonMs: toMs };
}

/**
 * The revenue impact a rollout has earned by each day of the horizon, at the effects' means and at
 * their 10th and 90th percentiles: the data of a fan chart. The value up to day d is the projection of
 * the timeline cut at d (so follow-on effects count from their start, and nothing after d is counted);
 * its spread is the closed-form sd of a value linear in independent normal effects (`valueSdUsd`).
 * Costs are not subtracted: this is revenue, not net value.
 *
 * @param days the days to evaluate, from the rollout start (e.g. 0, 7, 14, …, 365).
 * @example valueOverTime(business, directLaunchTimeline(YEAR_MS), [365])[0].valueUsd // $2.9M for +5.8% of $50M
 */
export function valueOverTime(
  business: FinanceInputs,
  timeline: ExposureTimeline,
  days: readonly number[],
  learners: number | null = null,
): ValueAtDay[] {
  const effects = meanEffects(business);
  return days.map((day) => {
    const cut = truncate(timeline, Math.min(day * MS_PER_DAY, timeline.horizonMs));
    const valueUsd = day === 0 ? 0 : revenueImpact(business, cut, effects, learners).totalUsd;
    const sdUsd = day === 0 ? 0 : valueSdUsd(business, cut, learners);
    return { day, valueUsd, p10Usd: valueUsd - Z_90 * sdUsd, p90Usd: valueUsd + Z_90 * sdUsd };
  });
}
