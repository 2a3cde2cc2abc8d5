import { describe, expect, it } from 'vitest';
import { chiSquareTwoSample, ksTwoSample } from './twoSample.js';

describe('two-sample test helpers (values from scipy.stats)', () => {
  it('KS: D and asymptotic p-value', () => {
    // ks_2samp([1..10], [6..15]) → D = 0.5
    const a = Array.from({ length: 10 }, (_, i) => i + 1);
    const b = Array.from({ length: 10 }, (_, i) => i + 6);
    const { d, pValue } = ksTwoSample(a, b);
    expect(d).toBeCloseTo(0.5, 12);
    // scipy.stats.kstwobign.sf((√5 + 0.12 + 0.11/√5) · 0.5): effective size 10·10/20 = 5.
    expect(pValue).toBeCloseTo(0.1108403374132281, 10);
    expect(ksTwoSample(a, a).d).toBe(0);
  });

  it('chi-square homogeneity: statistic, df and p-value', () => {
    // chi2_contingency([[10, 20, 30], [20, 20, 20]], correction=False) → 5.333..., df 2, p 0.0695
    const { statistic, df, pValue } = chiSquareTwoSample([10, 20, 30], [20, 20, 20]);
    expect(statistic).toBeCloseTo(5.3333333, 6);
    expect(df).toBe(2);
    expect(pValue).toBeCloseTo(0.069483, 5);
  });
});
