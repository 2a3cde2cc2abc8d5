import { describe, expect, it } from 'vitest';
import { runSeed } from '../../src/risk/index.js';

describe('runSeed', () => {
  it.each([
    // SplitMix64 started at 0: its first outputs are 0xE220A8397B1DCDAF and 0x6E789E6AA1B965F4 (the
    // reference C implementation of Vigna's splitmix64.c); runSeed keeps the top 53 bits (>> 11).
    [0, 0, 0xe220a8397b1dcdafn >> 11n],
    [0, 1, 0x6e789e6aa1b965f4n >> 11n],
  ])('runSeed(%i, %i) is SplitMix64 output %i', (seed, run, expected) => {
    expect(runSeed(seed, run)).toBe(Number(expected));
  });

  it('gives distinct safe integers for the runs of a study, the same on every call', () => {
    const seeds = Array.from({ length: 10_000 }, (_, run) => runSeed(20251031, run));
    expect(new Set(seeds).size).toBe(seeds.length);
    expect(seeds.every((seed) => Number.isSafeInteger(seed) && seed >= 0)).toBe(true);
    expect(runSeed(20251031, 0)).toBe(6570055745874584);
  });

  it.each([
    [-1, 0],
    [1.5, 0],
    [0, -1],
    [2 ** 53, 0],
  ])('rejects seed %f run %f', (seed, run) => {
    expect(() => runSeed(seed, run)).toThrow(RangeError);
  });
});
