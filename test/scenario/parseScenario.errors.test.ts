import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { METRIC_NAMES } from '../../src/gates/metrics.js';
import { decodeText } from '../../src/scenario/decodeText.js';
import { DURATION_EXAMPLES } from '../../src/scenario/duration.js';
import { parseScenario } from '../../src/scenario/parseScenario.js';
import type { Problem } from '../../src/scenario/problems.js';
import { lineOf, makeScenario, type Overrides, toYaml } from './fixtures.js';

const SCENARIO = 'a scenario: a mapping with name, population, analyzers and phases';
const PHASE_FIELDS = 'name, traffic, learners, duration, checkpoints, gates, require, advance, window';
const METRICS = METRIC_NAMES.join(', ');

interface Row {
  title: string;
  text: string;
  file: string;
  problem: Omit<Problem, 'file' | 'column'> & { column?: number | null };
}

/**
 * A broken scenario built from the fixture and written as YAML; the problem must be on the
 * `occurrence`-th line containing `needle`.
 */
function fromFixture(
  title: string,
  overrides: Overrides,
  path: string,
  needle: string | RegExp,
  expected: string,
  found: string,
  occurrence = 1,
): Row {
  const text = toYaml(makeScenario(overrides));
  return {
    title,
    text,
    file: 'fixture.yaml',
    problem: { path, line: lineOf(text, needle, occurrence), expected, found },
  };
}

