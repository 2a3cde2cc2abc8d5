import { describe, expect, it } from 'vitest';
import { RandomStream, streamKey } from '../../src/random/index.js';
import { chiSquarePValue } from './support/goodnessOfFit.js';
import { ALPHA, STANDARD_ERRORS } from './support/moments.js';

/** Pearson's statistic of counts against equal expected counts, with its p-value (df = cells − 1). */
function equalCellsChiSquare(counts: Float64Array): number {
  const total = counts.reduce((sum, count) => sum + count, 0);
  const expected = total / counts.length;
  let statistic = 0;
  for (const count of counts) statistic += (count - expected) ** 2 / expected;
  return chiSquarePValue(statistic, counts.length - 1);
}

/**
 * The engine draws a few uniforms from each of many streams whose keys differ in a character or two
 * (`[seed,run,"requests","candidate",0]` for consecutive runs), right after the 20 warm-up rounds. These
 * tests look there, where a short warm-up or a weak key schedule would show, and along one long stream.
 */
describe('RandomStream uniforms', () => {
  const streams = 20_000;
  const keys = Array.from({ length: streams }, (_, run) =>
    streamKey(20251031, [run, 'requests', 'candidate', 0]),
  );

  it('the first 8 uniforms of 20,000 neighbouring keys fill 1,000 equal cells as uniforms do (chi-square)', () => {
    const cells = new Float64Array(1000);
    for (const key of keys) {
      const stream = new RandomStream(key);
      for (let k = 0; k < 8; k++) cells[Math.floor(stream.next() * cells.length)]! += 1;
    }
    expect(equalCellsChiSquare(cells)).toBeGreaterThan(ALPHA);
  });

  it('the first two uniforms of each neighbouring key are independent: pairs over 32 × 32 cells (chi-square)', () => {
    const cells = new Float64Array(32 * 32);
    for (const key of keys) {
      const stream = new RandomStream(key);
      const first = Math.floor(stream.next() * 32);
      cells[first * 32 + Math.floor(stream.next() * 32)]! += 1;
    }
    expect(equalCellsChiSquare(cells)).toBeGreaterThan(ALPHA);
  });

  // The keys differ only in their last element, so only the warm-up mixes the difference in.
  it('every bit of the first 32-bit output over 100,000 keys differing at the end is set half the time (within 5 SE)', () => {
    const n = 100_000;
    const ones = new Float64Array(32);
    for (let phase = 0; phase < n; phase++) {
      const output = new RandomStream(
        streamKey(6570055745874584, ['latency', 'candidate', phase]),
      ).nextInt32();
      for (let bit = 0; bit < 32; bit++) ones[bit]! += (output >>> bit) & 1;
    }
    const se = 0.5 / Math.sqrt(n);
    for (let bit = 0; bit < 32; bit++)
      expect(Math.abs(ones[bit]! / n - 0.5)).toBeLessThanOrEqual(STANDARD_ERRORS * se);
  });

  // A short warm-up leaves neighbouring keys' first outputs alike: with no warm-up they differ in ~14.9 bits.
  it('neighbouring keys give first outputs that differ in 16 of 32 bits on average (within 5 SE)', () => {
    const pairs = 20_000;
    let differing = 0;
    let previous = new RandomStream(streamKey(6570055745874584, ['latency', 'candidate', 0])).nextInt32();
    for (let phase = 1; phase <= pairs; phase++) {
      const output = new RandomStream(
        streamKey(6570055745874584, ['latency', 'candidate', phase]),
      ).nextInt32();
      let x = (output ^ previous) >>> 0;
      while (x !== 0) {
        differing += x & 1;
        x >>>= 1;
      }
      previous = output;
    }
    // Each pair's differing bits: Binomial(32, 1/2), sd √8; the mean over the pairs has SE √8/√pairs.
    const se = Math.sqrt(8 / pairs);
    expect(Math.abs(differing / pairs - 16)).toBeLessThanOrEqual(STANDARD_ERRORS * se);
  });

  it('one stream of 1,000,000 uniforms: 1,000 equal cells (chi-square), lag-1 correlation within 5 SE', () => {
    const n = 1_000_000;
    const stream = new RandomStream(streamKey(1, ['long']));
    const cells = new Float64Array(1000);
    let previous = stream.next();
    let lagged = 0;
    for (let i = 0; i < n; i++) {
      const u = stream.next();
      cells[Math.floor(u * cells.length)]! += 1;
      lagged += (previous - 0.5) * (u - 0.5);
      previous = u;
    }
    expect(equalCellsChiSquare(cells)).toBeGreaterThan(ALPHA);
    expect(Math.abs(lagged / n / (1 / 12))).toBeLessThanOrEqual(STANDARD_ERRORS / Math.sqrt(n));
  });
});
