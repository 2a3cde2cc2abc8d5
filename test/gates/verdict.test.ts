import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VERDICTS, type Verdict, worst } from '../../src/gates/index.js';
import { worseOf } from '../../src/gates/verdict.js';

const verdict = fc.constantFrom(...VERDICTS);

describe('worst', () => {
  it.each<[Verdict[], Verdict]>([
    [[], 'pass'],
    [['pass'], 'pass'],
    [['pass', 'inconclusive'], 'inconclusive'],
    [['inconclusive', 'pass'], 'inconclusive'],
    [['pass', 'fail', 'inconclusive'], 'fail'],
    [['fail', 'fail'], 'fail'],
  ])('worst(%j) = %s', (verdicts, expected) => {
    expect(worst(...verdicts)).toBe(expected);
  });

  it('is commutative', () => {
    fc.assert(fc.property(verdict, verdict, (a, b) => worst(a, b) === worst(b, a)));
  });

  it('is associative', () => {
    fc.assert(
      fc.property(verdict, verdict, verdict, (a, b, c) => worst(worst(a, b), c) === worst(a, worst(b, c))),
    );
  });

  it('has pass as identity and fail as absorbing element', () => {
    fc.assert(
      fc.property(
        verdict,
        (a) => worst(a, 'pass') === a && worst('pass', a) === a && worst(a, 'fail') === 'fail',
      ),
    );
  });

  it('of a list is the fold of the pairwise worst', () => {
    fc.assert(
      fc.property(
        fc.array(verdict),
        (verdicts) => worst(...verdicts) === verdicts.reduce((a, b) => worst(a, b), 'pass'),
      ),
    );
  });
});

describe('worseOf', () => {
  it('is the later of the two in the order pass < inconclusive < fail, for all nine pairs', () => {
    for (const a of VERDICTS) {
      for (const b of VERDICTS) {
        expect(worseOf(a, b)).toBe(VERDICTS[Math.max(VERDICTS.indexOf(a), VERDICTS.indexOf(b))]);
      }
    }
  });
});
