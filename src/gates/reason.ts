import type { Condition, EvaluationContext } from './condition.js';
import { formatCount } from './format.js';
import { formatMetricValue, formatThreshold, METRICS, type MetricName } from './metrics.js';
import { NEGATED_OPERATOR_SYMBOLS, OPERATOR_SYMBOLS, type Operator } from './operators.js';

/*
 * A Monte Carlo writes a reason for every gate of every checkpoint of every run, quoting the same few
 * conditions and contexts each time. The parts of a reason that depend only on those are written once
 * per condition or context object and kept here, which halves what a reason allocates (a string built
 * from fewer pieces). An entry is used only while its object still has the fields it was written from,
 * so an object changed in place is written afresh.
 */

/** What a condition's comparisons read, by (holds, breach): ` ≥ 0.50% limit (`. */
interface ComparisonTexts {
  metric: MetricName;
  op: Operator;
  threshold: number;
  byOutcome: Array<string | undefined>;
}

/** Where a context's comparisons were made, up to the sample's size: `ramp, 2h checkpoint, `. */
interface PlaceText {
  phase: string;
  label: string;
  text: string;
}

const comparisonTexts = new WeakMap<Condition, ComparisonTexts>();
const placeTexts = new WeakMap<EvaluationContext, PlaceText>();

function comparisonText(condition: Condition, holds: boolean, breach: boolean): string {
  const { metric, op, threshold } = condition;
  let texts = comparisonTexts.get(condition);
  if (texts?.metric !== metric || texts.op !== op || texts.threshold !== threshold) {
    texts = { metric, op, threshold, byOutcome: [] };
    comparisonTexts.set(condition, texts);
  }
  const outcome = (holds ? 2 : 0) + (breach ? 1 : 0);
  let text = texts.byOutcome[outcome];
  if (text === undefined) {
    const symbol = holds ? OPERATOR_SYMBOLS[op] : NEGATED_OPERATOR_SYMBOLS[op];
    text = ` ${symbol} ${formatThreshold(metric, op, threshold)}${breach ? ' limit' : ''} (`;
    texts.byOutcome[outcome] = text;
  }
  return text;
}

function placeText(context: EvaluationContext): string {
  const { phase, label } = context;
  let place = placeTexts.get(context);
  if (place?.phase !== phase || place.label !== label) {
    place = { phase, label, text: `${phase}, ${label}, ` };
    placeTexts.set(context, place);
  }
  return place.text;
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
