/** One slice of a study: shard `index` of `count` (1-based, as `--shard 2/4` writes it). */
export interface Shard {
  index: number;
  count: number;
}

/**
 * The runs shard `index` of `count` rehearses: the half-open range [⌊(index−1)·runs/count⌋,
 * ⌊index·runs/count⌋), so the shards are contiguous, disjoint, cover every run and differ in size by at
 * most one.
 *
 * @example shardRange(10_000, { index: 2, count: 3 }) // [3333, 6666]
 */
export function shardRange(runs: number, shard: Shard): [number, number] {
  if (!(Number.isInteger(shard.count) && shard.count >= 1 && Number.isInteger(shard.index))) {
    throw new RangeError(`shardRange: bad shard ${shard.index}/${shard.count}`);
  }
  if (shard.index < 1 || shard.index > shard.count) {
    throw new RangeError(`shardRange: shard ${shard.index}/${shard.count} is not in 1..${shard.count}`);
  }
  return [
    Math.floor(((shard.index - 1) * runs) / shard.count),
    Math.floor((shard.index * runs) / shard.count),
  ];
}

/**
 * Parses `i/n` (1 ≤ i ≤ n, whole numbers) into a shard, or null when the text is not one.
 *
 * @example parseShard('2/4') // { index: 2, count: 4 }
 */
export function parseShard(text: string): Shard | null {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (match === null) return null;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (!(Number.isSafeInteger(count) && count >= 1 && index >= 1 && index <= count)) return null;
  return { index, count };
}
