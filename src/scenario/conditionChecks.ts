import type { MetricName } from '../gates/metrics.js';
import { OPERATORS, type Operator } from '../gates/operators.js';
import type { CheckContext } from './checkContext.js';
import type { MetricConditions } from './conditionSchema.js';
import type { PathSegment } from './problems.js';
import { thresholdExpected, thresholdInRange } from './thresholdRange.js';

/**
 * Checks the thresholds of a metric → condition map against each metric's range and, for gates, that
 * some value can pass each condition (`{ above: 0.5, below: 0.2 }` never can). Guards are exempt from
 * the second check: each of their operators is a separate trigger.
 */
export function checkConditions(
  conditions: MetricConditions,
  basePath: PathSegment[],
  check: CheckContext,
  role: 'gate' | 'guard',
): void {
  for (const [metric, condition] of Object.entries(conditions) as [
    MetricName,
    Record<Operator, number | undefined> & { consecutive?: number },
  ][]) {
    if (role === 'gate' && condition.consecutive !== undefined) {
      check.report(
        [...basePath, metric, 'consecutive'],
        'no consecutive on a gate: a gate is judged once per checkpoint; consecutive belongs to guards.rollbackWhen',
      );
    }
    let lower = Number.NEGATIVE_INFINITY;
    let lowerStrict = false;
    let upper = Number.POSITIVE_INFINITY;
    let upperStrict = false;
    for (const op of OPERATORS) {
      const threshold = condition[op];
      if (threshold === undefined) continue;
      if (!thresholdInRange(metric, op, threshold)) {
        check.report([...basePath, metric, op], thresholdExpected(metric, op));
        continue;
      }
      const [low, high, strict] =
        op === 'within'
          ? [-threshold, threshold, false]
          : [threshold, threshold, op === 'below' || op === 'above'];
      if ((op === 'above' || op === 'min' || op === 'within') && (low > lower || (low === lower && strict))) {
        lower = low;
        lowerStrict = strict;
      }
      if (
        (op === 'below' || op === 'max' || op === 'within') &&
        (high < upper || (high === upper && strict))
      ) {
        upper = high;
        upperStrict = strict;
      }
    }
    if (role === 'gate' && (lower > upper || (lower === upper && (lowerStrict || upperStrict)))) {
      const written = OPERATORS.filter((op) => condition[op] !== undefined)
        .map((op) => `${op} ${condition[op]}`)
        .join(' and ');
      check.report([...basePath, metric], 'a condition that some value can pass', { found: written });
    }
  }
}
