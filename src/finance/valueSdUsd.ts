import type { ExposureTimeline } from './exposure.js';
import type { FinanceEffects, FinanceInputs } from './financeInputs.js';
import { revenueImpact } from './revenueImpact.js';

/**
 * The standard deviation of the projected value from the effects' uncertainty, USD. The value is
 * linear in the effects, so with independent normal effects sd(V) = √Σ (wₖ σₖ)², where wₖ is the
 * value of one unit of effect k on this timeline (the projection with that effect at 1 and the others
 * at 0). Churn and completion contribute only when their revenue is added to the value.
 *
 * @example valueSdUsd(business, directLaunchTimeline(YEAR_MS)) // $50M × 0.012 = $600,000
 */
export function valueSdUsd(
  business: FinanceInputs,
  timeline: ExposureTimeline,
  learners: number | null = null,
): number {
  const zero: FinanceEffects = {
    revenueUplift: 0,
    completionUplift: 0,
    churnChange: 0,
    followOn: business.followOn.map(() => 0),
  };
  const weightUsd = (effects: FinanceEffects): number =>
    revenueImpact(business, timeline, effects, learners).totalUsd;
  const terms = [
    weightUsd({ ...zero, revenueUplift: 1 }) * business.revenueUplift.sd,
    weightUsd({ ...zero, completionUplift: 1 }) * (business.completionUplift?.sd ?? 0),
    weightUsd({ ...zero, churnChange: 1 }) * (business.churnChange?.sd ?? 0),
    ...business.followOn.map(
      (effect, index) =>
        weightUsd({ ...zero, followOn: zero.followOn.map((_, i) => (i === index ? 1 : 0)) }) *
        effect.revenueUplift.sd,
    ),
  ];
  return Math.hypot(...terms);
}
