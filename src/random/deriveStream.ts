import { RandomStream } from './randomStream.js';
import { type StreamKeyPart, streamKey } from './streamKey.js';

/**
 * The random stream for one purpose of one run: `(seed, ...path)` is encoded as canonical JSON
 * ({@link streamKey}) and seeds the generator, so each purpose has its own independent sequence and a
 * change in how one part of the model draws numbers does not shift the numbers of any other part. The
 * encoding and the generator use only exactly specified arithmetic (JSON number formatting, 32-bit
 * integer operations), so the stream is the same on every machine. `17` and `'17'` are different path
 * elements.
 *
 * Cost: one generator round per character of the key and 20 more (well under a microsecond); an owner
 * that derives many short-lived streams can re-seed one in place ({@link RandomStream.reseed}).
 *
 * @param seed the master seed (a finite number, usually the scenario's `seed`).
 * @param path the run index, purpose and any further qualifiers (finite numbers or strings).
 * @example
 * const traffic = deriveStream(20251031, 17, 'traffic'); // run 17's traffic
 * const faults = deriveStream(20251031, 17, 'faults');   // independent of `traffic`
 */
export function deriveStream(seed: number, ...path: StreamKeyPart[]): RandomStream {
  return new RandomStream(streamKey(seed, path));
}
