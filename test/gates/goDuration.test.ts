import { describe, expect, it } from 'vitest';
import { parseGoDurationMs } from '../../src/gates/goDuration.js';

describe('parseGoDurationMs: time.ParseDuration', () => {
  it.each<[string, number]>([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['300ms', 300],
    ['1m30.5s', 90_500],
    ['.5s', 500],
    ['0', 0],
    ['-1m', -60_000],
    ['1500us', 1.5],
  ])('%s = %d ms', (text, ms) => {
    expect(parseGoDurationMs(text, 'interval')).toEqual({ ms });
  });

  it.each(['', '5', '1d', '5 m', 'm', '1h 30m', '1.2.3s'])('%j is a problem', (text) => {
    const parsed = parseGoDurationMs(text, 'spec.analysis.interval');
    expect(parsed).toEqual({
      problem: {
        path: 'spec.analysis.interval',
        expected: 'a Go duration such as 30s, 5m or 1h30m (units ns, us, ms, s, m, h)',
        found: JSON.stringify(text),
      },
    });
  });
});
