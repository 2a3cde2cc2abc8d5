import type { PathSegment } from './problems.js';

/**
 * Where each value of a parsed file sits in its text, keyed like the data (object keys, list
 * indexes), so that a problem found in the data can be pointed at in the file. Built from the YAML
 * document or by the JSON reader; offsets are UTF-16 indexes into the text.
 */
export interface SourceNode {
  /** Offset of the value's first character. */
  offset: number;
  /** Offset of the key that names this value in its parent mapping, if any. */
  keyOffset?: number;
  /** True for a YAML alias (`*name`): a leaf, never expanded. */
  alias?: boolean;
  /** Entries of a mapping (by key) or a list (by index). */
  children?: Map<PathSegment, SourceNode>;
}

/** Something wrong in a text (a syntax error, a duplicate key), at an offset when known. */
export interface SourceFault {
  offset: number | null;
  path: PathSegment[];
  expected: string;
  found: string;
}

/**
 * A text read as data: the value and where each part of it sits, or every fault found. An empty
 * document gives `value: undefined` and `tree: null`.
 */
export type ParsedSource =
  | { ok: true; value: unknown; tree: SourceNode | null }
  | { ok: false; faults: SourceFault[] };

/** A 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Finds a value in a parsed file by its path and says where it is; with `exact`, null when the path is
 * not in the file (otherwise the deepest existing parent's position).
 */
export type Locate = (path: readonly PathSegment[], at?: 'key' | 'value', exact?: boolean) => Position | null;

/**
 * A {@link Locate} over a source tree: the position of the value at `path` (or of its key with
 * `at: 'key'`); for a path that does not exist (a missing field), the deepest existing parent (or null
 * with `exact`). A
 * mapping or list that is a field's value is located at its key: a block collection starts on the
 * line after it, and the key is what the user looks for.
 */
export function makeLocate(root: SourceNode | null, text: string): Locate {
  const positionAt = makePositionAt(text);
  return (path, at = 'value', exact = false) => {
    if (root === null) return null;
    let node = root;
    for (const segment of path) {
      const child = node.children?.get(segment) ?? node.children?.get(String(segment));
      if (child === undefined) return exact ? null : positionAt(node.keyOffset ?? node.offset);
      node = child;
    }
    const atKey = at === 'key' || node.children !== undefined;
    return positionAt(atKey && node.keyOffset !== undefined ? node.keyOffset : node.offset);
  };
}

/**
 * Offset → 1-based line and column, by binary search over line starts. Lines end at `\n`, `\r\n`
 * or a lone `\r`, as in YAML.
 */
export function makePositionAt(text: string): (offset: number) => Position {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 10 || (char === 13 && text.charCodeAt(i + 1) !== 10)) lineStarts.push(i + 1);
  }
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
  };
}
