import { emptyWindowStats, type WindowStats } from '../../src/gates/index.js';

/** Small latency buckets for hand-computed fixtures, ms. */
export const TEST_BOUNDS_MS: readonly number[] = [10, 20, 50, 100, 200, 500];

/** A window built in code: empty stats on {@link TEST_BOUNDS_MS} and two segments, with `overrides`. */
export function makeStats(overrides: Partial<WindowStats> = {}): WindowStats {
  return { ...emptyWindowStats(TEST_BOUNDS_MS, 2), ...overrides };
}
