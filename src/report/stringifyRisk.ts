import { stringifyStable } from './index.js';

/**
 * A risk file's JSON as bytes, in the layout of `results.json` ({@link stringifyStable}), with a probability
 * over zero runs (NaN, docs/decisions.md) written as null: same study ⇒ same bytes, on every machine and
 * however the runs were split.
 */
export function stringifyRisk(value: object): string {
  return stringifyStable(value, { nanAsNull: true });
}
