import type { BinaryOperator, ConditionNode } from './conditionSyntax.js';

/**
 * A measurement's value as a condition sees it in `result`: a number (a scalar query), a list of numbers
 * (a Prometheus vector, hence `result[0]`), a string, a boolean, or `null` for no value (Go's nil, what
 * a Datadog query with no data returns).
 */
export type MeasurementValue = number | boolean | string | null | readonly MeasurementValue[];

/** A condition's outcome: true or false, or the runtime error that makes the measurement an Error. */
export type ConditionOutcome = { ok: true; value: boolean } | { ok: false; error: string };

class EvaluationError extends Error {}

/** Go's name for a value's type, as expr's runtime errors print it. */
function goType(value: MeasurementValue): string {
  if (value === null) return '<nil>';
  if (Array.isArray(value)) return '[]interface {}';
  if (typeof value === 'number') return 'float64';
  if (typeof value === 'boolean') return 'bool';
  return 'string';
}

function mismatch(op: string, left: MeasurementValue, right: MeasurementValue): never {
  throw new EvaluationError(
    `invalid operation: ${op} (mismatched types ${goType(left)} and ${goType(right)})`,
  );
}

function equal(left: MeasurementValue, right: MeasurementValue): boolean {
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, i) => equal(item, right[i]!));
  }
  return left === right;
}

function number(value: MeasurementValue, what: string): number {
  if (typeof value !== 'number') throw new EvaluationError(`${what} expects float64, found ${goType(value)}`);
  return value;
}

function boolean(value: MeasurementValue, op: string): boolean {
  if (typeof value !== 'boolean') throw new EvaluationError(`invalid operation: ${op} on ${goType(value)}`);
  return value;
}

function compare(op: BinaryOperator, left: MeasurementValue, right: MeasurementValue): boolean {
  const bothNumbers = typeof left === 'number' && typeof right === 'number';
  const bothStrings = typeof left === 'string' && typeof right === 'string';
  if (!bothNumbers && !bothStrings) mismatch(op, left, right);
  const [a, b] = [left as number | string, right as number | string];
  if (op === '<') return a < b;
  if (op === '<=') return a <= b;
  if (op === '>') return a > b;
  return a >= b;
}

function arithmetic(op: BinaryOperator, left: MeasurementValue, right: MeasurementValue): MeasurementValue {
  if (op === '+' && typeof left === 'string' && typeof right === 'string') return left + right;
  if (typeof left !== 'number' || typeof right !== 'number') return mismatch(op, left, right);
  if (op === '+') return left + right;
  if (op === '-') return left - right;
  if (op === '*') return left * right;
  if (op === '/') return left / right;
  if (!Number.isInteger(left) || !Number.isInteger(right)) mismatch(op, left, right);
  if (right === 0) throw new EvaluationError('integer divide by zero');
  return left % right;
}

function binary(node: ConditionNode & { kind: 'binary' }, result: MeasurementValue): MeasurementValue {
  const left = evaluate(node.left, result);
  if (node.op === '||') return boolean(left, '||') || boolean(evaluate(node.right, result), '||');
  if (node.op === '&&') return boolean(left, '&&') && boolean(evaluate(node.right, result), '&&');
  const right = evaluate(node.right, result);
  if (node.op === '==') return equal(left, right);
  if (node.op === '!=') return !equal(left, right);
  if (node.op === '<' || node.op === '<=' || node.op === '>' || node.op === '>=')
    return compare(node.op, left, right);
  return arithmetic(node.op, left, right);
}

function index(node: ConditionNode & { kind: 'index' }, result: MeasurementValue): MeasurementValue {
  const target = evaluate(node.target, result);
  const at = evaluate(node.index, result);
  if (!Array.isArray(target)) throw new EvaluationError(`cannot fetch ${String(at)} from ${goType(target)}`);
  if (typeof at !== 'number' || !Number.isInteger(at)) {
    throw new EvaluationError(`non-integer slice index ${String(at)}`);
  }
  const i = at < 0 ? target.length + at : at;
  if (i < 0 || i >= target.length) {
    throw new EvaluationError(`index out of range: ${at} (array length is ${target.length})`);
  }
  return target[i]!;
}

function call(node: ConditionNode & { kind: 'call' }, result: MeasurementValue): MeasurementValue {
  const [first, second] = node.args.map((arg) => evaluate(arg, result));
  const value = first!;
  switch (node.name) {
    case 'len':
      if (Array.isArray(value) || typeof value === 'string') return value.length;
      throw new EvaluationError(`invalid argument for len (type ${goType(value)})`);
    case 'isNaN':
      return Number.isNaN(number(value, 'isNaN'));
    case 'isInf': {
      const x = number(value, 'isInf');
      return !Number.isFinite(x) && !Number.isNaN(x);
    }
    case 'isNil':
      return value === null;
    case 'default':
      return value === null ? second! : value;
  }
}

function evaluate(node: ConditionNode, result: MeasurementValue): MeasurementValue {
  switch (node.kind) {
    case 'number':
    case 'boolean':
    case 'string':
      return node.value;
    case 'nil':
      return null;
    case 'result':
      return result;
    case 'index':
      return index(node, result);
    case 'unary': {
      const operand = evaluate(node.operand, result);
      if (node.op === '!') return !boolean(operand, '!');
      return node.op === '-' ? -number(operand, 'unary -') : number(operand, 'unary +');
    }
    case 'binary':
      return binary(node, result);
    case 'call':
      return call(node, result);
  }
}

/**
 * A parsed condition evaluated against a measurement's value as Argo's `EvalCondition` does: IEEE
 * comparisons (`NaN >= 0.95` is false), `&&`/`||` short-circuit (so `len(result) == 0 || result[0] > 1`
 * never indexes an empty list), `/` divides as floats, `==` across types is false. A type mismatch
 * (`nil < 0.05`), an index out of range or a result that is not a boolean is a runtime error, which
 * makes the measurement an `Error`, never a silent pass.
 *
 * @example evaluateCondition(parsed('result[0] >= 0.95'), [0.97]) // { ok: true, value: true }
 * @example evaluateCondition(parsed('result[0] >= 0.95'), []) // { ok: false, error: 'index out of range: 0 (array length is 0)' }
 */
export function evaluateCondition(node: ConditionNode, result: MeasurementValue): ConditionOutcome {
  try {
    const value = evaluate(node, result);
    if (typeof value !== 'boolean') return { ok: false, error: `expected bool, but got ${goType(value)}` };
    return { ok: true, value };
  } catch (error) {
    if (error instanceof EvaluationError) return { ok: false, error: error.message };
    throw error;
  }
}
