import { isMap, isScalar, parseAllDocuments } from 'yaml';
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
  if (!parsed.ok) return manifestInstead(text, file) ?? parsed;
  const { value, locate } = parsed;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      problems: [locatedProblem(file, locate([]), [], SCENARIO_EXPECTED, describeValue(value))],
    };
  }
  const result = validateScenario(value, file, locate);
  return result.ok
    ? { ok: true, scenario: result.scenario, locate }
    : (manifestInstead(text, file) ?? result);
}

/** The controllers' kinds that `rehearse import` reads, by the controller's name in the command. */
const IMPORTED_KINDS: Readonly<Record<string, { controller: 'argo' | 'flagger'; what: string }>> = {
  Rollout: { controller: 'argo', what: 'an Argo Rollouts Rollout' },
  AnalysisTemplate: { controller: 'argo', what: 'an Argo Rollouts AnalysisTemplate' },
  ClusterAnalysisTemplate: { controller: 'argo', what: 'an Argo Rollouts ClusterAnalysisTemplate' },
  Canary: { controller: 'flagger', what: 'a Flagger Canary' },
  MetricTemplate: { controller: 'flagger', what: 'a Flagger MetricTemplate' },
};

/**
 * One problem instead of a schema's worth when the file is a controller's manifest (its first document has
 * an `apiVersion` and a `kind` that `rehearse import` reads): it says which command writes a scenario for
 * it. Called only on text that failed as a scenario, so a valid scenario never pays for the second parse.
 */
function manifestInstead(text: string, file: string): ParseResult | null {
  const [first] = parseAllDocuments(text);
  const contents = first === undefined || Array.isArray(first) ? null : first.contents;
  if (!isMap(contents)) return null;
  const field = (name: string) =>
    contents.items.find((pair) => isScalar(pair.key) && pair.key.value === name);
  const kind = field('kind');
  const apiVersion = field('apiVersion')?.value;
  if (!isScalar(kind?.value) || !isScalar(apiVersion) || typeof kind.value.value !== 'string') return null;
  const imported = IMPORTED_KINDS[kind.value.value];
  if (imported === undefined) return null;
  const offset = kind.value.range?.[0] ?? 0;
  const line = text.slice(0, offset).split('\n').length;
  const column = offset - text.lastIndexOf('\n', offset - 1);
  return {
    ok: false,
    problems: [
      {
        file,
        line,
        column,
        path: 'kind',
        expected: SCENARIO_EXPECTED,
        found:
          `${imported.what} manifest: \`rehearse import ${imported.controller} ${file}\` (with its other ` +
          'manifests) writes a scenario that rehearses it, the manifests staying the source of truth',
      },
    ],
  };
}
