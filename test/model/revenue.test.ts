import { describe, expect, it } from 'vitest';
import { EXACT_PURCHASE_SUM_MAX, revenueModel, sampleRevenueUsd } from '../../src/model/index.js';
import { deriveStream, samplePoisson } from '../../src/random/index.js';
import { expectMoments } from '../random/support/moments.js';

describe('revenue', () => {
  const model = revenueModel(50_000_000, 500_000, 12, 1.5);

  it('earns the baseline annual revenue: mean purchase = revenue / (learners × purchases per year)', () => {
    expect(model.meanPurchaseUsd).toBeCloseTo(50_000_000 / 6_000_000, 10);
    expect(model.purchasesPerLearnerHour).toBeCloseTo(12 / 8760, 14);
    expect(Math.exp(model.amountMu + model.amountSigma ** 2 / 2)).toBeCloseTo(model.meanPurchaseUsd, 10);
  });

  // A sum of K amounts has mean K·m and variance K·m²·cv² (exact path and gamma alike), checked to 5 SE of
  // the mean and of the variance. The variance's SE needs the sum's excess kurtosis: a lognormal amount
  // with cv = 1.5 (σ² = ln 3.25) has e^{4σ²} + 2e^{3σ²} + 3e^{2σ²} − 6 = 205.9, so K of them 205.9/K (the
  // exact path); the gamma path's sum (shape K/cv²) has 6·cv²/K = 13.5/K.
  it.each([3, EXACT_PURCHASE_SUM_MAX, 200])(
    'sums %d purchases with mean K·m and variance K·m²·cv²',
    (purchases) => {
      const rng = deriveStream(11, 'revenue', purchases);
      const draws = new Float64Array(20_000);
      for (let i = 0; i < draws.length; i++) draws[i] = sampleRevenueUsd(rng, purchases, model);
      const m = model.meanPurchaseUsd;
      const cv2 = 1.5 * 1.5;
      const amountKurtosis = 3.25 ** 4 + 2 * 3.25 ** 3 + 3 * 3.25 ** 2 - 6;
      expectMoments(draws, {
        mean: purchases * m,
        variance: purchases * m * m * cv2,
        excessKurtosis:
          purchases <= EXACT_PURCHASE_SUM_MAX ? amountKurtosis / purchases : (6 * cv2) / purchases,
      });
    },
  );

  it('compound Poisson: mean λ·m', () => {
    const rng = deriveStream(12, 'compound');
    const lambda = 14;
    const draws = 20_000;
    let sum = 0;
    for (let i = 0; i < draws; i++) sum += sampleRevenueUsd(rng, samplePoisson(rng, lambda), model);
    const m = model.meanPurchaseUsd;
    // Var of a compound Poisson sum = λ·E[X²] = λ·m²·(1 + cv²).
    const se = Math.sqrt((lambda * m * m * (1 + 1.5 * 1.5)) / draws);
    expect(Math.abs(sum / draws - lambda * m)).toBeLessThanOrEqual(4 * se);
  });
});
