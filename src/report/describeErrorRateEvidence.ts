import { formatCount, formatPercent, type Operator } from '../gates/index.js';
import { clopperPearsonInterval } from '../stats/index.js';

/**
 * What an error count can show about an upper limit on the error rate, as a sentence with the 95%
 * Clopper–Pearson interval: a rate under the limit is only shown when the whole interval is under it.
 * Null for conditions that are not an upper limit, or without requests.
 *
 * @example describeErrorRateEvidence(0, 380, 'below', 0.01)
 * // '0 errors in 380 requests: 95% interval 0.00% to 0.97%, entirely below the 1.00% limit'
 * @example describeErrorRateEvidence(0, 200, 'below', 0.01)
 * // '0 errors in 200 requests: 95% interval 0.00% to 1.83%, which does not exclude the 1.00% limit'
 */
export function describeErrorRateEvidence(
  errors: number,
  requests: number,
  op: Operator,
  threshold: number,
): string | null {
  if ((op !== 'below' && op !== 'max') || requests === 0) return null;
  const [lower, upper] = clopperPearsonInterval(errors, requests);
  const limit = `the ${formatPercent(threshold)} limit`;
  const verdict =
    upper < threshold
      ? `entirely below ${limit}`
      : lower > threshold
        ? `entirely above ${limit}`
        : `which does not exclude ${limit}`;
  const counted = `${formatCount(errors)} error${errors === 1 ? '' : 's'} in ${formatCount(requests)} request${requests === 1 ? '' : 's'}`;
  return `${counted}: 95% interval ${formatPercent(lower)} to ${formatPercent(upper)}, ${verdict}`;
}
