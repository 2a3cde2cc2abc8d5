/**
 * A gate's verdict, a closed set with an order: `pass < inconclusive < fail`.
 * "Cannot evaluate" (no data, too few requests) is `inconclusive`, never a silent pass.
 */
export type Verdict = 'pass' | 'inconclusive' | 'fail';

/** All verdicts, from best to worst. */
export const VERDICTS = ['pass', 'inconclusive', 'fail'] as const satisfies readonly Verdict[];

/**
 * The worst of the given verdicts; `pass` (the identity) when none is given.
 * Commutative and associative, so a checkpoint, a phase or a whole rollout is "the worst of its parts".
 *
 * @example worst('pass', 'inconclusive') // 'inconclusive'
 * @example worst() // 'pass'
 */
export function worst(...verdicts: readonly Verdict[]): Verdict {
  let result: Verdict = 'pass';
  for (let i = 0; i < verdicts.length; i++) result = worseOf(result, verdicts[i]!);
  return result;
}

/**
 * The worse of two verdicts: {@link worst} of two, without the rest array (a checkpoint's verdict is
 * folded gate by gate, once per checkpoint of every rehearsal).
 *
 * @example worseOf('inconclusive', 'fail') // 'fail'
 */
export function worseOf(a: Verdict, b: Verdict): Verdict {
  return a === 'fail' || b === 'fail' ? 'fail' : a === 'inconclusive' ? a : b;
}