const fixtureRows: Row[] = [
  fromFixture('missing name', { name: undefined }, 'name', 'seed:', 'a non-empty name', 'nothing'),
  fromFixture('empty name', { name: '' }, 'name', 'name:', 'a non-empty name', '""'),
  fromFixture('negative seed', { seed: -1 }, 'seed', 'seed:', 'a whole number in [0, 2^53 - 1]', '-1'),
  fromFixture('fractional seed', { seed: 1.5 }, 'seed', 'seed:', 'a whole number in [0, 2^53 - 1]', '1.5'),
  fromFixture(
    'start not a calendar date',
    { start: '2025-02-30T00:00:00Z' },
    'start',
    'start:',
    'an ISO 8601 date-time with Z or an offset, like 2025-10-31T12:00:00Z (a real date and time)',
    '"2025-02-30T00:00:00Z"',
  ),
  fromFixture(
    'start without a zone',
    { start: '2025-10-31T12:00:00' },
    'start',
    'start:',
    'an ISO 8601 date-time with Z or an offset, like 2025-10-31T12:00:00Z',
    '"2025-10-31T12:00:00"',
  ),
  fromFixture(
    'no learners',
    { population: { learners: 0 } },
    'population.learners',
    'learners: 0',
    'a whole number of learners in [1, 1000000000]',
    '0',
  ),
  fromFixture(
    'request rate too high',
    { population: { requestsPerLearnerHour: 20_000 } },
    'population.requestsPerLearnerHour',
    'requestsPerLearnerHour:',
    'a request rate in (0, 10000] requests per learner-hour',
    '20000',
  ),
  fromFixture(
    'shares do not sum to 1',
    { population: { segments: [{ share: 0.5 }] } },
    'population.segments',
    'segments:',
    'shares that sum to 1',
    'shares that sum to 0.9',
  ),
  fromFixture(
    'duplicate segment id',
    { population: { segments: [{}, { id: 'web' }] } },
    'population.segments[1].id',
    '- id: web',
    'a segment id not used before (segments[0] has it)',
    '"web"',
    2,
  ),
  fromFixture(
    'segment id not a slug',
    { population: { segments: [{ id: 'Web App' }] } },
    'population.segments[0].id',
    'id: Web App',
    'a segment id of lowercase letters, digits, - and _ (like k12-mobile)',
    '"Web App"',
  ),
  fromFixture(
    'diurnal with 23 factors',
    { population: { diurnal: new Array(23).fill(1) } },
    'population.diurnal',
    'diurnal:',
    '24 factors, one per UTC hour (00:00 to 23:00)',
    'a list of 23 items',
  ),
  fromFixture(
    'diurnal factor not positive',
    { population: { diurnal: [1, 1, 1, -2, ...new Array(20).fill(1)] } },
    'population.diurnal[3]',
    '- -2',
    'a positive factor',
    '-2',
  ),
  fromFixture(
    'error rate as a percentage string',
    { analyzers: { candidate: { errorRate: '0.1%' } } },
    'analyzers.candidate.errorRate',
    'errorRate: 0.1%',
    'an error rate in [0, 1]',
    '"0.1%"',
  ),
  fromFixture(
    'error rate above 1',
    { analyzers: { baseline: { errorRate: 1.5 } } },
    'analyzers.baseline.errorRate',
    'errorRate: 1.5',
    'an error rate in [0, 1]',
    '1.5',
  ),
  fromFixture(
    'p99 not above p50',
    { analyzers: { candidate: { latencyMs: { p99: 20 } } } },
    'analyzers.candidate.latencyMs.p99',
    'p99: 20',
    'a p99 above p50 (25 ms)',
    '20',
  ),
  fromFixture(
    'zero availability',
    { analyzers: { candidate: { availability: 0 } } },
    'analyzers.candidate.availability',
    /availability: 0$/,
    'an availability in (0, 1]',
    '0',
  ),
  fromFixture(
    'override for an unknown segment',
    { analyzers: { candidate: { segments: { mobil: { errorRate: 0.01 } } } } },
    'analyzers.candidate.segments.mobil',
    'mobil:',
    'a segment id from population.segments (web, mobile)',
    '"mobil"; did you mean "mobile"?',
  ),
  fromFixture(
    'misspelt field',
    { phases: [{ traffic: undefined, trafic: 0.01 }] },
    'phases[0].trafic',
    'trafic:',
    `one of the fields ${PHASE_FIELDS}`,
    "unknown field 'trafic'; did you mean 'traffic'?",
  ),
  fromFixture(
    'missing required field',
    { phases: [{ traffic: undefined }] },
    'phases[0].traffic',
    '- name: canary',
    'a traffic share in (0, 1]',
    'nothing',
  ),
  fromFixture(
    'no phases',
    { phases: undefined },
    'phases',
    'name: fixture',
    'a list of phases, or a controller section naming Argo Rollouts or Flagger manifests',
    'nothing',
  ),
  fromFixture(
    'duplicate phase name',
    { phases: [{}, { name: 'canary' }] },
    'phases[1].name',
    '- name: canary',
    'a phase name not used before',
    '"canary"',
    2,
  ),
  fromFixture(
    'traffic above 1',
    { phases: [{ traffic: 1.5 }] },
    'phases[0].traffic',
    'traffic: 1.5',
    'a traffic share in (0, 1]',
    '1.5',
  ),
  fromFixture(
    'traffic too small for one learner',
    { phases: [{ traffic: 0.00001 }] },
    'phases[0].traffic',
    'traffic: 0.00001',
    'a share giving at least one of the 10000 learners',
    '0.00001',
  ),
  fromFixture(
    'phase learners above the population',
    { phases: [{ learners: 20_000 }] },
    'phases[0].learners',
    'learners: 20000',
    'at most population.learners (10000)',
    '20000',
  ),
  fromFixture(
    'duration in words',
    { phases: [{ duration: '2 hours', checkpoints: undefined }] },
    'phases[0].duration',
    'duration: 2 hours',
    DURATION_EXAMPLES,
    '"2 hours"',
  ),
  fromFixture(
    'zero duration',
    { phases: [{ duration: '0s', checkpoints: undefined }] },
    'phases[0].duration',
    'duration: 0s',
    'a duration longer than 0',
    '"0s"',
  ),
  fromFixture(
    'checkpoints out of order',
    { phases: [{ checkpoints: ['30m', '15m', '2h'] }] },
    'phases[0].checkpoints[1]',
    '- 15m',
    'a checkpoint after the previous one (30m)',
    '"15m"',
  ),
  fromFixture(
    'checkpoint after the end of the phase',
    { phases: [{ checkpoints: ['30m', '1h', '3h'] }] },
    'phases[0].checkpoints[2]',
    '- 3h',
    'a checkpoint within the phase (at most 2h)',
    '"3h"',
  ),
  fromFixture(
    'checkpoint between interval boundaries',
    { phases: [{ checkpoints: ['45s', '2h'] }] },
    'phases[0].checkpoints[0]',
    '- 45s',
    'a whole multiple of monitoring.interval (30s): checkpoints are evaluated at interval boundaries',
    '"45s"',
  ),
  fromFixture(
    'phase duration between interval boundaries',
    { monitoring: { interval: '1m' }, phases: [{}, { duration: '1d30s' }] },
    'phases[1].duration',
    'duration: 1d30s',
    'a whole multiple of monitoring.interval (1m)',
    '"1d30s"',
  ),
  fromFixture(
    'guard window not a multiple of the interval',
    { monitoring: { interval: '30s', window: '45s' } },
    'monitoring.window',
    'window: 45s',
    'a whole multiple of monitoring.interval (30s)',
    '"45s"',
  ),
  fromFixture(
    'latency buckets not increasing',
    { monitoring: { latencyBucketsMs: [5, 10, 10, 50] } },
    'monitoring.latencyBucketsMs[2]',
    '- 10',
    'a bound above the previous one (10 ms)',
    '10',
    2,
  ),
  fromFixture(
    'threshold as a percentage string',
    { phases: [{ gates: { errorRate: { below: '0.5%' } } }] },
    'phases[0].gates.errorRate.below',
    'below: 0.5%',
    'a number in [0, 1]',
    '"0.5%"',
  ),
  fromFixture(
    'rate threshold above 1',
    { phases: [{ gates: { errorRate: { below: 5 } } }] },
    'phases[0].gates.errorRate.below',
    'below: 5',
    'a number in [0, 1]',
    '5',
  ),
  fromFixture(
    'latency threshold not positive',
    { phases: [{ gates: { p99LatencyMs: { below: 0 } } }] },
    'phases[0].gates.p99LatencyMs.below',
    /below: 0$/,
    'a latency in ms > 0',
    '0',
  ),
  fromFixture(
    'unknown metric',
    { phases: [{ gates: { p99Latency: { below: 200 } } }] },
    'phases[0].gates.p99Latency',
    'p99Latency:',
    `a metric name (${METRICS})`,
    "unknown metric 'p99Latency'; did you mean 'p99LatencyMs'?",
  ),
  fromFixture(
    'condition without an operator',
    { phases: [{ gates: { errorRate: { below: undefined, minRequests: 10 } } }] },
    'phases[0].gates.errorRate',
    'errorRate:',
    'at least one operator (below, above, max, min, within)',
    'none',
    4,
  ),
  fromFixture(
    'gate no value can pass',
    { phases: [{ gates: { availability: { above: 0.5, below: 0.2 } } }] },
    'phases[0].gates.availability',
    'availability:',
    'a condition that some value can pass',
    'below 0.2 and above 0.5',
    3,
  ),
  fromFixture(
    'unknown require',
    { phases: [{ require: 'always' }] },
    'phases[0].require',
    'require: always',
    'one of every-checkpoint, final',
    '"always"',
  ),
  fromFixture(
    'guard threshold out of range',
    { guards: { rollbackWhen: { errorRate: { above: 2 } } } },
    'guards.rollbackWhen.errorRate.above',
    'above: 2',
    'a number in [0, 1]',
    '2',
  ),
  fromFixture(
    'negative guard minRequests',
    { guards: { minRequests: -1 } },
    'guards.minRequests',
    'minRequests: -1',
    'a whole number of requests ≥ 0',
    '-1',
  ),
  fromFixture(
    'guard consecutive of 0',
    { guards: { consecutive: 0 } },
    'guards.consecutive',
    'consecutive: 0',
    'a whole number of checks in [1, 100000]',
    '0',
  ),
  fromFixture(
    'consecutive on a gate',
    { phases: [{ gates: { errorRate: { below: 0.01, consecutive: 3 } } }] },
    'phases[0].gates.errorRate.consecutive',
    'consecutive: 3',
    'no consecutive on a gate: a gate is judged once per checkpoint; consecutive belongs to guards.rollbackWhen',
    '3',
  ),
  fromFixture(
    'negative sd',
    { business: { baselineAnnualRevenue: 1e6, revenueUplift: { mean: 0.05, sd: -0.01 } } },
    'business.revenueUplift.sd',
    'sd: -0.01',
    'a standard deviation ≥ 0 (a fraction)',
    '-0.01',
  ),
  fromFixture(
    'business without revenueUplift',
    { business: { baselineAnnualRevenue: 1e6 } },
    'business.revenueUplift',
    'business:',
    'revenueUplift: a mapping { mean, sd }',
    'nothing',
  ),
  fromFixture(
    'unknown fault kind',
    { faults: [{ kind: 'latency-spik', phase: 'canary', at: '1h' }] },
    'faults[0].kind',
    'kind: latency-spik',
    'a fault kind: one of latency-spike, error-spike, outage, degradation, segment-regression, churn-spike, data-inconsistency, traffic-surge, slow-dependency',
    '"latency-spik"',
  ),
  fromFixture(
    'parameter of another fault kind',
    { faults: [{ kind: 'error-spike', phase: 'canary', at: '1h', addedErrorRate: 0.1, factor: 3 }] },
    'faults[0].factor',
    'factor: 3',
    'one of the fields kind, target, phase, at, duration, ratePerDay, meanDuration, segment, addedErrorRate',
    "unknown field 'factor'",
  ),
  fromFixture(
    'latency spike that speeds things up',
    { faults: [{ kind: 'latency-spike', phase: 'canary', at: '1h', factor: 0.5 }] },
    'faults[0].factor',
    'factor: 0.5',
    'a latency factor > 1',
    '0.5',
  ),
  fromFixture(
    'fault in an unknown phase',
    { faults: [{ kind: 'outage', phase: 'canry', at: '1h' }] },
    'faults[0].phase',
    'phase: canry',
    'the name of a phase (canary, full)',
    '"canry"; did you mean "canary"?',
  ),
  fromFixture(
    'fault after the end of its phase',
    { faults: [{ kind: 'outage', phase: 'canary', at: '3h' }] },
    'faults[0].at',
    'at: 3h',
    'a time inside phase canary (less than 2h)',
    '"3h"',
  ),
  fromFixture(
    'fault with no timing',
    { faults: [{ kind: 'outage' }] },
    'faults[0]',
    '- kind: outage',
    'a schedule (phase and at) or a rate (ratePerDay and meanDuration)',
    'neither at nor ratePerDay',
  ),
  fromFixture(
    'fault both scheduled and random',
    { faults: [{ kind: 'outage', phase: 'canary', at: '1h', ratePerDay: 2 }] },
    'faults[0].ratePerDay',
    'ratePerDay: 2',
    'either at (a scheduled fault) or ratePerDay (a random fault), not both',
    '2',
  ),
  fromFixture(
    'fault on an unknown segment',
    {
      faults: [
        { kind: 'segment-regression', segment: 'tablet', ratePerDay: 1, meanDuration: '10m', errorRate: 0.1 },
      ],
    },
    'faults[0].segment',
    'segment: tablet',
    'a segment id from population.segments (web, mobile)',
    '"tablet"',
  ),
  fromFixture(
    'segment regression without an effect',
    { faults: [{ kind: 'segment-regression', segment: 'web', phase: 'full', at: '1h' }] },
    'faults[0]',
    '- kind: segment-regression',
    'at least one of errorRate, latencyFactor, revenueUplift',
    'none',
  ),
  fromFixture(
    'misspelt field of a shared definition',
    { analyzers: { baseline: { latencyMs: undefined, latencyMS: { p50: 1, p99: 2 } } } },
    'analyzers.baseline.latencyMS',
    'latencyMS:',
    'one of the fields errorRate, latencyMs, availability, meanOutage, segments',
    "unknown field 'latencyMS'; did you mean 'latencyMs'?",
  ),
];

