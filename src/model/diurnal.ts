const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * 24 hourly traffic factors (UTC hours 0..23) scaled to mean 1, so the profile moves traffic within the
 * day without changing the daily total. Null (no profile) stays null: the factor is then 1.
 *
 * @example normaliseDiurnalProfile([1, 3, ...22 more]) // each divided by the mean
 */
export function normaliseDiurnalProfile(
  hourlyFactors: readonly number[] | null | undefined,
): Float64Array | null {
  if (!hourlyFactors) return null;
  if (hourlyFactors.length !== 24)
    throw new RangeError(`diurnal profile: need 24 hourly factors, got ${hourlyFactors.length}`);
  let sum = 0;
  for (const factor of hourlyFactors) sum += factor;
  if (!(sum > 0)) throw new RangeError('diurnal profile: the factors must have a positive mean');
  return Float64Array.from(hourlyFactors, (factor) => (factor * 24) / sum);
}

/**
 * The UTC hour of the day (0..23) in which an absolute time (epoch ms) falls: the hour whose factor the
 * diurnal profile gives it.
 *
 * @example utcHourOf(Date.UTC(2025, 9, 31, 12, 59)) // 12
 */
export function utcHourOf(timeMs: number): number {
  const msOfDay = ((timeMs % DAY_MS) + DAY_MS) % DAY_MS;
  return Math.floor(msOfDay / HOUR_MS);
}

/**
 * The traffic factor at an absolute time (epoch ms, UTC): the normalised profile's factor for the hour
 * in which `timeMs` falls, or 1 without a profile. The engine applies the factor of an interval's start
 * to the whole interval.
 *
 * @example diurnalFactor(null, Date.UTC(2025, 9, 31, 12)) // 1
 */
export function diurnalFactor(profile: Float64Array | null, timeMs: number): number {
  if (profile === null) return 1;
  return profile[utcHourOf(timeMs)]!;
}
