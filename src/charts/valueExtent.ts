/**
 * The smallest and the largest of `values` (at least one), as a scale's domain; when they are equal, a
 * span of 1% of the value (or ±1 about 0) around it, so the scale still has a direction and ticks.
 *
 * @example valueExtent([0.004, 0.01, 0]) // [0, 0.01]
 * @example valueExtent([5, 5]) // [4.95, 5.05]
 */
export function valueExtent(values: readonly number[]): [number, number] {
  const low = Math.min(...values);
  const high = Math.max(...values);
  if (low < high) return [low, high];
  const span = Math.abs(low) / 100 || 1;
  return [low - span, low + span];
}
