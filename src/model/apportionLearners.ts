/**
 * Splits `learners` (a whole number) across segments by their shares with the largest-remainder
 * method, so the parts are whole learners that add up to the total and each is within one learner of
 * `learners · share`. Ties go to the earlier segment.
 *
 * @example apportionLearners(5000, [0.15, 0.35, 0.5]) // [750, 1750, 2500]
 * @example apportionLearners(10, [1 / 3, 1 / 3, 1 / 3]) // [4, 3, 3]
 */
export function apportionLearners(learners: number, shares: readonly number[]): number[] {
  let shareTotal = 0;
  for (const share of shares) shareTotal += share;
  const exact = shares.map((share) => (shareTotal > 0 ? (learners * share) / shareTotal : 0));
  const parts = exact.map((value) => Math.floor(value));
  let left = learners - parts.reduce((sum, part) => sum + part, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    parts[index] = parts[index]! + 1;
    left--;
  }
  return parts;
}
