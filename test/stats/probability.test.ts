import { describe, expect, it } from 'vitest';
import { probability, wilsonInterval } from '../../src/stats/index.js';

describe('probability', () => {
  it('has the risk.json shape { p, ci95, runs } with the 95% Wilson interval', () => {
    const result = probability(7340, 10_000);
    expect(Object.keys(result)).toEqual(['p', 'ci95', 'runs']);
    expect(result).toEqual({ p: 0.734, ci95: wilsonInterval(7340, 10_000, 0.95), runs: 10_000 });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('with no runs, p is unknown (NaN, null in JSON) and the interval is [0, 1]', () => {
    const result = probability(0, 0);
    expect(result.p).toBeNaN();
    expect(result.ci95).toEqual([0, 1]);
    expect(JSON.stringify(result)).toBe('{"p":null,"ci95":[0,1],"runs":0}');
  });

  it('rejects more successes than runs', () => {
    expect(() => probability(5, 4)).toThrow(RangeError);
  });
});
