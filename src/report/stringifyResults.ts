import type { Results } from './results.js';
import { stableNumber } from './stableNumber.js';

const INDENT = '  ';

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

function write(value: unknown, indent: string): string {
  if (typeof value === 'number') return JSON.stringify(stableNumber(value));
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
 * `results.json` as bytes: JSON indented by two spaces, lists of plain values (latency buckets,
 * checkpoint offsets) on one line, keys in the order `buildResults` creates them (fixed by construction,
 * never by the input's order), every number through {@link stableNumber}, and a final newline. Same
 * results ⇒ same bytes, on every machine.
 */
export function stringifyResults(results: Results): string {
  return `${write(results, '')}\n`;
}
