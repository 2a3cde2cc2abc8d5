import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDurationMs } from '../../src/scenario/duration.js';

describe('parseDurationMs', () => {
  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['15m', 900_000],
    ['1.5h', 5_400_000],
    ['1h30m', 5_400_000],
    ['13d', 1_123_200_000],
    ['2d12h', 216_000_000],
    ['1m30s', 90_000],
    ['1h1m1s1ms', 3_661_001],
    ['1m5ms', 60_005],
    ['0.25s', 250],
    ['1.1h', 3_960_000],
    ['0s', 0],
    ['007m', 420_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it.each([
    ['', 'empty'],
    ['90', 'no unit'],
    ['1s1h', 'units out of order'],
    ['1m1m', 'a unit twice'],
    ['1ms1s', 'ms before s'],
    ['-5m', 'a sign'],
    ['+5m', 'a sign'],
    [' 1s', 'a leading space'],
    ['1 s', 'a space inside'],
    ['1S', 'an upper-case unit'],
    ['1w', 'an unknown unit'],
    ['.5h', 'no leading digit'],
    ['1.h', 'no digit after the point'],
    ['0.5ms', 'a fraction of a millisecond'],
    ['1e3s', 'an exponent'],
    ['h', 'no number'],
    ['99999999999999999999d', 'beyond safe integers'],
  ])('%s is not a duration (%s)', (text) => {
    expect(parseDurationMs(text)).toBeNull();
  });
});

describe('formatDuration', () => {
  it.each([
    [5_400_000, '1h30m'],
    [900_000, '15m'],
    [0, '0s'],
    [250, '250ms'],
    [1_500, '1s500ms'],
    [90_000_000, '1d1h'],
    [1_123_200_000, '13d'],
    [-60_000, '-1m'],
    [999.6, '1s'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('is the inverse of parseDurationMs for whole milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 * 86_400_000 }), (ms) => {
        expect(parseDurationMs(formatDuration(ms))).toBe(ms);
      }),
    );
  });
});
