import type { Condition } from '../gates/condition.js';
import { METRIC_NAMES } from '../gates/metrics.js';
import { OPERATORS } from '../gates/operators.js';
import type { MetricConditions } from './conditionSchema.js';

/**
 * One gates Condition per operator written, in the catalogue's order (metrics as in METRIC_NAMES,
 * operators as in OPERATORS), so the order does not depend on how the file was written. A condition's
 * own `minRequests` wins over `defaultMinRequests`, and its `consecutive` over `defaultConsecutive`; with
 * neither, the Condition has none.
 *
 * @example expandConditions({ availability: { min: 0.99, max: 1 } }, undefined)
 * // [{ metric: 'availability', op: 'max', threshold: 1 }, { metric: 'availability', op: 'min', threshold: 0.99 }]
 */
export function expandConditions(
  conditions: MetricConditions,
  defaultMinRequests: number | undefined,
  defaultConsecutive?: number,
): Condition[] {
  const expanded: Condition[] = [];
  for (const metric of METRIC_NAMES) {
    const condition = conditions[metric];
    if (condition === undefined) continue;
    const minRequests = condition.minRequests ?? defaultMinRequests;
    const consecutive = condition.consecutive ?? defaultConsecutive;
    for (const op of OPERATORS) {
      const threshold = condition[op];
      if (threshold === undefined) continue;
      expanded.push({
        metric,
        op,
        threshold,
        ...(minRequests === undefined ? {} : { minRequests }),
        ...(consecutive === undefined ? {} : { consecutive }),
      });
    }
  }
  return expanded;
}
