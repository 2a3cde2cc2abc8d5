import { describe, expect, it } from 'vitest';
import { firstBucketAbove } from '../../src/gates/index.js';

const BOUNDS_MS = [100, 200, 300];

describe('firstBucketAbove', () => {
  it.each([
    [50, false, 0],
    [100, false, 1],
    [100, true, 0],
    [250, false, 2],
    [300, false, 3],
    [300, true, 2],
    [400, false, 3],
  ])('threshold %d ms (inclusive %s) → bucket %d', (thresholdMs, inclusive, bucket) => {
    expect(firstBucketAbove(BOUNDS_MS, thresholdMs, inclusive)).toBe(bucket);
  });
});
