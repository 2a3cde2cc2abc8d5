/**
 * The syntax tree of a success/failure condition in the subset of expr (github.com/expr-lang/expr, the
 * language Argo Rollouts evaluates conditions in) that this package understands. Positions are 1-based
 * characters in the condition's text, for messages.
 */
export type ConditionNode =
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'string'; value: string }
  | { kind: 'nil' }
  | { kind: 'result' }
  | { kind: 'index'; target: ConditionNode; index: ConditionNode; position: number }
  | { kind: 'unary'; op: UnaryOperator; operand: ConditionNode; position: number }
  | { kind: 'binary'; op: BinaryOperator; left: ConditionNode; right: ConditionNode; position: number }
  | { kind: 'call'; name: ConditionFunction; args: ConditionNode[]; position: number };

/** `!` (also written `not`), unary minus and plus. */
export type UnaryOperator = '!' | '-' | '+';

/** Binary operators; `and`/`or` are read as `&&`/`||`. */
export type BinaryOperator =
  | '||'
  | '&&'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'
  | '%';

/** The functions of Argo's condition environment that the subset has, with how many arguments each takes. */
export const CONDITION_FUNCTIONS = { len: 1, isNaN: 1, isInf: 1, isNil: 1, default: 2 } as const;

export type ConditionFunction = keyof typeof CONDITION_FUNCTIONS;