const ALIAS_BOMB = [
  'a: &a [x, x, x, x, x, x, x, x, x, x]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
  '',
].join('\n');

const rawRows: Row[] = [
  {
    title: 'empty file',
    text: '',
    file: 's.yaml',
    problem: { path: '', line: null, column: null, expected: SCENARIO, found: 'an empty file' },
  },
  {
    title: 'only comments',
    text: '# nothing yet\n\n',
    file: 's.yaml',
    problem: { path: '', line: null, column: null, expected: SCENARIO, found: 'an empty file' },
  },
  {
    title: 'empty JSON file',
    text: '  \n',
    file: 's.json',
    problem: { path: '', line: null, column: null, expected: SCENARIO, found: 'an empty file' },
  },
  {
    title: 'invalid YAML',
    text: 'name: x\npopulation: { learners: 5\nphases: []\n',
    file: 's.yaml',
    problem: {
      path: '',
      line: 3,
      column: 1,
      expected: 'valid YAML',
      found: 'a syntax error (Flow map in block collection must be sufficiently indented and end with a })',
    },
  },
  {
    // Prose read as YAML: each line after the first bad one is an error of the parser's own making.
    title: 'a Markdown file: one syntax problem, the rest counted',
    text: '# Notes\n\nSome text: with a colon\n- a list: item: two\n```sh\nnpm ci\n```\nMore: text: here\n',
    file: 'notes.yaml',
    problem: {
      path: '',
      line: 4,
      column: 1,
      expected: 'valid YAML',
      found:
        'a syntax error (Implicit keys need to be on a single line); 5 more after it, not listed, as they may follow from this one',
    },
  },
  {
    // A verbatim controller manifest: one problem naming the command that reads it, not a schema's worth.
    title: 'an Argo Rollout and its AnalysisTemplate, two documents',
    text: 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: { name: web }\nspec: {}\n---\napiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\n',
    file: 'rollout.yaml',
    problem: {
      path: 'kind',
      line: 2,
      column: 7,
      expected: SCENARIO,
      found:
        'an Argo Rollouts Rollout manifest: `rehearse import argo rollout.yaml` (with its other manifests) writes a scenario that rehearses it, the manifests staying the source of truth',
    },
  },
  {
    title: 'a Flagger Canary',
    text: 'apiVersion: flagger.app/v1beta1\nkind:   Canary\nmetadata:\n  name: podinfo\n',
    file: 'canary.yaml',
    problem: {
      path: 'kind',
      line: 2,
      column: 9,
      expected: SCENARIO,
      found:
        'a Flagger Canary manifest: `rehearse import flagger canary.yaml` (with its other manifests) writes a scenario that rehearses it, the manifests staying the source of truth',
    },
  },
  {
    title: 'invalid JSON: trailing comma',
    text: '{\n  "name": "x",\n}\n',
    file: 's.json',
    problem: { path: '', line: 3, column: 1, expected: 'a double-quoted key', found: '"}"' },
  },
  {
    title: 'invalid JSON: missing comma',
    text: '{\n  "name": "x"\n  "seed": 1\n}\n',
    file: 's.json',
    problem: { path: '', line: 3, column: 3, expected: "',' or '}'", found: '"\\""' },
  },
  {
    title: 'invalid JSON: unterminated string',
    text: '{ "phases": [ { "name": "canary } ] }',
    file: 's.json',
    problem: {
      path: 'phases[0].name',
      line: 1,
      column: 38,
      expected: 'a closing double quote',
      found: 'the end of the file',
    },
  },
  {
    title: 'JSON with a comment',
    text: '{\n  // note\n  "name": "x"\n}',
    file: 's.json',
    problem: { path: '', line: 2, column: 3, expected: 'a double-quoted key', found: '"/"' },
  },
  {
    title: 'binary garbage',
    text: 'name: x\n\u0000\u0001\u0002',
    file: 's.yaml',
    problem: {
      path: '',
      line: 2,
      column: 1,
      expected: 'a UTF-8 text file',
      found: 'binary data (a NUL byte)',
    },
  },
  {
    title: 'alias bomb',
    text: ALIAS_BOMB,
    file: 's.yaml',
    problem: {
      path: '',
      line: 2,
      column: 8,
      expected: 'at most 100 alias expansions',
      found: 'more (an alias bomb, as in "billion laughs"?)',
    },
  },
  {
    title: 'recursive alias',
    text: 'name: &n [*n]\n',
    file: 's.yaml',
    problem: {
      path: 'name[0]',
      line: 1,
      column: 11,
      expected: 'an alias to a complete node',
      found: '*n, which contains itself',
    },
  },
  {
    title: 'duplicate key in YAML',
    text: 'name: a\nseed: 1\nname: b\n',
    file: 's.yaml',
    problem: { path: 'name', line: 3, column: 1, expected: 'unique keys', found: "a second 'name'" },
  },
  {
    title: 'duplicate key in JSON',
    text: '{\n  "population": { "learners": 5, "learners": 6 }\n}',
    file: 's.json',
    problem: {
      path: 'population.learners',
      line: 2,
      column: 34,
      expected: 'unique keys',
      found: 'a second "learners"',
    },
  },
  {
    title: 'top level is a list',
    text: '- name: canary\n- name: ramp\n',
    file: 's.yaml',
    problem: { path: '', line: 1, column: 1, expected: SCENARIO, found: 'a list of 2 items' },
  },
  {
    title: 'top level is a string',
    text: '"just text"',
    file: 's.json',
    problem: { path: '', line: 1, column: 1, expected: SCENARIO, found: '"just text"' },
  },
  {
    title: 'two documents',
    text: 'name: a\n---\nname: b\n',
    file: 's.yaml',
    problem: {
      path: '',
      line: 2,
      column: 1,
      expected: 'a single YAML document',
      found: '2 documents (the second starts here)',
    },
  },
  {
    title: 'unknown tag',
    text: 'name: !secret x\n',
    file: 's.yaml',
    problem: {
      path: '',
      line: 1,
      column: 7,
      expected: 'valid YAML',
      found: 'a syntax error (Unresolved tag: !secret)',
    },
  },
  {
    title: 'schema problem in a JSON file',
    text: '{\n  "name": "x",\n  "seed": "seven"\n}\n',
    file: 's.json',
    problem: {
      path: 'seed',
      line: 3,
      column: 11,
      expected: 'a whole number in [0, 2^53 - 1]',
      found: '"seven"',
    },
  },
  {
    title: 'unknown top-level field with a suggestion',
    text: 'name: x\npopulaton: {}\n',
    file: 's.yaml',
    problem: {
      path: 'populaton',
      line: 2,
      column: 1,
      expected:
        'one of the fields name, seed, start, release, population, analyzers, business, monitoring, guards, phases, controller, faults',
      found: "unknown field 'populaton'; did you mean 'population'?",
    },
  },
];

