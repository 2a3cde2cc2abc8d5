/**
 * How many times each value occurred: an exact summary of a sample of whole numbers (elapsed ms,
 * learners) or of labels. Merging two is adding counts, which is exact, commutative and associative,
 * so a sample split across workers or machines merges into the same histogram in any order.
 */
export type CountHistogram<K = number> = Map<K, number>;

/**
 * Adds `count` occurrences of `value`.
 *
 * @example const h = new Map(); addCount(h, 30_000); addCount(h, 30_000); h.get(30_000) // 2
 */
export function addCount<K>(histogram: CountHistogram<K>, value: K, count = 1): void {
  histogram.set(value, (histogram.get(value) ?? 0) + count);
}

/** Adds every count of `source` into `target` (in place). */
export function mergeCountsInto<K>(target: CountHistogram<K>, source: CountHistogram<K>): void {
  for (const [value, count] of source) addCount(target, value, count);
}

/** The number of values counted. */
export function countTotal<K>(histogram: CountHistogram<K>): number {
  let total = 0;
  for (const count of histogram.values()) total += count;
  return total;
}

/** The entries sorted by value (numbers ascending, labels by code unit): a canonical order for files. */
export function sortedEntries<K extends number | string>(histogram: CountHistogram<K>): Array<[K, number]> {
  return [...histogram.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Sample quantiles of the counted values, exactly as `quantiles()` (Hyndman & Fan type 7, R's and
 * numpy's default) would compute them on the expanded sample: with n values sorted, quantile q is
 * x_j + (h − j)(x_{j+1} − x_j), h = (n − 1)q, j = ⌊h⌋; null when nothing was counted.
 *
 * @param probabilities each in [0, 1].
 * @returns one value per probability, in the values' unit.
 * @example histogramQuantiles(new Map([[5, 1], [7, 1], [12, 1], [30, 1]]), [0.5]) // [9.5]
 */
export function histogramQuantiles(
  histogram: CountHistogram<number>,
  probabilities: readonly number[],
): number[] | null {
  const entries = sortedEntries(histogram).filter(([, count]) => count > 0);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  /** The k-th smallest value (0-based). */
  const orderStatistic = (k: number): number => {
    let seen = 0;
    for (const [value, count] of entries) {
      seen += count;
      if (k < seen) return value;
    }
    return entries.at(-1)![0];
  };
  return probabilities.map((q) => {
    if (!(q >= 0 && q <= 1))
      throw new RangeError(`histogramQuantiles: probabilities must be in [0, 1], got ${q}`);
    const h = (total - 1) * q;
    const j = Math.floor(h);
    const below = orderStatistic(j);
    const above = orderStatistic(Math.min(j + 1, total - 1));
    return below + (h - j) * (above - below);
  });
}

/** The mean of the counted values (an exact integer sum divided once); null when nothing was counted. */
export function histogramMean(histogram: CountHistogram<number>): number | null {
  let total = 0;
  let sum = 0;
  for (const [value, count] of histogram) {
    total += count;
    sum += value * count;
  }
  return total === 0 ? null : sum / total;
}
