import { stableNumber } from './stableNumber.js';

const INDENT = '  ';

/** How {@link stringifyStable} writes what plain JSON cannot. */
export interface StringifyStableOptions {
  /** Write NaN as null (a probability over zero runs); otherwise a NaN is a bug and throws. */
  nanAsNull?: boolean;
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

function write(value: unknown, indent: string, nanAsNull: boolean): string {
  if (typeof value === 'number') {
    return nanAsNull && Number.isNaN(value) ? 'null' : JSON.stringify(stableNumber(value));
  }
  if (isScalar(value)) return JSON.stringify(value);
  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(isScalar)) return `[${value.map((item) => write(item, inner, nanAsNull)).join(', ')}]`;
    return `[\n${value.map((item) => inner + write(item, inner, nanAsNull)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
  if (entries.length === 0) return '{}';
  const lines = entries.map(
    ([key, item]) => `${inner}${JSON.stringify(key)}: ${write(item, inner, nanAsNull)}`,
  );
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

/**
 * A results file's JSON as bytes that depend on nothing but the value: indented by two spaces, lists
 * of plain values (latency buckets, checkpoint offsets) on one line, keys in the order the value was
 * built in (fixed by construction, never by an input's order), `undefined` fields left out, every
 * number through {@link stableNumber}, and a final newline. Same value ⇒ same bytes, on every machine.
 * `results.json` and `risk.json` are written with it.
 *
 * @throws InternalError on a non-finite number (NaN too, unless `nanAsNull`).
 * @example stringifyStable({ p: 0.1 + 0.2, buckets: [5, 10] }) // '{\n  "p": 0.3,\n  "buckets": [5, 10]\n}\n'
 */
export function stringifyStable(value: unknown, options: StringifyStableOptions = {}): string {
  return `${write(value, '', options.nanAsNull ?? false)}\n`;
}
