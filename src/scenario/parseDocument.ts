import { binaryProblem } from './decodeText.js';
import { locatedProblem } from './locatedProblem.js';
import { parseJson } from './parseJson.js';
import { parseYaml } from './parseYaml.js';
import { type Problem, sortProblems } from './problems.js';
import { type Locate, makeLocate, makePositionAt } from './sourceMap.js';

/** A file's data and a way to point at its lines, or every problem found reading it. */
export type DocumentResult =
  | { ok: true; value: unknown; locate: Locate }
  | { ok: false; problems: Problem[] };

/**
 * Reads the text of a scenario or fault file as data: JSON when the name ends in `.json` (strict JSON),
 * YAML otherwise, a leading byte order mark dropped. Binary text (a NUL character) and every syntax
 * fault (bad syntax, duplicate keys, several documents, an alias bomb) are problems located by line.
 * With `emptyExpected`, an empty file (or a YAML file of comments only) is one problem too, saying what
 * was expected; without it, its value is `undefined`. Pure and total: it never throws on input.
 *
 * @example parseDocument('a: 1\na: 2\n', 'x.yaml') // { ok: false, problems: [{ line: 2, ... found: ... 'a' ... }] }
 */
export function parseDocument(text: string, file: string, emptyExpected?: string): DocumentResult {
  const fail = (problems: Problem[]): DocumentResult => ({ ok: false, problems: sortProblems(problems) });
  const binary = binaryProblem(text, file);
  if (binary !== null) return fail([binary]);
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const empty = () => fail([locatedProblem(file, null, [], emptyExpected!, 'an empty file')]);
  if (emptyExpected !== undefined && body.trim() === '') return empty();
  const parsed = /\.json$/i.test(file) ? parseJson(body) : parseYaml(body);
  if (!parsed.ok) {
    const positionAt = makePositionAt(body);
    return fail(
      parsed.faults.map((fault) =>
        locatedProblem(
          file,
          fault.offset === null ? null : positionAt(fault.offset),
          fault.path,
          fault.expected,
          fault.found,
        ),
      ),
    );
  }
  if (emptyExpected !== undefined && parsed.value === undefined) return empty();
  return { ok: true, value: parsed.value, locate: makeLocate(parsed.tree, body) };
}
