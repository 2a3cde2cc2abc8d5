/**
 * Bucket indices `low..high` (inclusive) outside which every count of a histogram is known to be zero;
 * empty when `high < low`. Lets callers that track the buckets they touched skip the empty ones.
 */
export interface BucketRange {
  low: number;
  high: number;
}

/**
 * The `q`-quantile of a bucketed histogram, computed exactly as Prometheus' `histogram_quantile` does
 * for classic histograms (promql/quantile.go, `bucketQuantile`), so a rehearsal's p99 is the number a
 * production dashboard would show for the same requests.
 *
 * - rank = q × total; the answer lies in the first bucket whose cumulative count reaches the rank, and is
 *   interpolated linearly between that bucket's lower and upper bound;
 * - the lowest bucket's lower bound is 0 when its upper bound is > 0; when its upper bound is ≤ 0 that bound
 *   itself is returned;
 * - a rank in the +Inf bucket returns the largest finite bound;
 * - q < 0 → -Infinity, q > 1 → +Infinity (checked first, as Prometheus does);
 * - null where Prometheus returns NaN: q is NaN, no finite bucket, no observations, and the 0/0 of q = 0
 *   with an empty lowest bucket.
 *
 * Allocates nothing and reads the buckets twice at most (a sum, then a walk down from the top): it is
 * called for every latency guard of every 30 s interval. Given `nonEmpty`, the buckets outside it are
 * taken as zero and never read, so a window of a few requests costs a few reads; the answer is the same.
 *
 * @param q quantile in [0, 1], e.g. 0.99
 * @param boundsMs finite bucket upper bounds, strictly increasing (ms for latency; any unit works)
 * @param counts observations per bucket (not cumulative), `boundsMs.length + 1` of them, the last +Inf
 * @param nonEmpty optional range of bucket indices holding every non-zero count
 * @returns the quantile in the unit of `boundsMs`, or null when there is no value
 * @example histogramQuantile(0.5, [10, 20], [2, 2, 0]) // 10: rank 2 is the top of the first bucket
 */
export function histogramQuantile(
  q: number,
  boundsMs: readonly number[],
  counts: readonly number[],
  nonEmpty?: BucketRange,
): number | null {
  if (Number.isNaN(q)) return null;
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  if (counts.length !== boundsMs.length + 1) {
    throw new Error(`histogramQuantile: ${counts.length} counts for ${boundsMs.length} finite bounds`);
  }
  if (boundsMs.length === 0) return null;
  const low = nonEmpty === undefined ? 0 : Math.max(0, nonEmpty.low);
  const high = nonEmpty === undefined ? counts.length - 1 : Math.min(counts.length - 1, nonEmpty.high);
  let total = 0;
  // An indexed loop: for-of over the array takes twice as long here. Counts are integers, so the sum is
  // exact in any order and over any range that holds them all.
  for (let i = low; i <= high; i++) total += counts[i]!;
  if (total === 0) return null;

  const rank = q * total;
  const last = boundsMs.length - 1;
  let cumulative = total - counts[last + 1]!;
  if (cumulative < rank) return boundsMs[last]!;
  // Walk down from the top (latency quantiles sit there) to the lowest bucket whose cumulative count still
  // reaches the rank: the bucket Prometheus' binary search finds. Empty buckets above `high` never stop
  // the walk (cumulative already reaches the rank), so it may start at `high`.
  let b = Math.min(last, high);
  while (b > 0 && cumulative - counts[b]! >= rank) {
    cumulative -= counts[b]!;
    b--;
  }
  const upper = boundsMs[b]!;
  if (b === 0 && upper <= 0) return upper;
  const inBucket = counts[b]!;
  const below = b === 0 ? 0 : cumulative - inBucket;
  const lower = b === 0 ? 0 : boundsMs[b - 1]!;
  const value = lower + (upper - lower) * ((rank - below) / inBucket);
  return Number.isNaN(value) ? null : value;
}
