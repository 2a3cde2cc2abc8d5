import { describe, expect, it } from 'vitest';
import type { OutcomeStatus } from '../../src/engine/rehearsal.js';
import { parseTimelineKey, timelineKey } from '../../src/risk/timelineKey.js';

describe('timelineKey', () => {
  it.each<[OutcomeStatus, number[], string]>([
    ['completed', [7_200_000, 14_400_000, 1_123_200_000], 'completed|7200000,14400000,1123200000'],
    ['rolled-back', [7_200_000, 1_140_000], 'rolled-back|7200000,1140000'],
    ['halted', [0], 'halted|0'],
    ['halted', [], 'halted|'],
  ])('%s after %j is %s, and reads back', (status, ranMs, key) => {
    expect(timelineKey(status, ranMs)).toBe(key);
    expect(parseTimelineKey(key)).toEqual({ status, ranMs });
  });
});
