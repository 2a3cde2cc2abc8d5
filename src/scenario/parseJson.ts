import type { PathSegment } from './problems.js';
import type { ParsedSource, SourceFault, SourceNode } from './sourceMap.js';

const MAX_DEPTH = 500;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings may not hold raw control characters.
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

class SyntaxFault extends Error {
  constructor(readonly fault: SourceFault) {
    super(fault.expected);
  }
}

/**
 * Reads strict JSON (RFC 8259) keeping the offset of every value and key. Unlike `JSON.parse`, it
 * reports where a syntax error is on every Node version, and it reports duplicate keys (which
 * `JSON.parse` silently resolves to the last one). Stops at the first syntax error; collects every
 * duplicate key.
 */
export function parseJson(text: string): ParsedSource {
  const duplicates: SourceFault[] = [];
  let position = 0;
  const path: PathSegment[] = [];

  const describe = (at: number): string => {
    if (at >= text.length) return 'the end of the file';
    return JSON.stringify(text[at]);
  };
  const fail = (expected: string, at = position): never => {
    throw new SyntaxFault({ offset: at, path: [...path], expected, found: describe(at) });
  };
  const skipSpace = (): void => {
    while (position < text.length && ' \t\n\r'.includes(text[position] ?? '')) position++;
  };
  const readString = (): string => {
    STRING.lastIndex = position;
    const match = STRING.exec(text);
    if (match === null) {
      let end = position + 1;
      while (end < text.length && text[end] !== '"' && text.charCodeAt(end) >= 0x20)
        end += text[end] === '\\' ? 2 : 1;
      return fail(end >= text.length ? 'a closing double quote' : 'a valid string character or escape', end);
    }
    position = STRING.lastIndex;
    return JSON.parse(match[0]) as string;
  };
  const readValue = (depth: number): { value: unknown; node: SourceNode } => {
    if (depth > MAX_DEPTH) {
      throw new SyntaxFault({
        offset: position,
        path: [],
        expected: `at most ${MAX_DEPTH} levels of nesting`,
        found: 'more',
      });
    }
    skipSpace();
    const start = position;
    const char = text[position];
    if (char === '{') return readObject(start, depth);
    if (char === '[') return readArray(start, depth);
    if (char === '"') return { value: readString(), node: { offset: start } };
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, position)) {
        position += word.length;
        return { value, node: { offset: start } };
      }
    }
    NUMBER.lastIndex = position;
    const match = NUMBER.exec(text);
    if (match === null) return fail('a JSON value');
    position = NUMBER.lastIndex;
    return { value: Number(match[0]), node: { offset: start } };
  };
  const readObject = (start: number, depth: number): { value: unknown; node: SourceNode } => {
    position++;
    const value: Record<string, unknown> = {};
    const children = new Map<PathSegment, SourceNode>();
    skipSpace();
    if (text[position] === '}') {
      position++;
      return { value, node: { offset: start, children } };
    }
    for (;;) {
      skipSpace();
      if (text[position] !== '"') fail('a double-quoted key');
      const keyOffset = position;
      const key = readString();
      skipSpace();
      if (text[position] !== ':') fail(`':' after the key ${JSON.stringify(key)}`);
      position++;
      path.push(key);
      const entry = readValue(depth + 1);
      if (children.has(key))
        duplicates.push({
          offset: keyOffset,
          path: [...path],
          expected: 'unique keys',
          found: `a second ${JSON.stringify(key)}`,
        });
      path.pop();
      Object.defineProperty(value, key, {
        value: entry.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      children.set(key, { ...entry.node, keyOffset });
      skipSpace();
      if (text[position] === ',') {
        position++;
        continue;
      }
      if (text[position] === '}') {
        position++;
        return { value, node: { offset: start, children } };
      }
      fail("',' or '}'");
    }
  };
  const readArray = (start: number, depth: number): { value: unknown; node: SourceNode } => {
    position++;
    const value: unknown[] = [];
    const children = new Map<PathSegment, SourceNode>();
    skipSpace();
    if (text[position] === ']') {
      position++;
      return { value, node: { offset: start, children } };
    }
    for (;;) {
      path.push(value.length);
      const entry = readValue(depth + 1);
      path.pop();
      children.set(value.length, entry.node);
      value.push(entry.value);
      skipSpace();
      if (text[position] === ',') {
        position++;
        continue;
      }
      if (text[position] === ']') {
        position++;
        return { value, node: { offset: start, children } };
      }
      fail("',' or ']'");
    }
  };

  try {
    const { value, node } = readValue(0);
    skipSpace();
    if (position < text.length) fail('the end of the file after the JSON value');
    return duplicates.length > 0 ? { ok: false, faults: duplicates } : { ok: true, value, tree: node };
  } catch (error) {
    if (error instanceof SyntaxFault) return { ok: false, faults: [...duplicates, error.fault] };
    throw error;
  }
}
