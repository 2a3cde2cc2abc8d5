/**
 * The numbers behind derived statements in reports, computed so that none is typed by hand. Wording
 * and units belong to the report helpers; these return plain numbers.
 */

/**
 * How many times below a limit an observed value is: limit / observed. Infinity when the observed
 * value is 0 (no finite ratio exists; the report says "0, below any limit" instead).
 *
 * @example ratioBelow(46, 200) // 4.35 → "46 ms is 4.3× below the 200 ms limit"
 * @example ratioBelow(0.00079, 0.01) // 12.66 → "0.079% is 12.7× below 1%" (not "88×")
 */
export function ratioBelow(observed: number, limit: number): number {
  return limit / observed;
}

/**
 * How many times above a floor an observed value is: observed / limit.
 *
 * @example ratioAbove(300, 250) // 1.2 → "300 ms is 1.2× the 250 ms guard"
 */
export function ratioAbove(observed: number, limit: number): number {
  return observed / limit;
}

/**
 * A relative rate applied to an amount: rate × amount.
 *
 * @example shareOf(0.058, 50_000_000) // 2_900_000 → "+5.8% of $50M is $2.9M a year" (not $72.6M)
 */
export function shareOf(rate: number, amount: number): number {
  return rate * amount;
}

/**
 * The margin between a value and its limit, as a fraction of the limit: (limit − observed) / limit
 * for an upper limit (negative when the limit is breached).
 *
 * @example headroom(46, 200) // 0.77 → "77% headroom below 200 ms"
 */
export function headroom(observed: number, limit: number): number {
  return (limit - observed) / limit;
}
