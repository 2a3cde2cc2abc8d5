import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/scenario/parseJson.js';
import { makeLocate } from '../../src/scenario/sourceMap.js';

describe('parseJson', () => {
  it('reads what JSON.parse reads, compact or indented', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const result = parseJson(text);
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.value).toEqual(JSON.parse(text));
      }),
    );
  });

  it('rejects what JSON.parse rejects', () => {
    for (const text of [
      '{"a": 1,}',
      '[1 2]',
      "{'a': 1}",
      '{"a": 01}',
      '{"a": .5}',
      'NaN',
      '{"a": "\t"}',
      '[1] [2]',
      '{"a"}',
    ]) {
      expect(() => JSON.parse(text)).toThrow();
      expect(parseJson(text).ok, text).toBe(false);
    }
  });

  it('knows where every value and key is', () => {
    const text = '{\n  "phases": [\n    { "name": "canary", "traffic": 0.01 }\n  ]\n}';
    const result = parseJson(text);
    if (!result.ok) throw new Error('valid JSON');
    const locate = makeLocate(result.tree, text);
    expect(locate(['phases', 0, 'traffic'])).toEqual({ line: 3, column: 36 });
    expect(locate(['phases', 0, 'traffic'], 'key')).toEqual({ line: 3, column: 25 });
    expect(locate(['phases', 0, 'duration'])).toEqual({ line: 3, column: 5 });
  });

  it('keeps a "__proto__" key as data', () => {
    const result = parseJson('{"__proto__": {"polluted": true}}');
    expect(result.ok && Object.keys(result.value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
