import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/random/index.js';

describe('RandomStream', () => {
  it.each(['', 'a', '[20251031,17,"traffic"]', 'x'.repeat(300)])(
    'steps exactly as seedrandom xor4096 for key %j',
    (key) => {
      const reference = seedrandom.xor4096(key).int32;
      const stream = new RandomStream(key);
      for (let k = 0; k < 10_000; k++) expect(stream.nextInt32()).toBe(reference());
    },
  );

  it.each(['', 'a', '[6570055745874584,"requests","candidate",0]', 'x'.repeat(300)])(
    'reseeded in place from key %j, steps exactly as seedrandom xor4096 and as a new stream',
    (key) => {
      const reference = seedrandom.xor4096(key).int32;
      const stream = new RandomStream('another key');
      for (let k = 0; k < 1_000; k++) stream.nextInt32();
      stream.reseed(key);
      for (let k = 0; k < 10_000; k++) expect(stream.nextInt32()).toBe(reference());
      stream.reseed(key);
      const fresh = new RandomStream(key);
      for (let k = 0; k < 1_000; k++) expect(stream.next()).toBe(fresh.next());
    },
  );

  it('builds next() from two consecutive 32-bit outputs', () => {
    const reference = seedrandom.xor4096('pair').int32;
    const stream = new RandomStream('pair');
    for (let k = 0; k < 1_000; k++) {
      const high = reference() >>> 11;
      const low = reference() >>> 0;
      expect(stream.next()).toBe((high * 2 ** 32 + low) / 2 ** 53);
    }
  });
});
