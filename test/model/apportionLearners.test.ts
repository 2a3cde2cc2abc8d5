import { describe, expect, it } from 'vitest';
import { apportionLearners } from '../../src/model/index.js';

describe('apportionLearners', () => {
  it.each([
    [5000, [0.15, 0.35, 0.5], [750, 1750, 2500]],
    [10, [1 / 3, 1 / 3, 1 / 3], [4, 3, 3]],
    [7, [0.5, 0.5], [4, 3]],
    [0, [0.2, 0.8], [0, 0]],
    [
      500_000,
      [0.15, 0.12, 0.18, 0.1, 0.17, 0.08, 0.12, 0.08],
      [75_000, 60_000, 90_000, 50_000, 85_000, 40_000, 60_000, 40_000],
    ],
  ])('%d learners over %j → %j', (learners, shares, parts) => {
    expect(apportionLearners(learners, shares)).toEqual(parts);
  });

  it('always adds up and stays within one learner of the exact share', () => {
    const shares = [0.013, 0.291, 0.4, 0.296];
    for (let learners = 0; learners < 300; learners++) {
      const parts = apportionLearners(learners, shares);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(learners);
      parts.forEach((part, i) => {
        expect(Math.abs(part - learners * shares[i]!)).toBeLessThan(1);
      });
    }
  });
});
