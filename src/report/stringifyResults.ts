import type { Results } from './results.js';
import { stringifyStable } from './stringifyStable.js';

/**
 * `results.json` as bytes: {@link stringifyStable} of the results, keys in the order `buildResults`
 * creates them. Same results ⇒ same bytes, on every machine.
 */
export function stringifyResults(results: Results): string {
  return stringifyStable(results);
}
