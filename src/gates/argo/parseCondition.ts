import type { SpecProblem } from '../specProblem.js';
import {
  type BinaryOperator,
  CONDITION_FUNCTIONS,
  type ConditionFunction,
  type ConditionNode,
} from './conditionSyntax.js';
import { type ConditionToken, lexCondition } from './lexCondition.js';

/** Binding power of each binary operator, as in expr: `||` < `&&` < comparisons < `+ -` < `* / %`. */
const BINARY_POWER: Readonly<Record<string, number>> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
};
const UNARY_POWER = 6;
const NAMES = 'result, true, false, nil, len, isNaN, isInf, isNil, default';

class ConditionSyntaxError extends Error {
  constructor(
    readonly position: number,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`${expected}, found ${found}`);
  }
}

function describe(token: ConditionToken): string {
  return token.kind === 'end' ? 'the end' : `\`${token.text}\``;
}

class Parser {
  private next = 0;

  constructor(private readonly tokens: readonly ConditionToken[]) {}

  private peek(): ConditionToken {
    return this.tokens[this.next]!;
  }

  private take(): ConditionToken {
    return this.tokens[this.next++]!;
  }

  private fail(expected: string, token = this.peek()): never {
    throw new ConditionSyntaxError(token.position, expected, describe(token));
  }

  private expect(text: string): void {
    const token = this.peek();
    if (token.kind !== 'operator' || token.text !== text) this.fail(`\`${text}\``);
    this.next++;
  }

  parseAll(): ConditionNode {
    if (this.peek().kind === 'end') this.fail('an expression');
    const node = this.expression(0);
    if (this.peek().kind !== 'end') this.fail('an operator or the end');
    return node;
  }

  private expression(minPower: number): ConditionNode {
    let left = this.prefix();
    for (;;) {
      const token = this.peek();
      const power = token.kind === 'operator' ? BINARY_POWER[token.text] : undefined;
      if (power === undefined || power <= minPower) return left;
      this.next++;
      const right = this.expression(power);
      left = { kind: 'binary', op: token.text as BinaryOperator, left, right, position: token.position };
    }
  }

  private prefix(): ConditionNode {
    const token = this.peek();
    if (token.kind === 'operator' && (token.text === '!' || token.text === '-' || token.text === '+')) {
      this.next++;
      const operand = this.expression(UNARY_POWER);
      return { kind: 'unary', op: token.text, operand, position: token.position };
    }
    return this.postfix(this.primary());
  }

  private postfix(node: ConditionNode): ConditionNode {
    let target = node;
    for (let token = this.peek(); token.kind === 'operator' && token.text === '['; token = this.peek()) {
      this.next++;
      const index = this.expression(0);
      this.expect(']');
      target = { kind: 'index', target, index, position: token.position };
    }
    return target;
  }

  private primary(): ConditionNode {
    const token = this.take();
    switch (token.kind) {
      case 'number':
        return { kind: 'number', value: token.value };
      case 'string':
        return { kind: 'string', value: token.value };
      case 'name':
        return this.name(token);
      case 'operator':
        if (token.text === '(') {
          const inner = this.expression(0);
          this.expect(')');
          return inner;
        }
        return this.fail('a value, `(`, `!` or `-`', token);
      case 'end':
        return this.fail('a value', token);
    }
  }

  private name(token: ConditionToken & { kind: 'name' }): ConditionNode {
    if (token.text === 'result') return { kind: 'result' };
    if (token.text === 'true' || token.text === 'false')
      return { kind: 'boolean', value: token.text === 'true' };
    if (token.text === 'nil') return { kind: 'nil' };
    if (!Object.hasOwn(CONDITION_FUNCTIONS, token.text)) this.fail(`one of ${NAMES}`, token);
    const name = token.text as ConditionFunction;
    this.expect('(');
    const args: ConditionNode[] = [];
    if (!(this.peek().kind === 'operator' && this.peek().text === ')')) {
      args.push(this.expression(0));
      while (this.peek().kind === 'operator' && this.peek().text === ',') {
        this.next++;
        args.push(this.expression(0));
      }
    }
    const close = this.peek();
    this.expect(')');
    const arity = CONDITION_FUNCTIONS[name];
    if (args.length !== arity) {
      throw new ConditionSyntaxError(
        token.position,
        `${name}() with ${arity} argument${arity === 1 ? '' : 's'}`,
        `${args.length} argument${args.length === 1 ? '' : 's'} (closing at position ${close.position})`,
      );
    }
    return { kind: 'call', name, args, position: token.position };
  }
}

/** Node kinds whose value is never true or false: expr rejects them as a condition when it compiles. */
function neverBoolean(node: ConditionNode): boolean {
  if (node.kind === 'number' || node.kind === 'string' || node.kind === 'nil') return true;
  if (node.kind === 'unary') return node.op !== '!';
  return node.kind === 'binary' && BINARY_POWER[node.op]! >= BINARY_POWER['+']!;
}

/**
 * Parses a `successCondition` or `failureCondition` in the subset of expr this package evaluates:
 * `result`, numbers, quoted strings, `true`/`false`/`nil`, `result[0]` (negative indexes count from the
 * end), `< <= > >= == !=`, `&& || !` and `and or not`, `+ - * / %`, parentheses, and the functions of
 * Argo's environment `len(x)`, `isNaN(x)`, `isInf(x)`, `isNil(x)`, `default(x, fallback)`. Anything else
 * (field access `result.x`, `in`, lambdas, `asInt`) is a problem naming its position, returned rather
 * than thrown, as is a condition that can never be true or false (`result * 100`).
 *
 * @example parseCondition('len(result) == 0 || result[0] >= 0.95', 'successCondition') // { ok: true, node: … }
 * @example parseCondition('result.value > 1', 'successCondition').ok // false: `.` at position 7
 */
export function parseCondition(
  text: string,
  path: string,
): { ok: true; node: ConditionNode } | { ok: false; problem: SpecProblem } {
  const tokens = lexCondition(text);
  if (!Array.isArray(tokens)) {
    const problem = {
      path,
      expected: 'an expression of the supported subset',
      found: `${tokens.found} at position ${tokens.position}`,
      position: tokens.position,
    };
    return { ok: false, problem };
  }
  try {
    const node = new Parser(tokens).parseAll();
    if (neverBoolean(node)) {
      const found = 'an expression that is never true or false';
      return {
        ok: false,
        problem: { path, expected: 'a condition that is true or false', found, position: 1 },
      };
    }
    return { ok: true, node };
  } catch (error) {
    if (!(error instanceof ConditionSyntaxError)) throw error;
    const found = `${error.found} at position ${error.position}`;
    return { ok: false, problem: { path, expected: error.expected, found, position: error.position } };
  }
}
