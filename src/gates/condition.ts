import type { MetricName } from './metrics.js';
import type { Operator } from './operators.js';

/**
 * One gate or guard: `metric op threshold`, e.g. `{ metric: 'errorRate', op: 'below', threshold: 0.01 }`
 * from the scenario's `errorRate: { below: 0.01 }`. The threshold is in the metric's unit (fractions 0..1,
 * ms, counts). Below `minRequests` requests in the window the condition is not evaluated. A guard with
 * `consecutive: n` rolls back only when its condition holds at n consecutive checks (see `guardStreak`).
 */
export interface Condition {
  metric: MetricName;
  op: Operator;
  threshold: number;
  minRequests?: number;
  /** Guards only: consecutive checks the condition must hold before a rollback (1 when absent). */
  consecutive?: number;
}

/** Where an evaluation happened, quoted in reasons: `{ phase: 'ramp', label: '2h checkpoint' }`. */
export interface EvaluationContext {
  phase: string;
  label: string;
}

/** Whether the window has a value for the condition and enough requests to judge it. */
export function canEvaluate(
  condition: Condition,
  observed: number | null,
  requests: number,
): observed is number {
  return observed !== null && requests >= (condition.minRequests ?? 0);
}

/** A measured value as gates read it: NaN (a bug upstream) is no value, never a failed comparison. */
export function asObserved(value: number | null): number | null {
  return value === null || Number.isNaN(value) ? null : value;
}
