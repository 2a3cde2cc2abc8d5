import { binaryProblem } from './decodeText.js';
import { describeValue } from './issuesToProblems.js';
import { parseJson } from './parseJson.js';
import { parseYaml } from './parseYaml.js';
import { formatPath, type Problem, sortProblems } from './problems.js';
import type { Scenario } from './scenarioSchema.js';
import { type Locate, makeLocate, makePositionAt } from './sourceMap.js';
import { validateScenario } from './validateScenario.js';

/** A parsed scenario and a way to point at its lines, or every problem found. */
export type ParseResult =
  | { ok: true; scenario: Scenario; locate: Locate }
  | { ok: false; problems: Problem[] };

const SCENARIO_EXPECTED = 'a scenario: a mapping with name, population, analyzers and phases';

/**
 * Parses a scenario file's text: JSON when the name ends in `.json` (strict JSON), YAML otherwise; then
 * validates it. Pure and total: bad input of any kind (empty, binary, bad syntax, duplicate keys, several
 * documents, an alias bomb, schema and sense problems) gives `ok: false` with every problem located by
 * `file`, line and field path; it never throws on input.
 *
 * @example parseScenario('name: x', 'a.yaml') // { ok: false, problems: [... 'population' ... 'nothing'] }
 */
export function parseScenario(text: string, file: string): ParseResult {
  const fail = (problems: Problem[]): ParseResult => ({ ok: false, problems: sortProblems(problems) });
  const binary = binaryProblem(text, file);
  if (binary !== null) return fail([binary]);
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const empty: Problem = {
    file,
    line: null,
    column: null,
    path: '',
    expected: SCENARIO_EXPECTED,
    found: 'an empty file',
  };
  if (body.trim() === '') return fail([empty]);
  const parsed = /\.json$/i.test(file) ? parseJson(body) : parseYaml(body);
  if (!parsed.ok) {
    const positionAt = makePositionAt(body);
    return fail(
      parsed.faults.map((fault) => {
        const position = fault.offset === null ? null : positionAt(fault.offset);
        return {
          file,
          line: position?.line ?? null,
          column: position?.column ?? null,
          path: formatPath(fault.path),
          expected: fault.expected,
          found: fault.found,
        };
      }),
    );
  }
  if (parsed.value === undefined) return fail([empty]);
  const locate = makeLocate(parsed.tree, body);
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const position = locate([]);
    return fail([
      {
        file,
        line: position?.line ?? null,
        column: position?.column ?? null,
        path: '',
        expected: SCENARIO_EXPECTED,
        found: describeValue(value),
      },
    ]);
  }
  const result = validateScenario(value, file, locate);
  return result.ok ? { ok: true, scenario: result.scenario, locate } : result;
}
