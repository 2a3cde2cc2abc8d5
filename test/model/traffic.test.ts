import { describe, expect, it } from 'vitest';
import {
  diurnalFactor,
  normaliseDiurnalProfile,
  sampleMonthlyEvents,
  sampleNewlyExposed,
} from '../../src/model/index.js';
import { deriveStream } from '../../src/random/index.js';

describe('diurnal profile', () => {
  it('scales 24 factors to mean 1 and applies the factor of the UTC hour', () => {
    const profile = normaliseDiurnalProfile(Array.from({ length: 24 }, (_, h) => (h < 12 ? 1 : 3)))!;
    expect(profile.reduce((a, b) => a + b, 0)).toBeCloseTo(24, 12);
    expect(diurnalFactor(profile, Date.UTC(2025, 9, 31, 3, 59))).toBeCloseTo(0.5, 12);
    expect(diurnalFactor(profile, Date.UTC(2025, 9, 31, 12))).toBeCloseTo(1.5, 12);
    expect(diurnalFactor(null, Date.UTC(2025, 9, 31, 12))).toBe(1);
  });

  it('rejects a profile that is not 24 hours', () => {
    expect(() => normaliseDiurnalProfile([1, 2, 3])).toThrow(RangeError);
  });
});

describe('thinning and monthly events', () => {
  // Binomial(U, 1 − e^(−m)) has mean U·(1 − e^(−m)); Poisson(μ) mean μ. 4 SE over the draws.
  it('reaches unreached learners with probability 1 − e^(−requests per learner)', () => {
    const rng = deriveStream(2, 'exposure');
    const draws = 5000;
    let sum = 0;
    for (let i = 0; i < draws; i++) sum += sampleNewlyExposed(rng, 5000, 0.02);
    const p = -Math.expm1(-0.02);
    expect(Math.abs(sum / draws - 5000 * p)).toBeLessThanOrEqual(4 * Math.sqrt((5000 * p * (1 - p)) / draws));
  });

  it('counts churn as Poisson(learners × rate × months)', () => {
    const rng = deriveStream(2, 'churn');
    const draws = 5000;
    let sum = 0;
    for (let i = 0; i < draws; i++) sum += sampleMonthlyEvents(rng, 5000, 0.03, 2 * 3_600_000);
    const mean = (5000 * 0.03 * 2) / 730;
    expect(Math.abs(sum / draws - mean)).toBeLessThanOrEqual(4 * Math.sqrt(mean / draws));
  });
});
