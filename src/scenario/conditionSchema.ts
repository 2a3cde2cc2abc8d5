import * as z from 'zod/mini';
import { METRIC_NAMES } from '../gates/metrics.js';
import { OPERATORS } from '../gates/operators.js';
import { finiteNumber, integer, refined, strictMapping } from './fields.js';

const OPERATOR_LIST = OPERATORS.join(', ');

/**
 * A condition on one metric: one or more operators with thresholds, e.g. `{ below: 0.01 }` or
 * `{ min: 0.99, max: 1 }`, and optionally the fewest requests a window needs for it to be judged and (guards
 * only) how many consecutive checks it must hold before it rolls back.
 * Each operator becomes one gates `Condition`. Thresholds are checked against the metric's range by
 * the sense checks, which know the metric.
 */
export const conditionSchema = refined(
  strictMapping(
    {
      below: z.optional(finiteNumber()),
      above: z.optional(finiteNumber()),
      max: z.optional(finiteNumber()),
      min: z.optional(finiteNumber()),
      within: z.optional(finiteNumber()),
      minRequests: z.optional(integer(0, Number.MAX_SAFE_INTEGER, 'a whole number of requests ≥ 0')),
      consecutive: z.optional(integer(1, 100_000, 'a whole number of checks in [1, 100000]')),
    },
    `a condition: a mapping of operators (${OPERATOR_LIST}) to thresholds`,
  ),
  (condition, context) => {
    if (OPERATORS.every((op) => condition[op] === undefined)) {
      context.addIssue({
        code: 'custom',
        message: `at least one operator (${OPERATOR_LIST})`,
        params: { found: 'none' },
      });
    }
  },
);

/**
 * Gates of a phase or the rollback guards: metric name → condition. Metrics are those of the gates
 * library (`METRIC_NAMES`); any other key is an error with a "did you mean" hint.
 */
export const metricConditionsSchema = z.partialRecord(z.enum(METRIC_NAMES), conditionSchema, {
  error: 'a mapping of metric names to conditions, like { errorRate: { below: 0.01 } }',
});

export type ConditionInput = z.output<typeof conditionSchema>;
export type MetricConditions = z.output<typeof metricConditionsSchema>;
