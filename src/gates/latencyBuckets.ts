const SMALLEST_BOUND_MS = 1;
const LARGEST_BOUND_MS = 120_000;
const GROWTH_PER_BUCKET = 1.05;

/**
 * The default latency bucket upper bounds, ms: log-spaced from 1 ms to 120,000 ms (2 minutes), each 5% above
 * the previous one and rounded to 4 significant digits (241 bounds, 242 buckets with +Inf). With
 * Prometheus-style linear interpolation inside a 5%-wide bucket, quantiles of a smooth latency distribution
 * come out within ~2.5% of the true value (the tests check this against a lognormal's closed form).
 *
 * @example defaultLatencyBucketsMs().slice(0, 4) // [1, 1.05, 1.103, 1.158]
 */
export function defaultLatencyBucketsMs(): number[] {
  const boundsMs: number[] = [];
  for (let i = 0; ; i++) {
    const boundMs = Number((SMALLEST_BOUND_MS * GROWTH_PER_BUCKET ** i).toPrecision(4));
    if (boundMs >= LARGEST_BOUND_MS) break;
    boundsMs.push(boundMs);
  }
  boundsMs.push(LARGEST_BOUND_MS);
  return boundsMs;
}

/**
 * The first bucket whose upper bound lies above `thresholdMs` (or at it, when `inclusive`): where a
 * latency above (at or above) the threshold may be counted; `boundsMs.length` when none does.
 *
 * @example firstBucketAbove([100, 200, 300], 200) // 2
 */
export function firstBucketAbove(
  boundsMs: readonly number[],
  thresholdMs: number,
  inclusive = false,
): number {
  let first = 0;
  while (
    first < boundsMs.length &&
    (inclusive ? boundsMs[first]! < thresholdMs : boundsMs[first]! <= thresholdMs)
  )
    first++;
  return first;
}
