import { describe, expect, it } from 'vitest';
import { directLaunchTimeline, simulateFinance } from '../../src/finance/index.js';
import { deriveStream, normalCdf } from '../../src/random/index.js';
import { HOUR_MS, makeBusiness, makeTimeline, YEAR_MS } from './fixtures.js';

// Tolerances are 4 Monte Carlo standard errors, derived from the closed form (not the sample), so a
// correct implementation fails with probability about 6e-5 at any seed; the seeds are fixed anyway.
const R = 50_000_000;
const mu = 0.058;
const sigma = 0.012;
const DRAWS = 20_000;

const planned = makeTimeline([
  [0.01, 2 * HOUR_MS],
  [0.1, 4 * HOUR_MS],
  [1, YEAR_MS - 6 * HOUR_MS],
]);
const rolledBackAtCanary = makeTimeline(
  [
    [0.01, 2 * HOUR_MS],
    [0, YEAR_MS - 2 * HOUR_MS],
  ],
  YEAR_MS,
  'rolled-back',
);
const plannedYears = (0.01 * 2 + 0.1 * 4 + 8754) / 8760;
const rolledBackYears = (0.01 * 2) / 8760;

describe('simulateFinance against closed forms', () => {
  it('the mean value is R·μ·mean(E) within 4 standard errors', () => {
    // Draw i values R·uᵢ·E_(i mod 2) with uᵢ ~ N(μ, σ) independent and the timelines cycled, so the
    // mean's variance is (Rσ)²·(E₁² + E₂²) / (2n): SE = Rσ·√((E₁² + E₂²) / 2) / √n.
    const result = simulateFinance(
      makeBusiness(),
      { planned, runs: [planned, rolledBackAtCanary] },
      deriveStream(20251031, 'finance-test', 'mean'),
      DRAWS,
    );
    const expected = (R * mu * (plannedYears + rolledBackYears)) / 2;
    const standardError =
      (R * sigma * Math.sqrt((plannedYears ** 2 + rolledBackYears ** 2) / 2)) / Math.sqrt(DRAWS);
    expect(Math.abs(result.value.meanUsd - expected)).toBeLessThan(4 * standardError);
    expect(result.effectSource).toBe('normal');
    expect(result.timelines).toBe(2);
  });

  it('P(loss) is Φ((C/R − μ)/σ) for one normal effect at full exposure, within 4 standard errors', () => {
    const costsUsd = 2_400_000;
    const business = makeBusiness({ costs: { oneOffUsd: costsUsd, monthlyUsd: 0 } });
    const direct = directLaunchTimeline(YEAR_MS);
    const result = simulateFinance(
      business,
      { planned: direct, runs: [direct] },
      deriveStream(20251031, 'finance-test', 'loss'),
      DRAWS,
    );
    const p = normalCdf((costsUsd / R - mu) / sigma); // 0.2023
    const standardError = Math.sqrt((p * (1 - p)) / DRAWS);
    expect(Math.abs(result.pLoss.p - p)).toBeLessThan(4 * standardError);
    expect(result.pLoss.runs).toBe(DRAWS);
    expect(result.pLoss.ci95[0]).toBeLessThan(result.pLoss.p);
    // Percentiles of R·u − C: the normal quantiles ±1.2816σ, within 4 SE of a sample quantile
    // (SE = √(q(1−q)/n) / density at the quantile).
    const z90 = 1.2815515655446004;
    const quantileSe =
      Math.sqrt(0.09 / DRAWS) / (Math.exp(-0.5 * z90 * z90) / Math.sqrt(2 * Math.PI) / (R * sigma));
    expect(Math.abs(result.netValue.p90Usd - (R * (mu + z90 * sigma) - costsUsd))).toBeLessThan(
      4 * quantileSe,
    );
    expect(Math.abs(result.netValue.p10Usd - (R * (mu - z90 * sigma) - costsUsd))).toBeLessThan(
      4 * quantileSe,
    );
    expect(result.roi?.mean).toBeCloseTo(result.netValue.meanUsd / costsUsd, 12);
  });

  it('values rollbacks against the plan completing on schedule', () => {
    // Half the draws roll back at the canary; each loses R·uᵢ·(E_plan − E_rollback), mean R·μ·ΔE,
    // SE over the n/2 rollback draws = Rσ·ΔE / √(n/2).
    const result = simulateFinance(
      makeBusiness(),
      { planned, runs: [planned, rolledBackAtCanary] },
      deriveStream(20251031, 'finance-test', 'rollback'),
      DRAWS,
    );
    const lostYears = plannedYears - rolledBackYears;
    expect(result.lost.rollbackShare).toBe(0.5);
    expect(Math.abs(result.lost.perRollbackUsd! - R * mu * lostYears)).toBeLessThan(
      (4 * R * sigma * lostYears) / Math.sqrt(DRAWS / 2),
    );
    expect(result.lost.toRollbacksUsd).toBeCloseTo(result.lost.perRollbackUsd! / 2, 6);
    expect(result.lost.toDelaysUsd).toBe(0);
  });

  it('compares the plan with a direct 100% launch draw by draw', () => {
    const result = simulateFinance(
      makeBusiness(),
      { planned, runs: [planned] },
      deriveStream(1, 'direct'),
      2_000,
    );
    // Same effects in both: the difference is −R·uᵢ·5.58/8760, SE Rσ·(5.58/8760)/√n.
    const gapYears = 1 - plannedYears;
    expect(Math.abs(result.planMinusDirect.meanUsd + R * mu * gapYears)).toBeLessThan(
      (4 * R * sigma * gapYears) / Math.sqrt(2_000),
    );
    expect(result.plannedValue.meanUsd).toBeCloseTo(result.value.meanUsd, 6);
  });

  it('resamples bootstrap rows when given them', () => {
    const samples = {
      file: 'boot.csv',
      revenueUplift: [0.04, 0.05, 0.06, 0.07],
      completionUplift: null,
      churnChange: null,
    };
    const direct = directLaunchTimeline(YEAR_MS);
    const result = simulateFinance(
      makeBusiness(),
      { planned: direct, runs: [direct] },
      deriveStream(3, 'boot'),
      DRAWS,
      {
        effectSamples: samples,
      },
    );
    // Uniform over 4 values: mean 0.055, population sd √0.000125; SE = R·sd/√n.
    const standardError = (R * Math.sqrt(0.000125)) / Math.sqrt(DRAWS);
    expect(result.effectSource).toBe('bootstrap');
    expect(Math.abs(result.value.meanUsd - R * 0.055)).toBeLessThan(4 * standardError);
    expect(result.value.p10Usd).toBeCloseTo(R * 0.04, 6);
    expect(result.value.p90Usd).toBeCloseTo(R * 0.07, 6);
  });

  it('is reproducible from its seed', () => {
    const run = () =>
      simulateFinance(
        makeBusiness(),
        { planned, runs: [planned, rolledBackAtCanary] },
        deriveStream(7, 'finance'),
        500,
      );
    expect(run()).toEqual(run());
  });
});
