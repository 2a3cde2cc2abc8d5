import { describe, expect, it } from 'vitest';
import { IsoTimes, isoAt } from '../../src/engine/phaseClock.js';

describe('IsoTimes', () => {
  it('writes what isoAt writes, for starts taken in turn, repeated instants and past its memory limit', () => {
    const times = new IsoTimes();
    const starts = [Date.UTC(2025, 9, 31, 12), Date.UTC(2025, 9, 31, 14), Date.UTC(2025, 9, 31, 18)];
    // 3 starts × 2,000 offsets twice over: the memory (4,096 instants) empties along the way.
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2_000; i++) {
        for (const startMs of starts) {
          const offsetMs = i * 30_000 + (startMs % 7);
          expect(times.at(startMs, offsetMs)).toBe(isoAt(startMs, offsetMs));
        }
      }
    }
    // The same instant from two starts is the same text.
    expect(times.at(starts[0]!, 7_200_000)).toBe(times.at(starts[1]!, 0));
  });
});
