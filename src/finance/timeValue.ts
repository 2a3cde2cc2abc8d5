/**
 * Time arithmetic of the projection. Money is valued in years of 365 days (the unit of
 * `baselineAnnualRevenueUsd` and `discountRatePerYear`); rollout timelines are in ms from the rollout start.
 */

/** Milliseconds in a day. */
export const MS_PER_DAY = 86_400_000;

/** Milliseconds in a valuation year of 365 days. */
export const MS_PER_YEAR = 365 * MS_PER_DAY;

/** Months in a year; a month is 365 / 12 = 30.42 days. */
export const MONTHS_PER_YEAR = 12;

/**
 * ∫ e^(−ρ t) dt from `fromYears` to `toYears`: the present value, in years, of a stream of 1 per year
 * discounted continuously at `ratePerYear` (ρ). With ρ = 0 it is the plain duration.
 *
 * @example discountedYears(0, 1, 0) // 1
 * @example discountedYears(0, 1, 0.1) // (1 − e^−0.1) / 0.1 = 0.9516
 */
export function discountedYears(fromYears: number, toYears: number, ratePerYear: number): number {
  const durationYears = toYears - fromYears;
  if (durationYears <= 0) return 0;
  if (ratePerYear === 0) return durationYears;
  return (Math.exp(-ratePerYear * fromYears) * -Math.expm1(-ratePerYear * durationYears)) / ratePerYear;
}

/**
 * ∫ from a to b of ∫ from t to H of e^(−ρ s) ds dt, in years²: the present value of a stream that
 * starts at each moment t of [a, b] (at a rate of 1 per year per year) and then lasts to the horizon H.
 * It values learners retained at t who keep paying until the horizon. With ρ = 0 it is
 * `(b − a) · (H − (a + b) / 2)`.
 */
export function discountedRemainingYears(
  fromYears: number,
  toYears: number,
  horizonYears: number,
  ratePerYear: number,
): number {
  const durationYears = Math.min(toYears, horizonYears) - fromYears;
  if (durationYears <= 0) return 0;
  const endYears = fromYears + durationYears;
  // Below ~1e-9 the discounted form loses digits to cancellation; the plain form is exact there.
  if (ratePerYear * horizonYears < 1e-9) return durationYears * (horizonYears - (fromYears + endYears) / 2);
  const streams = discountedYears(fromYears, endYears, ratePerYear);
  return (streams - durationYears * Math.exp(-ratePerYear * horizonYears)) / ratePerYear;
}
