import { describeValue } from './issuesToProblems.js';
import { locatedProblem } from './locatedProblem.js';
import { parseDocument } from './parseDocument.js';
import type { Problem } from './problems.js';
import type { Scenario } from './scenarioSchema.js';
import type { Locate } from './sourceMap.js';
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
  const parsed = parseDocument(text, file, SCENARIO_EXPECTED);
  if (!parsed.ok) return parsed;
  const { value, locate } = parsed;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      problems: [locatedProblem(file, locate([]), [], SCENARIO_EXPECTED, describeValue(value))],
    };
  }
  const result = validateScenario(value, file, locate);
  return result.ok ? { ok: true, scenario: result.scenario, locate } : result;
}
