/**
 * Number formatting for reasons. Locale-independent (always `,` thousands and `.` decimals) so that
 * reports are byte-identical on every machine.
 */

const MAX_DECIMALS = 6;

const DIGIT_0 = 48;
const DIGIT_9 = 57;

/**
 * Inserts `,` every three digits of the integer part of a non-negative number's `toFixed` output:
 * `7412.5` → `7,412.5`. `NaN`, `Infinity` and exponent forms (`1e+21`) come back as they are. Below 1,000
 * it returns its input and allocates nothing: reasons format numbers for every gate of every checkpoint.
 *
 * @example groupThousands('1234567.25') // '1,234,567.25'
 */
export function groupThousands(fixed: string): string {
  let integerDigits = 0;
  while (integerDigits < fixed.length) {
    const code = fixed.charCodeAt(integerDigits);
    if (code < DIGIT_0 || code > DIGIT_9) break;
    integerDigits++;
  }
  if (integerDigits <= 3) return fixed;
  if (integerDigits < fixed.length && fixed[integerDigits] !== '.') return fixed;
  const firstGroup = integerDigits % 3 || 3;
  let grouped = fixed.slice(0, firstGroup);
  for (let start = firstGroup; start < integerDigits; start += 3) {
    grouped += `,${fixed.slice(start, start + 3)}`;
  }
  return grouped + fixed.slice(integerDigits);
}

/**
 * Decimals that show two significant digits of a percentage's distance to 0% or to 100%,
 * at least 2 and trailing zeros beyond 2 dropped: 0.62%, 0.079%, 99.97%, 99.953%, 12.50%.
 */
function formatPercentNumber(percent: number): string {
  const distance = Math.min(Math.abs(percent), Math.abs(100 - percent));
  const decimals =
    distance === 0 || distance >= 1
      ? 2
      : Math.min(MAX_DECIMALS, Math.max(2, 1 - Math.floor(Math.log10(distance))));
  let text = Math.abs(percent).toFixed(decimals);
  for (let extra = decimals; extra > 2 && text.endsWith('0'); extra--) text = text.slice(0, -1);
  return groupThousands(text);
}

/** A fraction as a percentage: `formatPercent(0.0062)` → `0.62%`, `formatPercent(0.9997)` → `99.97%`. */
export function formatPercent(fraction: number): string {
  return `${fraction < 0 ? '-' : ''}${formatPercentNumber(fraction * 100)}%`;
}

/** A relative change as a signed percentage: `formatSignedPercent(0.0037)` → `+0.37%`; zero → `0.00%`. */
export function formatSignedPercent(fraction: number): string {
  const sign = fraction > 0 ? '+' : fraction < 0 ? '-' : '';
  return `${sign}${formatPercentNumber(fraction * 100)}%`;
}

/** A difference of two rates in percentage points: `formatPercentagePoints(0.0035)` → `0.35 pp`. */
export function formatPercentagePoints(fraction: number): string {
  return `${fraction < 0 ? '-' : ''}${formatPercentNumber(fraction * 100)} pp`;
}

/** A latency in ms: whole ms from 10 ms (`46 ms`, `1,204 ms`), one decimal below (`4.5 ms`), two below 1 ms. */
export function formatMs(ms: number): string {
  const magnitude = Math.abs(ms);
  const decimals = magnitude >= 10 ? 0 : magnitude >= 1 ? 1 : 2;
  return `${ms < 0 ? '-' : ''}${groupThousands(magnitude.toFixed(decimals))} ms`;
}

/** A count with thousands separators: `formatCount(7412)` → `7,412`; non-integers keep two decimals. */
export function formatCount(count: number): string {
  const magnitude = Math.abs(count);
  // A safe integer's String() is its toFixed(0) (beyond 2^53 they differ), and V8 serves recent ones from
  // its number-string cache instead of allocating.
  const text = groupThousands(
    Number.isSafeInteger(magnitude)
      ? String(magnitude)
      : magnitude.toFixed(Number.isInteger(magnitude) ? 0 : 2),
  );
  return `${count < 0 ? '-' : ''}${text}`;
}
