const MASK_64 = (1n << 64n) - 1n;
const GOLDEN_GAMMA = 0x9e3779b97f4a7c15n;
const MIX_1 = 0xbf58476d1ce4e5b9n;
const MIX_2 = 0x94d049bb133111ebn;

/**
 * The seed of run `run` of a Monte Carlo with master seed `masterSeed`: the (run + 1)-th output of
 * SplitMix64 (Steele, Lea & Flood 2014, the generator that seeds Java's `SplittableRandom` and
 * xoshiro) started at `masterSeed`, keeping its top 53 bits so the result is a safe integer that
 * `rehearse run --seed` accepts. Exact 64-bit integer arithmetic (BigInt), so it is the same on every
 * machine and in any language:
 *
 *     z = (masterSeed + (run + 1) · 0x9E3779B97F4A7C15) mod 2^64
 *     z = (z ^ (z >> 30)) · 0xBF58476D1CE4E5B9 mod 2^64
 *     z = (z ^ (z >> 27)) · 0x94D049BB133111EB mod 2^64
 *     z = z ^ (z >> 31);  runSeed = z >> 11
 *
 * Run i of `rehearse risk` is exactly `rehearse run --seed <runSeed(seed, i)>`: it rehearses the plan at
 * that seed with no run index, so any single run of a study can be reproduced and inspected.
 *
 * @param masterSeed the study's seed, an integer in [0, 2^53).
 * @param run the run index, an integer in [0, 2^53).
 * @returns an integer in [0, 2^53).
 * @example runSeed(20251031, 0) // 6570055745874584
 */
export function runSeed(masterSeed: number, run: number): number {
  if (!(Number.isSafeInteger(masterSeed) && masterSeed >= 0)) {
    throw new RangeError(`runSeed: the master seed must be an integer in [0, 2^53), got ${masterSeed}`);
  }
  if (!(Number.isSafeInteger(run) && run >= 0)) {
    throw new RangeError(`runSeed: the run must be an integer in [0, 2^53), got ${run}`);
  }
  let z = (BigInt(masterSeed) + BigInt(run + 1) * GOLDEN_GAMMA) & MASK_64;
  z = ((z ^ (z >> 30n)) * MIX_1) & MASK_64;
  z = ((z ^ (z >> 27n)) * MIX_2) & MASK_64;
  z ^= z >> 31n;
  return Number(z >> 11n);
}
