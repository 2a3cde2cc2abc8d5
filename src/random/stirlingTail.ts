/**
 * `ln k! − [(k + ½)·ln(k + 1) − (k + 1) + ½·ln 2π]` for k = 0..15, from mpmath at 40 digits:
 * `loggamma(k+1) - (k+0.5)*log(k+1) + (k+1) - log(2*pi)/2`.
 */
const TABLE = [
  0.08106146679532726, 0.0413406959554093, 0.02767792568499834, 0.020790672103765093, 0.016644691189821193,
  0.013876128823070748, 0.01189670994589177, 0.010411265261972096, 0.009255462182712733, 0.00833056343336287,
  0.007573675487951841, 0.00694284010720953, 0.006408994188004207, 0.0059513701127588475,
  0.005554733551962801, 0.0052076559196096404,
];

/**
 * The Stirling-series remainder of ln k! (dimensionless), as used by Hörmann's PTRS and BTRS
 * rejection tests: `ln k! = stirlingTail(k) + (k + ½)·ln(k + 1) − (k + 1) + ½·ln 2π`. Exact table for
 * k < 16, four series terms beyond (truncation error below 1e-14).
 *
 * @param k a non-negative integer.
 * @example stirlingTail(0) // 0.0810614667953…
 */
export function stirlingTail(k: number): number {
  if (k < 16) return TABLE[k]!;
  const inverse = 1 / (k + 1);
  const inverseSquared = inverse * inverse;
  return (
    inverse * (1 / 12 - inverseSquared * (1 / 360 - inverseSquared * (1 / 1260 - inverseSquared / 1680)))
  );
}
