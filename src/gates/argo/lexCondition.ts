/** A token of a condition, with its 1-based position in the text. */
export type ConditionToken =
  | { kind: 'number'; value: number; text: string; position: number }
  | { kind: 'string'; value: string; text: string; position: number }
  | { kind: 'name'; text: string; position: number }
  | { kind: 'operator'; text: string; position: number }
  | { kind: 'end'; text: ''; position: number };

/** Where lexing stopped: the character it could not read, at its 1-based position. */
export interface LexError {
  position: number;
  found: string;
}

const OPERATORS = [
  '||',
  '&&',
  '==',
  '!=',
  '<=',
  '>=',
  '<',
  '>',
  '!',
  '+',
  '-',
  '*',
  '/',
  '%',
  '(',
  ')',
  '[',
  ']',
  ',',
];
const WORD_OPERATORS: Readonly<Record<string, string>> = { and: '&&', or: '||', not: '!' };
const NUMBER = /^(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/;
const NAME = /^[A-Za-z_$][A-Za-z0-9_$]*/;

function readString(text: string, start: number): { value: string; end: number } | null {
  const quote = text[start]!;
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i]!;
    if (char === quote) return { value, end: i + 1 };
    if (char === '\\' && i + 1 < text.length) {
      i++;
      value += text[i] === 'n' ? '\n' : text[i] === 't' ? '\t' : text[i]!;
    } else value += char;
  }
  return null;
}

/**
 * The tokens of a condition: numbers (`0.95`, `1e3`), quoted strings, names, the word operators `and`,
 * `or`, `not` (returned as `&&`, `||`, `!`) and the operators of the subset; the last token is `end`.
 * A character outside the subset (`.`, `=`, `?`, `~`, …) stops lexing with its position.
 *
 * @example lexCondition('result[0] >= 0.95').map((t) => t.text) // ['result', '[', '0', ']', '>=', '0.95', '']
 */
export function lexCondition(text: string): ConditionToken[] | LexError {
  const tokens: ConditionToken[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    const position = i + 1;
    const rest = text.slice(i);
    const number = NUMBER.exec(rest);
    if (number !== null) {
      tokens.push({ kind: 'number', value: Number(number[0]), text: number[0], position });
      i += number[0].length;
      continue;
    }
    if (char === '"' || char === "'") {
      const string = readString(text, i);
      if (string === null) return { position, found: 'an unterminated string' };
      tokens.push({ kind: 'string', value: string.value, text: text.slice(i, string.end), position });
      i = string.end;
      continue;
    }
    const name = NAME.exec(rest);
    if (name !== null) {
      const word = WORD_OPERATORS[name[0]];
      if (word !== undefined) tokens.push({ kind: 'operator', text: word, position });
      else tokens.push({ kind: 'name', text: name[0], position });
      i += name[0].length;
      continue;
    }
    const operator = OPERATORS.find((candidate) => rest.startsWith(candidate));
    if (operator === undefined) return { position, found: `\`${char}\`` };
    tokens.push({ kind: 'operator', text: operator, position });
    i += operator.length;
  }
  tokens.push({ kind: 'end', text: '', position: text.length + 1 });
  return tokens;
}
