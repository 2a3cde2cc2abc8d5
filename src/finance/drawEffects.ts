import { type RandomStream, sampleNormal } from '../random/index.js';
import type { EffectSamples } from './effectSamples.js';
import type { FinanceEffects, FinanceInputs, MeasuredEffect } from './financeInputs.js';

/**
 * One draw of the effects from their uncertainty. With bootstrap samples, one replicate (row) is picked
 * uniformly and supplies every effect it has, keeping their correlation; otherwise, and for effects the
 * samples lack, each is drawn normal(mean, sd) independently. Follow-on effects are always normal.
 * Unmeasured churn or completion effects are 0. The order of draws is fixed, so a seed reproduces it.
 */
export function drawEffects(
  business: FinanceInputs,
  rng: RandomStream,
  samples: EffectSamples | null = null,
): FinanceEffects {
  const row = samples === null ? -1 : Math.floor(rng.next() * samples.revenueUplift.length);
  const draw = (column: number[] | null | undefined, effect: MeasuredEffect | null | undefined): number => {
    const sampled = column?.[row];
    if (sampled !== undefined) return sampled;
    return effect ? sampleNormal(rng, effect.mean, effect.sd) : 0;
  };
  return {
    revenueUplift: draw(samples?.revenueUplift, business.revenueUplift),
    completionUplift: draw(samples?.completionUplift, business.completionUplift),
    churnChange: draw(samples?.churnChange, business.churnChange),
    followOn: business.followOn.map((effect) =>
      sampleNormal(rng, effect.revenueUplift.mean, effect.revenueUplift.sd),
    ),
  };
}
