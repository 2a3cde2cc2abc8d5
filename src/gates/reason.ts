import type { Condition, EvaluationContext } from './condition.js';
import { formatCount } from './format.js';
import { formatMetricValue, formatThreshold, METRICS } from './metrics.js';
import { NEGATED_OPERATOR_SYMBOLS, OPERATOR_SYMBOLS } from './operators.js';

/** What a condition's comparison reads, by whether it held and whether it is a breach: ` ≥ 0.50% limit (`. */
function comparisonText(condition: Condition, holds: boolean, breach: boolean): string {
  const { metric, op, threshold } = condition;
  const symbol = holds ? OPERATOR_SYMBOLS[op] : NEGATED_OPERATOR_SYMBOLS[op];
  return ` ${symbol} ${formatThreshold(metric, op, threshold)}${breach ? ' limit' : ''} (`;
}

/** Where a comparison was made, up to the sample's size: `ramp, 2h checkpoint, `. */
function placeText(context: EvaluationContext): string {
  return `${context.phase}, ${context.label}, `;
}

function requestCount(requests: number): string {
  return `${formatCount(requests)}${requests === 1 ? ' request' : ' requests'}`;
}

/**
 * A comparison with both numbers, their units and the sample:
 * `errorRate 0.62% ≥ 0.50% limit (ramp, 2h checkpoint, 7,412 requests)`.
 *
 * @param holds whether the condition held (chooses `<` or its negation `≥`)
 * @param breach whether this outcome is the bad one (a failed gate, a tripped guard): adds "limit"
 */
export function comparisonReason(
  condition: Condition,
  observed: number,
  holds: boolean,
  breach: boolean,
  requests: number,
  context: EvaluationContext,
): string {
  const { metric } = condition;
  const value = formatMetricValue(metric, observed);
  const comparison = comparisonText(condition, holds, breach);
  const sample = `${formatCount(requests)}${requests === 1 ? ' request)' : ' requests)'}`;
  return `${metric} ${value}${comparison}${placeText(context)}${sample}`;
}

/**
 * Why a condition could not be judged, ending in `→ outcome`:
 * `errorRate: no requests in window (canary, 15m checkpoint) → inconclusive`, or
 * `errorRate 0.00%: only 96 requests, 200 required (canary, 15m checkpoint) → inconclusive`.
 */
export function notEvaluatedReason(
  condition: Condition,
  observed: number | null,
  requests: number,
  context: EvaluationContext,
  outcome: string,
): string {
  const { metric } = condition;
  const where = `(${context.phase}, ${context.label}) → ${outcome}`;
  if (observed === null) return `${metric}: ${METRICS[metric].missing} ${where}`;
  const required = formatCount(condition.minRequests ?? 0);
  return `${metric} ${formatMetricValue(metric, observed)}: only ${requestCount(requests)}, ${required} required ${where}`;
}
