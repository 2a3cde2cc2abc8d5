import { groupThousands } from '../gates/format.js';

/**
 * Report formats beyond the gate catalogue's (percent, ms, count live in `gates/format.ts`): money,
 * ratios and dates (durations: `formatDuration` in `scenario/duration.ts`). Locale-independent, so reports are byte-identical on every machine.
 */

const MONEY_UNITS = [
  { size: 1e12, suffix: 'T' },
  { size: 1e9, suffix: 'B' },
  { size: 1e6, suffix: 'M' },
  { size: 1e3, suffix: 'K' },
] as const;

/**
 * An amount in US dollars. Whole dollars with separators by default; `compact` writes millions and
 * larger with up to three significant digits, the way finance summaries quote them.
 *
 * @example formatMoney(2_900_000) // '$2,900,000'
 * @example formatMoney(2_900_000, { compact: true }) // '$2.9M'
 * @example formatMoney(-1250.4) // '-$1,250'
 */
export function formatMoney(usd: number, options: { compact?: boolean } = {}): string {
  const sign = usd < 0 ? '-' : '';
  const magnitude = Math.abs(usd);
  if (options.compact) {
    const unit = MONEY_UNITS.find(({ size }) => magnitude >= size * 0.9995);
    if (unit !== undefined) {
      const scaled = magnitude / unit.size;
      const decimals = scaled >= 100 ? 0 : scaled >= 10 ? 1 : 2;
      return `${sign}$${Number(scaled.toFixed(decimals))}${unit.suffix}`;
    }
  }
  return `${sign}$${groupThousands(magnitude.toFixed(0))}`;
}

/**
 * A ratio of two numbers as a multiple with three significant digits: `formatRatio(0.01, 0.00079)` →
 * `12.7×`. `∞×` when the denominator is 0 (a ratio to nothing is not a finite claim).
 *
 * @example formatRatio(200, 46) // '4.35×'
 * @example formatRatio(0.0625, 0.015) // '4.17×'
 */
export function formatRatio(numerator: number, denominator: number): string {
  if (denominator === 0) return '∞×';
  const ratio = Math.abs(numerator / denominator);
  const decimals = ratio >= 100 ? 0 : ratio >= 10 ? 1 : 2;
  return `${groupThousands(ratio.toFixed(decimals))}×`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * An ISO-8601 instant as people read it in UTC, to the second when it has seconds:
 * `2025-10-31T13:12:00.000Z` → `Oct 31 2025 13:12 UTC`. Text that is not an instant is returned as is.
 *
 * @example formatDate('2025-10-31T13:12:30Z') // 'Oct 31 2025 13:12:30 UTC'
 */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z$/.exec(iso);
  if (match === null) return iso;
  const [, year, month, day, hours, minutes, seconds] = match;
  const clock = seconds === '00' ? `${hours}:${minutes}` : `${hours}:${minutes}:${seconds}`;
  return `${MONTHS[Number(month) - 1]} ${Number(day)} ${year} ${clock} UTC`;
}

/**
 * UTC hours of the day as a reader scans them: one hour as its start, several as runs of consecutive
 * hours (wrapping past midnight), each run from its first hour's start to its last hour's end.
 *
 * @example formatUtcHours(4) // '04:00 UTC'
 * @example formatUtcHours([2, 3, 4, 9]) // '02:00–05:00 and 09:00–10:00 UTC'
 * @example formatUtcHours([22, 23, 0]) // '22:00–01:00 UTC'
 * @example formatUtcHours([]) // ''
 */
export function formatUtcHours(hours: number | readonly number[]): string {
  const clock = (hour: number) => `${String(hour % 24).padStart(2, '0')}:00`;
  if (typeof hours === 'number') return `${clock(hours)} UTC`;
  const set = new Set(hours);
  if (set.size === 24) return '00:00–24:00 UTC';
  const runs: string[] = [];
  for (const hour of [...set].sort((a, b) => a - b)) {
    if (set.has((hour + 23) % 24)) continue;
    let last = hour;
    while (set.has((last + 1) % 24)) last++;
    runs.push(`${clock(hour)}–${clock(last + 1)}`);
  }
  if (runs.length === 0) return '';
  const text = runs.length === 1 ? runs[0]! : `${runs.slice(0, -1).join(', ')} and ${runs.at(-1)}`;
  return `${text} UTC`;
}
