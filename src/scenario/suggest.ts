/**
 * The known name closest to a misspelt one, for "did you mean" hints; null when none is close.
 * Close means the same letters in a different case or, for names of 3 or more characters, an edit
 * distance (insertions, deletions, substitutions, adjacent swaps) of at most a third of the length
 * (at least 1).
 *
 * @example closestName('trafic', ['name', 'traffic', 'duration']) // 'traffic'
 * @example closestName('colour', ['name', 'traffic'])             // null
 */
export function closestName(name: string, candidates: readonly string[]): string | null {
  const limit = name.length < 3 ? 0 : Math.max(1, Math.floor(name.length / 3));
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance =
      candidate.toLowerCase() === name.toLowerCase()
        ? 0
        : editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const d: number[] = new Array(rows * columns).fill(0);
  const at = (i: number, j: number): number => d[i * columns + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * columns] = i;
  for (let j = 0; j < columns; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, at(i - 2, j - 2) + 1);
      d[i * columns + j] = value;
    }
  }
  return at(a.length, b.length);
}
