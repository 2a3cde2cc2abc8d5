import { stableNumber } from '../report/index.js';

const INDENT = '  ';

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

function write(value: unknown, indent: string): string {
  // A probability over zero runs is NaN (docs/decisions.md) and is written as null.
  if (typeof value === 'number') return Number.isNaN(value) ? 'null' : JSON.stringify(stableNumber(value));
  if (isScalar(value)) return JSON.stringify(value);
  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(isScalar)) return `[${value.map((item) => write(item, inner)).join(', ')}]`;
    return `[\n${value.map((item) => inner + write(item, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${write(item, inner)}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

/**
 * A risk file's JSON as bytes, in the same layout as `results.json` (two-space indent, lists of plain
 * values on one line, keys in construction order, numbers to 12 significant digits, NaN as null, final
 * newline): same study ⇒ same bytes, on every machine and however the runs were split.
 */
export function stringifyRisk(value: object): string {
  return `${write(value, '')}\n`;
}
