/** Names of the usual probabilities, so that `quantiles(x, [0.1, 0.5, 0.9]).p50` is typed `number`. */
interface PercentileNames {
  '0': 'p0';
  '0.01': 'p1';
  '0.025': 'p2.5';
  '0.05': 'p5';
  '0.1': 'p10';
  '0.25': 'p25';
  '0.5': 'p50';
  '0.75': 'p75';
  '0.9': 'p90';
  '0.95': 'p95';
  '0.975': 'p97.5';
  '0.99': 'p99';
  '0.999': 'p99.9';
  '1': 'p100';
}

/** The key of probability Q: `p` followed by the percentage, e.g. 0.1 → `p10`, 0.999 → `p99.9`. */
export type QuantileKey<Q extends number> = `${Q}` extends keyof PercentileNames
  ? PercentileNames[`${Q}`]
  : `p${number}`;

/** Sample quantiles keyed by percentage. */
export type Quantiles<Q extends readonly number[]> = { [K in Q[number] as QuantileKey<K>]: number };

const DEFAULT_PROBABILITIES = [0.1, 0.5, 0.9] as const;

/**
 * Sample quantiles by linear interpolation between order statistics: Hyndman & Fan's type 7, the
 * default of R's `quantile` and numpy's `quantile` (`method='linear'`). With n sorted values x₀…x₍ₙ₋₁₎,
 * quantile q is x_j + (h − j)(x_{j+1} − x_j) with h = (n − 1)q and j = ⌊h⌋.
 *
 * @param values a non-empty sample, finite numbers in any order (not modified); same unit as the result.
 * @param probabilities which quantiles, each in [0, 1]; default [0.1, 0.5, 0.9].
 * @returns one entry per probability, keyed `p` + percentage.
 * @example quantiles([12, 5, 7, 30], [0.1, 0.5, 0.9]) // { p10: 5.6, p50: 9.5, p90: 24.6 }
 */
export function quantiles<const Q extends readonly number[] = typeof DEFAULT_PROBABILITIES>(
  values: ArrayLike<number>,
  probabilities: Q = DEFAULT_PROBABILITIES as unknown as Q,
): Quantiles<Q> {
  if (values.length === 0) throw new RangeError('quantiles: values must not be empty');
  const sorted = Float64Array.from(values);
  if (sorted.some((v) => !Number.isFinite(v))) {
    throw new RangeError('quantiles: values must be finite numbers');
  }
  sorted.sort();
  const result: Record<string, number> = {};
  for (const q of probabilities) {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`quantiles: probabilities must be in [0, 1], got ${q}`);
    const h = (sorted.length - 1) * q;
    const j = Math.floor(h);
    const below = sorted[j]!;
    const above = sorted[Math.min(j + 1, sorted.length - 1)]!;
    result[`p${Number((q * 100).toPrecision(12))}`] = below + (h - j) * (above - below);
  }
  return result as Quantiles<Q>;
}
