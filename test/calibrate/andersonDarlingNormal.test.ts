import { describe, expect, it } from 'vitest';
import { andersonDarlingNormal } from '../../src/calibrate/index.js';

// Samples drawn once with numpy (default_rng(20251031)): normal(3.2, 0.26, 25), exponential(1, 40),
// uniform(0, 1, 50), rounded to 4 decimals and embedded here.
const NORMAL_25 = [
  3.003, 3.3474, 3.2211, 2.9062, 2.8905, 3.3559, 3.5554, 3.3693, 3.119, 2.8446, 2.8972, 3.5192, 2.9676,
  3.1364, 3.0119, 3.0561, 3.8729, 2.6561, 2.7004, 2.9462, 3.4004, 3.3682, 3.7543, 3.3592, 2.7253,
];
const EXPONENTIAL_40 = [
  1.4476, 0.8031, 3.0966, 0.9106, 0.2318, 1.6505, 0.5311, 1.4945, 0.4813, 0.546, 0.0195, 0.9125, 0.8837,
  0.1828, 0.2701, 0.2399, 1.2892, 1.0904, 0.1768, 2.3727, 0.8452, 0.7734, 0.6372, 0.5524, 0.5128, 0.4262,
  0.9448, 1.8515, 2.1639, 1.712, 0.0633, 0.3988, 2.1031, 0.8826, 0.3479, 0.4119, 0.0152, 0.0241, 2.3043,
  1.175,
];
const UNIFORM_50 = [
  0.9518, 0.1475, 0.0974, 0.1989, 0.0953, 0.3393, 0.285, 0.5576, 0.6424, 0.9775, 0.7224, 0.4989, 0.8418,
  0.3622, 0.444, 0.0788, 0.3508, 0.7774, 0.401, 0.0793, 0.209, 0.4282, 0.9108, 0.967, 0.5236, 0.9757, 0.731,
  0.4584, 0.5989, 0.3472, 0.9444, 0.6479, 0.1232, 0.4391, 0.4841, 0.9523, 0.0215, 0.9654, 0.4884, 0.4296,
  0.3626, 0.3617, 0.6531, 0.414, 0.5113, 0.1798, 0.8842, 0.6328, 0.8966, 0.5903,
];

/**
 * References from scipy 1.17:
 *   statistic: scipy.stats.anderson(x, 'norm', method='interpolate').statistic
 *   p: scipy.stats.goodness_of_fit(scipy.stats.norm, x, statistic='ad', n_mc_samples=100_000,
 *      rng=numpy.random.default_rng(1)).pvalue  (Monte Carlo with the parameters re-estimated each draw)
 * Tolerance on p: the D'Agostino–Stephens formulas are accurate to about 0.01, plus 3 Monte Carlo standard
 * errors (√(p(1−p)/100,000) ≤ 0.0016): 0.015.
 */
describe('andersonDarlingNormal', () => {
  it.each([
    ['normal, n = 25', NORMAL_25, 0.3657748931124196, 0.4168658313416866],
    ['exponential, n = 40', EXPONENTIAL_40, 1.1797023347678675, 0.003179968200317997],
    ['uniform, n = 50', UNIFORM_50, 0.6787502889779375, 0.07113928860711392],
  ])('%s: A² and p as scipy', (_name, values, statistic, pValue) => {
    const result = andersonDarlingNormal(values);
    expect(result.n).toBe(values.length);
    expect(result.statistic).toBeCloseTo(statistic, 10);
    expect(Math.abs(result.pValue - pValue)).toBeLessThan(0.015);
  });

  it('needs at least 8 values that are not all equal', () => {
    expect(() => andersonDarlingNormal([1, 2, 3])).toThrow(RangeError);
    expect(() => andersonDarlingNormal(Array.from({ length: 10 }, () => 5))).toThrow(RangeError);
  });
});
