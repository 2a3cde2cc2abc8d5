import { describe, expect, it } from 'vitest';
import {
  type Condition,
  nextGuardStreak,
  requiredStreak,
  streakReason,
  streakTrips,
} from '../../src/gates/index.js';

const ERRORS: Condition = { metric: 'errorRate', op: 'above', threshold: 0.015 };
const ERRORS_FOR_4: Condition = { ...ERRORS, consecutive: 4 };

/** The streak after each check, and the checks (1-based) at which the guard trips, from what each check saw. */
function replay(condition: Condition, held: boolean[]): { streaks: number[]; trips: number[] } {
  const streaks: number[] = [];
  const trips: number[] = [];
  let streak = 0;
  held.forEach((each, i) => {
    streak = nextGuardStreak(streak, each);
    streaks.push(streak);
    if (streakTrips(condition, streak)) trips.push(i + 1);
  });
  return { streaks, trips };
}

describe('a guard needs its condition at consecutive checks', () => {
  it.each<[string, Condition, boolean[], number[], number[]]>([
    ['no consecutive: the first check that holds trips', ERRORS, [false, true], [0, 1], [2]],
    ['consecutive 4: three in a row do not trip', ERRORS_FOR_4, [true, true, true, false], [1, 2, 3, 0], []],
    [
      'consecutive 4: a check that does not hold starts the count again',
      ERRORS_FOR_4,
      [true, true, false, true, true, true, true],
      [1, 2, 0, 1, 2, 3, 4],
      [7],
    ],
    ['consecutive 4: the fourth in a row trips', ERRORS_FOR_4, [true, true, true, true], [1, 2, 3, 4], [4]],
    ['consecutive 1 is the default', { ...ERRORS, consecutive: 1 }, [true], [1], [1]],
  ])('%s', (_name, condition, held, streaks, trips) => {
    expect(replay(condition, held)).toEqual({ streaks, trips });
  });

  it('states the checks it needed in the reason, and nothing for a one-check guard', () => {
    expect(requiredStreak(ERRORS)).toBe(1);
    expect(requiredStreak(ERRORS_FOR_4)).toBe(4);
    expect(streakReason(ERRORS)).toBe('');
    expect(streakReason(ERRORS_FOR_4)).toBe('; held at 4 consecutive checks');
  });
});
