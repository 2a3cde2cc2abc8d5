import type { PathSegment } from '../scenario/problems.js';

/** A plain mapping read from YAML. */
export type Fields = Record<string, unknown>;

/** True for a YAML mapping (not a list, not null). */
export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path` inside `value`, or undefined when any step is missing. */
export function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let node = value;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else if (isFields(node)) node = node[String(segment)];
    else return undefined;
  }
  return node;
}

/** The list at `path`, or an empty one when there is none (the scenario loader reports a bad value). */
export function listAt(value: unknown, path: readonly PathSegment[]): unknown[] {
  const list = valueAt(value, path);
  return Array.isArray(list) ? list : [];
}
