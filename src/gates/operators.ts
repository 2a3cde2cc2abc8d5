/**
 * Comparison operators of gates and guards, as named in scenario files:
 * `below` (<), `above` (>), `max` (≤), `min` (≥), `within` (|x| ≤ t).
 */
export const OPERATORS = ['below', 'above', 'max', 'min', 'within'] as const;

export type Operator = (typeof OPERATORS)[number];

/** True when `name` is one of {@link OPERATORS} (for validating scenario files). */
export function isOperator(name: string): name is Operator {
  return (OPERATORS as readonly string[]).includes(name);
}

/** The symbol of each operator when the comparison holds, as quoted in reasons. */
export const OPERATOR_SYMBOLS: Readonly<Record<Operator, string>> = {
  below: '<',
  above: '>',
  max: '≤',
  min: '≥',
  within: 'within',
};

/** The symbol of each operator's negation: what a reason quotes when the comparison does not hold. */
export const NEGATED_OPERATOR_SYMBOLS: Readonly<Record<Operator, string>> = {
  below: '≥',
  above: '≤',
  max: '>',
  min: '<',
  within: 'outside',
};

/**
 * Whether `observed op threshold` holds. The hot path of gates and guards: no allocation.
 * Equality at the threshold fails `below`/`above` and passes `max`/`min`/`within`.
 *
 * @example conditionHolds('below', 0.004, 0.005) // true
 * @example conditionHolds('within', -0.031, 0.03) // false: |−3.1%| > 3%
 */
export function conditionHolds(op: Operator, observed: number, threshold: number): boolean {
  switch (op) {
    case 'below':
      return observed < threshold;
    case 'above':
      return observed > threshold;
    case 'max':
      return observed <= threshold;
    case 'min':
      return observed >= threshold;
    case 'within':
      return Math.abs(observed) <= threshold;
  }
}
