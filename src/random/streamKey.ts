/** A path element of a stream key: a finite number or a string (`17` and `'17'` differ). */
export type StreamKeyPart = string | number;

function checkPath(path: readonly StreamKeyPart[]): void {
  for (const part of path) {
    if (typeof part === 'number' && !Number.isFinite(part)) {
      throw new RangeError(`streamKey: path numbers must be finite, got ${part}`);
    }
  }
}

/**
 * The key {@link deriveStream} seeds a stream from: `(seed, ...path)` as canonical JSON. JSON formats
 * numbers and quotes strings by exact rules, so the key (and the stream) is the same on every machine,
 * and no two different paths share a key (finite numbers only: JSON writes NaN and ±Infinity as `null`).
 *
 * @example streamKey(20251031, [17, 'traffic']) // '[20251031,17,"traffic"]'
 */
export function streamKey(seed: number, path: readonly StreamKeyPart[]): string {
  if (!Number.isFinite(seed)) throw new RangeError(`streamKey: seed must be a finite number, got ${seed}`);
  checkPath(path);
  return JSON.stringify([seed, ...path]);
}

/**
 * The start of {@link streamKey}, `[seed` and the path so far: `streamKeyHead(seed, head) +
 * streamKeyTail(tail)` is `streamKey(seed, [...head, ...tail])`. A caller that derives the same purposes
 * (tails) for many runs (heads) formats each part once and joins two strings per stream.
 *
 * @example streamKeyHead(20251031, [17]) // '[20251031,17'
 */
export function streamKeyHead(seed: number, head: readonly StreamKeyPart[]): string {
  return streamKey(seed, head).slice(0, -1);
}

/**
 * The end of {@link streamKey} after a {@link streamKeyHead}: the rest of the path and the closing `]`.
 *
 * @example streamKeyTail(['requests', 'candidate', 0]) // ',"requests","candidate",0]'
 */
export function streamKeyTail(tail: readonly StreamKeyPart[]): string {
  checkPath(tail);
  return tail.length === 0 ? ']' : `,${JSON.stringify(tail).slice(1)}`;
}
