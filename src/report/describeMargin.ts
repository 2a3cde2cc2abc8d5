import {
  formatCount,
  formatMetricValue,
  formatMs,
  formatPercentagePoints,
  formatThreshold,
  METRICS,
  type MetricName,
  type Operator,
} from '../gates/index.js';
import { formatRatio } from './format.js';

/** A condition that must hold for things to be good (a gate), with the value observed against it. */
export interface MarginInput {
  metric: MetricName;
  op: Operator;
  threshold: number;
  observed: number | null;
}

/** A difference of two values of `metric` in its unit: percentage points, ms or a count. */
function formatDifference(metric: MetricName, difference: number): string {
  switch (METRICS[metric].unit) {
    case 'fraction':
      return formatPercentagePoints(difference);
    case 'ms':
      return formatMs(difference);
    case 'count':
      return formatCount(difference);
  }
}

function upperLimit(metric: MetricName, observed: number, threshold: number, noun: string): string {
  const value = formatMetricValue(metric, observed);
  const limit = `the ${formatMetricValue(metric, threshold)} ${noun}`;
  const ratioApplies = observed > 0 && threshold > 0;
  if (observed === threshold) return `${value} is at ${limit}`;
  if (observed < threshold) {
    return ratioApplies
      ? `${value} is ${formatRatio(threshold, observed)} below ${limit}`
      : `${value} is ${formatDifference(metric, threshold - observed)} below ${limit}`;
  }
  return ratioApplies
    ? `${value} is ${formatRatio(observed, threshold)} ${limit}`
    : `${value} is ${formatDifference(metric, observed - threshold)} above ${limit}`;
}

function lowerLimit(metric: MetricName, observed: number, threshold: number): string {
  const value = formatMetricValue(metric, observed);
  const floor = `the ${formatMetricValue(metric, threshold)} floor`;
  if (observed === threshold) return `${value} is at ${floor}`;
  const side = observed > threshold ? 'above' : 'below';
  return `${value} is ${formatDifference(metric, Math.abs(observed - threshold))} ${side} ${floor}`;
}

function band(metric: MetricName, observed: number, threshold: number): string {
  const value = formatMetricValue(metric, observed);
  const limit = formatThreshold(metric, 'within', threshold);
  const distance = Math.abs(threshold) - Math.abs(observed);
  return distance >= 0
    ? `${value} is within ${limit}, ${formatDifference(metric, distance)} from the edge`
    : `${value} is outside ${limit} by ${formatDifference(metric, -distance)}`;
}

/**
 * How far an observed value is from a gate's threshold, as a sentence with both numbers computed:
 * a multiple for upper limits (ratios of positive values), a difference in the metric's unit for floors
 * and bands. Null when the window gave no value. `noun` names an upper limit (`limit`, `guard`).
 *
 * @example describeMargin({ metric: 'errorRate', op: 'below', threshold: 0.01, observed: 0.00079 })
 * // '0.079% is 12.7× below the 1.00% limit' (not "88×")
 * @example describeMargin({ metric: 'availability', op: 'above', threshold: 0.999, observed: 0.9997 })
 * // '99.97% is 0.07 pp above the 99.90% floor'
 */
export function describeMargin(gate: MarginInput, noun = 'limit'): string | null {
  const { metric, op, threshold, observed } = gate;
  if (observed === null) return null;
  switch (op) {
    case 'below':
    case 'max':
      return upperLimit(metric, observed, threshold, noun);
    case 'above':
    case 'min':
      return lowerLimit(metric, observed, threshold);
    case 'within':
      return band(metric, observed, threshold);
  }
}
