import { describe, expect, it } from 'vitest';
import { EXACT_PURCHASE_SUM_MAX, revenueModel, sampleRevenueUsd } from '../../src/model/index.js';
import { deriveStream, samplePoisson } from '../../src/random/index.js';

describe('revenue', () => {
  const model = revenueModel(50_000_000, 500_000, 12, 1.5);

  it('earns the baseline annual revenue: mean purchase = revenue / (learners × purchases per year)', () => {
    expect(model.meanPurchaseUsd).toBeCloseTo(50_000_000 / 6_000_000, 10);
    expect(model.purchasesPerLearnerHour).toBeCloseTo(12 / 8760, 14);
    expect(Math.exp(model.amountMu + model.amountSigma ** 2 / 2)).toBeCloseTo(model.meanPurchaseUsd, 10);
  });

  // A sum of K amounts has mean K·m and variance K·m²·cv² (exact path and gamma alike); 4 SE of the mean.
  it.each([3, EXACT_PURCHASE_SUM_MAX, 200])(
    'sums %d purchases with mean K·m and variance K·m²·cv²',
    (purchases) => {
      const rng = deriveStream(11, 'revenue', purchases);
      const draws = 20_000;
      let sum = 0;
      let sumSquares = 0;
      for (let i = 0; i < draws; i++) {
        const usd = sampleRevenueUsd(rng, purchases, model);
        sum += usd;
        sumSquares += usd * usd;
      }
      const mean = sum / draws;
      const variance = sumSquares / draws - mean * mean;
      const m = model.meanPurchaseUsd;
      const expectedVariance = purchases * m * m * 1.5 * 1.5;
      expect(Math.abs(mean - purchases * m)).toBeLessThanOrEqual(4 * Math.sqrt(expectedVariance / draws));
      expect(variance / expectedVariance).toBeGreaterThan(0.8);
      expect(variance / expectedVariance).toBeLessThan(1.25);
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
