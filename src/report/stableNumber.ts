import { InternalError } from '../errors.js';

const SIGNIFICANT_DIGITS = 12;

/**
 * A number as outputs record it: rounded to 12 significant digits and `-0` written as `0`, so that the
 * last bits of floating-point sums never show in `results.json` or CSV files (12 digits keep far more
 * precision than any metric has). Integers pass unchanged. Non-finite numbers are a bug upstream.
 *
 * @example stableNumber(0.1 + 0.2) // 0.3
 * @example stableNumber(-0) // 0
 */
export function stableNumber(value: number): number {
  if (!Number.isFinite(value)) throw new InternalError(`cannot record the non-finite number ${value}`);
  if (Number.isInteger(value)) return value === 0 ? 0 : value;
  const rounded = Number(value.toPrecision(SIGNIFICANT_DIGITS));
  return rounded === 0 ? 0 : rounded;
}
