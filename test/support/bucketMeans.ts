import { expect } from 'vitest';

/**
 * Checks a histogram sampler's bucket means: `draw()` returns one draw of `n` requests as counts per bucket;
 * over `draws` draws each bucket's total is Binomial(n·draws, p_k), so its mean per draw has standard error
 * sqrt(n·p_k·(1 − p_k) / draws), and the tolerance is 4 of those. Every draw must hold exactly n requests.
 */
export function expectBucketMeans(
  probabilities: ArrayLike<number>,
  n: number,
  draws: number,
  draw: () => readonly number[],
): void {
  const totals = new Array<number>(probabilities.length).fill(0);
  for (let d = 0; d < draws; d++) {
    const counts = draw();
    expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
    counts.forEach((count, k) => {
      totals[k] = totals[k]! + count;
    });
  }
  totals.forEach((total, k) => {
    const p = probabilities[k]!;
    const se = Math.sqrt((n * p * (1 - p)) / draws);
    expect(Math.abs(total / draws - n * p)).toBeLessThanOrEqual(4 * se + 1e-12);
  });
}
