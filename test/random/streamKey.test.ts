import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deriveStream,
  RandomStream,
  streamKey,
  streamKeyHead,
  streamKeyTail,
} from '../../src/random/index.js';

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const part = fc.oneof(finite, fc.integer(), fc.string(), fc.string({ unit: 'binary' }));

describe('streamKey', () => {
  it.each<[number, Array<string | number>, string]>([
    [20251031, [17, 'traffic'], '[20251031,17,"traffic"]'],
    [20251031, ['17'], '[20251031,"17"]'],
    [6570055745874584, ['requests', 'candidate', 0], '[6570055745874584,"requests","candidate",0]'],
    [-0, [0.1, 1e21, 'a"b\\c'], '[0,0.1,1e+21,"a\\"b\\\\c"]'],
    [1, [], '[1]'],
  ])('streamKey(%d, %j) = %s', (seed, path, expected) => {
    expect(streamKey(seed, path)).toBe(expected);
  });

  it('is the canonical JSON of [seed, ...path], and a head plus a tail is the key of the whole path', () => {
    fc.assert(
      fc.property(
        finite,
        fc.array(part, { maxLength: 4 }),
        fc.array(part, { maxLength: 4 }),
        (seed, head, tail) => {
          expect(streamKey(seed, [...head, ...tail])).toBe(JSON.stringify([seed, ...head, ...tail]));
          expect(streamKeyHead(seed, head) + streamKeyTail(tail)).toBe(streamKey(seed, [...head, ...tail]));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('keys deriveStream: a stream seeded from a head plus a tail draws what deriveStream draws', () => {
    const derived = deriveStream(20251031, 17, 'traffic', 'candidate', 2);
    const joined = new RandomStream(
      streamKeyHead(20251031, [17]) + streamKeyTail(['traffic', 'candidate', 2]),
    );
    for (let k = 0; k < 100; k++) expect(joined.next()).toBe(derived.next());
  });

  it.each([
    [() => streamKey(Number.NaN, [])],
    [() => streamKey(1, [Number.POSITIVE_INFINITY])],
    [() => streamKeyHead(Number.NEGATIVE_INFINITY, [])],
    [() => streamKeyHead(1, ['run', Number.NaN])],
    [() => streamKeyTail(['traffic', Number.NaN])],
  ])('rejects a non-finite number (%#)', (build) => {
    expect(build).toThrow(RangeError);
  });
});
