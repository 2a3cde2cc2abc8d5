/**
 * A gate's verdict, a closed set with an order: `pass < inconclusive < fail`.
 * "Cannot evaluate" (no data, too few requests) is `inconclusive`, never a silent pass.
 */
export type Verdict = 'pass' | 'inconclusive' | 'fail';

/** All verdicts, from best to worst. */
export const VERDICTS = ['pass', 'inconclusive', 'fail'] as const satisfies readonly Verdict[];

const RANK: Record<Verdict, number> = { pass: 0, inconclusive: 1, fail: 2 };

/**
 * The worst of the given verdicts; `pass` (the identity) when none is given.
 * Commutative and associative, so a checkpoint, a phase or a whole rollout is "the worst of its parts".
 *
 * @example worst('pass', 'inconclusive') // 'inconclusive'
 * @example worst() // 'pass'
 */
export function worst(...verdicts: readonly Verdict[]): Verdict {
  let result: Verdict = 'pass';
  for (const verdict of verdicts) {
    if (RANK[verdict] > RANK[result]) result = verdict;
  }
  return result;
}