describe('parseScenario reports each problem once, located, with expected and found', () => {
  it.each([...fixtureRows, ...rawRows].map((row) => [row.title, row] as const))('%s', (_title, row) => {
    const result = parseScenario(row.text, row.file);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    const atPath = problems.filter(
      (problem) => problem.path === row.problem.path && problem.expected === row.problem.expected,
    );
    expect(atPath, JSON.stringify(problems, null, 2)).toHaveLength(1);
    const { column, ...rest } = row.problem;
    expect(atPath[0]).toMatchObject({ file: row.file, ...rest, ...(column === undefined ? {} : { column }) });
  });

  it('collects problems of every kind in one pass, in file order', () => {
    const text = toYaml(
      makeScenario({
        seed: -1,
        population: { segments: [{ share: 0.5 }] },
        phases: [{ trafic: 0.1, checkpoints: ['45s', '1h', '2h'] }],
        faults: [{ kind: 'outage', phase: 'canry', at: '1h' }],
      }),
    );
    const result = parseScenario(text, 'many.yaml');
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.problems.map((problem) => problem.path);
    expect(paths).toEqual([
      'seed',
      'population.segments',
      'phases[0].checkpoints[0]',
      'phases[0].trafic',
      'faults[0].phase',
    ]);
  });
});

describe('decodeText', () => {
  it('reports invalid UTF-8 with the line of the first bad byte', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('name: x\nseed: 1\n'), 0xff, 0xfe, 0x41]);
    expect(decodeText(bytes, 'b.yaml')).toEqual({
      ok: false,
      problems: [
        {
          file: 'b.yaml',
          line: 3,
          column: null,
          path: '',
          expected: 'a UTF-8 text file',
          found: 'binary data (byte 0xff is not UTF-8)',
        },
      ],
    });
  });

  it('drops a byte order mark and keeps the text', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('name: x\n')]);
    expect(decodeText(bytes, 'b.yaml')).toEqual({ ok: true, text: 'name: x\n' });
  });
});

