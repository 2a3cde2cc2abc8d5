import { isMetricName, METRIC_NAMES, type MetricName } from '../gates/metrics.js';
import { DURATION_EXAMPLES, parseDurationMs } from '../scenario/duration.js';
import { describeValue } from '../scenario/issuesToProblems.js';
import { problemReporter, type ReportProblem } from '../scenario/locatedProblem.js';
import { parseDocument } from '../scenario/parseDocument.js';
import type { Plan } from '../scenario/plan.js';
import { type PathSegment, type Problem, sortProblems } from '../scenario/problems.js';
import { closestName } from '../scenario/suggest.js';
import { formatFaultSpec } from './faultSpec.js';
import type { FaultClaim, NamedFault } from './namedFault.js';
import { validateFaults } from './validateFaults.js';

const FILE_EXPECTED = 'a fault file: a mapping with faults (a list) and optionally name and description';
const FILE_FIELDS = ['name', 'description', 'faults'];
const CLAIM_FIELDS = ['says', 'detectedBy', 'within'];

/** A fault file read and checked against a plan: its name and its faults, or every problem found. */
export type FaultFileResult =
  | { ok: true; name: string | null; faults: NamedFault[] }
  | { ok: false; problems: Problem[] };

type Mapping = Record<string, unknown>;

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses a fault file (YAML, or JSON when the name ends in `.json`) and checks it against the plan its
 * faults will be injected into: `faults` entries are scenario fault entries plus an optional `name` and
 * `claim` (`says`, the claim's words; `detectedBy`, the metric of the gate or guard it relies on;
 * `within`, the longest acceptable time from the fault's start to the rollback). Every problem is
 * collected and located by line and field path. Pure.
 *
 * @example parseFaultFile('faults:\n  - { kind: error-spike, phase: ramp, at: 1h, addedErrorRate: 0.03 }\n', 'f.yaml', plan)
 * // { ok: true, name: null, faults: [{ name: 'error-spike phase=ramp at=1h duration=3h addedErrorRate=0.03', ... }] }
 */
export function parseFaultFile(text: string, file: string, plan: Plan): FaultFileResult {
  const parsed = parseDocument(text, file);
  if (!parsed.ok) return parsed;
  const problems: Problem[] = [];
  const report = problemReporter(file, parsed.locate, problems);
  const value = parsed.value;
  if (!isMapping(value) || !Array.isArray(value.faults) || value.faults.length === 0) {
    const found = isMapping(value) ? `faults: ${describeValue(value.faults)}` : describeValue(value);
    report(isMapping(value) ? ['faults'] : [], FILE_EXPECTED, found);
    return { ok: false, problems };
  }
  unknownFields(value, FILE_FIELDS, [], report);
  const name = optionalText(value, 'name', [], report);
  optionalText(value, 'description', [], report);

  const entries: unknown[] = [];
  const names: Array<string | null> = [];
  const claims: Array<FaultClaim | null> = [];
  value.faults.forEach((item: unknown, index: number) => {
    if (!isMapping(item)) {
      entries.push(item);
      names.push(null);
      claims.push(null);
      return;
    }
    const { name: faultName, claim, ...entry } = item;
    entries.push(entry);
    names.push(optionalText(item, 'name', ['faults', index], report));
    claims.push(claim === undefined ? null : readClaim(claim, ['faults', index, 'claim'], report));
  });
  const compiled = validateFaults(entries, plan, file, parsed.locate);
  if (!compiled.ok) problems.push(...compiled.problems);
  if (!compiled.ok || problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  return {
    ok: true,
    name,
    faults: compiled.faults.map((fault, index) => {
      const spec = formatFaultSpec(fault, plan);
      return {
        name: names[index] ?? spec,
        source: `${file} faults[${index}]`,
        spec,
        fault,
        claim: claims[index]!,
      };
    }),
  };
}

function unknownFields(
  mapping: Mapping,
  known: readonly string[],
  path: PathSegment[],
  report: ReportProblem,
): void {
  for (const key of Object.keys(mapping)) {
    if (known.includes(key)) continue;
    const suggestion = closestName(key, known);
    const hint = suggestion === null ? '' : `; did you mean '${suggestion}'?`;
    report([...path, key], `one of the fields ${known.join(', ')}`, `unknown field '${key}'${hint}`, 'key');
  }
}

function optionalText(
  mapping: Mapping,
  key: string,
  path: PathSegment[],
  report: ReportProblem,
): string | null {
  const value = mapping[key];
  if (value === undefined) return null;
  if (typeof value === 'string' && value.trim() !== '') return value;
  report([...path, key], 'a non-empty text', describeValue(value));
  return null;
}

function readClaim(claim: unknown, path: PathSegment[], report: ReportProblem): FaultClaim | null {
  if (!isMapping(claim)) {
    report(path, 'a claim: a mapping with says, and optionally detectedBy and within', describeValue(claim));
    return null;
  }
  unknownFields(claim, CLAIM_FIELDS, path, report);
  const says = optionalText(claim, 'says', path, report);
  if (says === null && claim.says === undefined)
    report([...path, 'says'], 'the words of the claim', 'nothing');
  let detectedBy: MetricName | null = null;
  if (claim.detectedBy !== undefined) {
    if (typeof claim.detectedBy === 'string' && isMetricName(claim.detectedBy)) detectedBy = claim.detectedBy;
    else
      report(
        [...path, 'detectedBy'],
        `a metric name (${METRIC_NAMES.join(', ')})`,
        describeValue(claim.detectedBy),
      );
  }
  let withinMs: number | null = null;
  if (claim.within !== undefined) {
    withinMs = typeof claim.within === 'string' ? parseDurationMs(claim.within) : null;
    if (withinMs === null) report([...path, 'within'], DURATION_EXAMPLES, describeValue(claim.within));
  }
  return says === null ? null : { says, detectedBy, withinMs };
}
