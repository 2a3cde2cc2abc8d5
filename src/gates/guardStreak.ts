import type { Condition } from './condition.js';

/**
 * How many consecutive guard checks (one per monitoring interval) a guard's condition must hold before it
 * rolls back: the condition's `consecutive`, 1 when it has none (the first check that holds rolls back).
 *
 * @example requiredStreak({ metric: 'errorRate', op: 'above', threshold: 0.015, consecutive: 4 }) // 4
 */
export function requiredStreak(condition: Condition): number {
  return condition.consecutive ?? 1;
}

/**
 * The guard's streak after one more check: one longer when the condition held, else 0. A check that could
 * not judge the window (no value, fewer than `minRequests` requests) did not see the condition hold, so it
 * ends the streak too, as a Prometheus alert's `for:` resets when its expression stops returning.
 *
 * @example nextGuardStreak(2, true) // 3
 * @example nextGuardStreak(2, false) // 0
 */
export function nextGuardStreak(streak: number, held: boolean): number {
  return held ? streak + 1 : 0;
}

/**
 * Whether a streak of checks rolls the candidate back: at least {@link requiredStreak} of them.
 *
 * @example streakTrips({ metric: 'errorRate', op: 'above', threshold: 0.015, consecutive: 4 }, 3) // false
 */
export function streakTrips(condition: Condition, streak: number): boolean {
  return streak >= requiredStreak(condition);
}

/**
 * What a trip's reason adds for a guard that needs more than one check: `held at 4 consecutive checks`;
 * the empty string for a one-check guard, so its reasons read as they always have.
 */
export function streakReason(condition: Condition): string {
  const required = requiredStreak(condition);
  return required > 1 ? `; held at ${required} consecutive checks` : '';
}