describe('parseScenario never throws on input', () => {
  const defaultText = toYaml(makeScenario({ faults: [{ kind: 'outage', phase: 'canary', at: '1h' }] }));

  it.each(['s.yaml', 's.json'])('on any text (%s)', (file) => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const result = parseScenario(text, file);
        if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('on any edit of a valid scenario, and every problem names the file and a known position', () => {
    fc.assert(
      fc.property(
        fc.nat(defaultText.length),
        fc.nat(40),
        fc.string({
          maxLength: 12,
          unit: fc.constantFrom('a', '1', ':', '-', ' ', '\n', '[', '{', '"', '&x', '*x', '.', 'm'),
        }),
        (start, deleted, inserted) => {
          const text = defaultText.slice(0, start) + inserted + defaultText.slice(start + deleted);
          const result = parseScenario(text, 'edited.yaml');
          for (const problem of result.ok ? [] : result.problems) {
            expect(problem.file).toBe('edited.yaml');
            if (problem.line !== null) expect(problem.line).toBeLessThanOrEqual(text.split('\n').length);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    ['deep YAML nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`, 's.yaml'],
    ['deep JSON nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`, 's.json'],
    ['a long line', `name: ${'x'.repeat(200_000)}\n`, 's.yaml'],
  ])('on %s', (_title, text, file) => {
    expect(parseScenario(text, file).ok).toBe(false);
  });
});

describe('every problem speaks the schema, not the validator', () => {
  /** Every path to a value in the data (leaves and collections alike). */
  const pathsIn = (value: unknown, path: (string | number)[] = []): (string | number)[][] => {
    if (typeof value !== 'object' || value === null) return [path];
    const entries = Array.isArray(value)
      ? value.map((item, index) => [index, item] as const)
      : Object.entries(value);
    return [path, ...entries.flatMap(([key, item]) => pathsIn(item, [...path, key]))];
  };
  const base = makeScenario({
    population: { diurnal: new Array(24).fill(1) },
    business: {
      baselineAnnualRevenue: 1e6,
      revenueUplift: { mean: 0.05, sd: 0.01 },
      followOn: [{ name: 'n', revenueUplift: { mean: 0.01, sd: 0 }, startsAfter: '1d' }],
    },
    monitoring: { interval: '30s', window: '1m', latencyBucketsMs: [1, 10, 100] },
    analyzers: { candidate: { segments: { web: { errorRate: 0.1, latencyMs: { p50: 1, p99: 2 } } } } },
    faults: [
      { kind: 'outage', phase: 'canary', at: '1h' },
      { kind: 'degradation', ratePerDay: 1, meanDuration: '1h', metric: 'errors', perHour: 0.1 },
    ],
  });
  const paths = pathsIn(base).filter((path) => path.length > 0);

  it('for any value put anywhere', () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 2 }), (path, replacement) => {
        const data = structuredClone(base);
        let parent = data as Record<string | number, unknown>;
        for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string | number, unknown>;
        parent[path.at(-1) as string | number] = replacement;
        const result = parseScenario(toYaml(data), 'mutated.yaml');
        for (const problem of result.ok ? [] : result.problems) {
          expect(problem.expected).not.toMatch(/^Invalid|received|^Too (big|small)|^Unrecognized/);
          expect(problem.found).not.toBe('');
          expect(problem.line).not.toBeNull();
        }
      }),
      { numRuns: 500 },
    );
  });
});
