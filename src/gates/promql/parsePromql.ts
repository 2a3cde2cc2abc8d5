import type { LabelMatcher, PromqlNode } from './promqlSyntax.js';

type Token =
  | { kind: 'name' | 'string' | 'range' | 'punct'; text: string; position: number }
  | { kind: 'number'; text: string; value: number; position: number }
  | { kind: 'end'; text: ''; position: number };

/** Why a query could not be read: what was expected, what was found, and where (1-based). */
export interface PromqlSyntaxError {
  expected: string;
  found: string;
  position: number;
}

const AGGREGATIONS = new Set(['sum', 'avg', 'min', 'max', 'count']);
const PUNCT = ['=~', '!~', '!=', '(', ')', '{', '}', ',', '=', '+', '-', '*', '/'];

class SyntaxFailure extends Error {
  constructor(readonly detail: PromqlSyntaxError) {
    super(detail.expected);
  }
}

function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    const position = i + 1;
    const rest = text.slice(i);
    const name = /^[A-Za-z_:][A-Za-z0-9_:]*/.exec(rest);
    const number = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(rest);
    if (number !== null && !/^\d+[a-z]/.test(rest)) {
      tokens.push({ kind: 'number', text: number[0], value: Number(number[0]), position });
      i += number[0].length;
    } else if (name !== null) {
      tokens.push({ kind: 'name', text: name[0], position });
      i += name[0].length;
    } else if (rest[0] === '"' || rest[0] === "'" || rest[0] === '`') {
      const end = text.indexOf(rest[0], i + 1);
      if (end < 0) throw new SyntaxFailure({ expected: 'a closing quote', found: 'the end', position });
      tokens.push({ kind: 'string', text: text.slice(i + 1, end), position });
      i = end + 1;
    } else if (rest[0] === '[') {
      const end = text.indexOf(']', i);
      if (end < 0) throw new SyntaxFailure({ expected: '`]`', found: 'the end', position });
      tokens.push({ kind: 'range', text: text.slice(i + 1, end).trim(), position });
      i = end + 1;
    } else {
      const punct = PUNCT.find((p) => rest.startsWith(p));
      if (punct === undefined)
        throw new SyntaxFailure({
          expected: 'PromQL of the recognised subset',
          found: `\`${rest[0]}\``,
          position,
        });
      tokens.push({ kind: 'punct', text: punct, position });
      i += punct.length;
    }
  }
  tokens.push({ kind: 'end', text: '', position: text.length + 1 });
  return tokens;
}

class Parser {
  private next = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token {
    return this.tokens[this.next]!;
  }

  private fail(expected: string): never {
    const token = this.peek();
    const found = token.kind === 'end' ? 'the end' : `\`${token.text}\``;
    throw new SyntaxFailure({ expected, found, position: token.position });
  }

  private accept(text: string): boolean {
    const token = this.peek();
    if (token.kind === 'punct' && token.text === text) {
      this.next++;
      return true;
    }
    return false;
  }

  private expect(text: string): void {
    if (!this.accept(text)) this.fail(`\`${text}\``);
  }

  all(): PromqlNode {
    const node = this.additive();
    if (this.peek().kind !== 'end') this.fail('an operator or the end');
    return node;
  }

  private additive(): PromqlNode {
    return this.binary(['+', '-'], () => this.multiplicative());
  }

  private multiplicative(): PromqlNode {
    return this.binary(['*', '/'], () => this.primary());
  }

  /** A left-associative run of operands joined by operators of one precedence level. */
  private binary(ops: readonly string[], operand: () => PromqlNode): PromqlNode {
    let left = operand();
    for (let op = this.peek().text; ops.includes(op); op = this.peek().text) {
      this.next++;
      left = { kind: 'binary', op: op as '+' | '-' | '*' | '/', left, right: operand() };
    }
    return left;
  }

  private labels(): string[] {
    this.expect('(');
    const labels: string[] = [];
    while (!this.accept(')')) {
      const token = this.peek();
      if (token.kind !== 'name') this.fail('a label name');
      labels.push(token.text);
      this.next++;
      if (!this.accept(',') && this.peek().text !== ')') this.fail('`,` or `)`');
    }
    return labels;
  }

  private grouping(): { mode: 'by' | 'without'; labels: string[] } | null {
    const token = this.peek();
    if (token.kind !== 'name' || (token.text !== 'by' && token.text !== 'without')) return null;
    this.next++;
    return { mode: token.text, labels: this.labels() };
  }

  private matchers(): LabelMatcher[] {
    const matchers: LabelMatcher[] = [];
    if (!this.accept('{')) return matchers;
    while (!this.accept('}')) {
      const label = this.peek();
      if (label.kind !== 'name') this.fail('a label name');
      this.next++;
      const op = this.peek();
      if (op.kind !== 'punct' || !['=', '!=', '=~', '!~'].includes(op.text))
        this.fail('`=`, `!=`, `=~` or `!~`');
      this.next++;
      const value = this.peek();
      if (value.kind !== 'string') this.fail('a quoted label value');
      this.next++;
      matchers.push({ label: label.text, op: op.text as LabelMatcher['op'], value: value.text });
      if (!this.accept(',') && this.peek().text !== '}') this.fail('`,` or `}`');
    }
    return matchers;
  }

  private primary(): PromqlNode {
    const token = this.peek();
    if (token.kind === 'number') {
      this.next++;
      return { kind: 'number', value: token.value };
    }
    if (this.accept('(')) {
      const inner = this.additive();
      this.expect(')');
      return inner;
    }
    if (token.kind !== 'name') this.fail('a number, a metric, a function or `(`');
    this.next++;
    if (AGGREGATIONS.has(token.text)) {
      const before = this.grouping();
      this.expect('(');
      const expr = this.additive();
      this.expect(')');
      return { kind: 'aggregate', op: token.text, grouping: before ?? this.grouping(), expr };
    }
    if (this.peek().text === '(') {
      this.next++;
      const args: PromqlNode[] = [];
      while (!this.accept(')')) {
        args.push(this.additive());
        if (!this.accept(',') && this.peek().text !== ')') this.fail('`,` or `)`');
      }
      return { kind: 'call', name: token.text, args };
    }
    const matchers = this.matchers();
    const range = this.peek();
    if (range.kind === 'range') this.next++;
    return {
      kind: 'selector',
      metric: token.text,
      matchers,
      range: range.kind === 'range' ? range.text : null,
    };
  }
}

/**
 * Parses a query in the subset of PromQL that rollout analyses use: numbers, `metric{label=~"v"}[5m]`,
 * function calls (`rate`, `histogram_quantile`, …), `sum`/`avg`/`min`/`max`/`count` with `by`/`without`
 * before or after the argument, `+ - * /` and parentheses. A range is kept as written, so a template
 * variable (`[{{ interval }}]`) survives for the caller to report. Anything else is a syntax error.
 *
 * @example parsePromql('sum(rate(http_requests_total[5m]))') // { ok: true, node: { kind: 'aggregate', op: 'sum', … } }
 */
export function parsePromql(
  query: string,
): { ok: true; node: PromqlNode } | { ok: false; error: PromqlSyntaxError } {
  try {
    return { ok: true, node: new Parser(lex(query)).all() };
  } catch (error) {
    if (error instanceof SyntaxFailure) return { ok: false, error: error.detail };
    throw error;
  }
}
