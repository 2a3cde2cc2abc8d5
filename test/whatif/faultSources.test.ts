import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { readScenario } from '../../src/io/readScenario.js';
import { formatProblem, type Plan } from '../../src/scenario/index.js';
import { formatFaultSpec, parseFaultSpec } from '../../src/whatif/faultSpec.js';
import { faultsFromSpecs, faultsOfPlan } from '../../src/whatif/namedFault.js';
import { parseFaultFile } from '../../src/whatif/parseFaultFile.js';
import { makePlan } from '../engine/makePlan.js';

let plan: Plan;

beforeAll(async () => {
  plan = await readScenario('scenarios/sprint2-rollout.yaml');
});

describe('parseFaultSpec', () => {
  it.each([
    [
      'latency-spike phase=ramp at=2h duration=20m factor=6',
      { kind: 'latency-spike', phase: 'ramp', at: '2h', duration: '20m', factor: 6 },
    ],
    ['kind=outage phase=canary at=0s', { kind: 'outage', phase: 'canary', at: '0s' }],
    ['  error-spike   addedErrorRate=.05  ', { kind: 'error-spike', addedErrorRate: 0.05 }],
    [
      'segment-regression segment=2024 errorRate=1e-2',
      { kind: 'segment-regression', segment: '2024', errorRate: 0.01 },
    ],
  ])('%s', (text, entry) => {
    expect(parseFaultSpec(text, '--fault')).toEqual({ ok: true, entry });
  });

  it.each([
    ['', "expected a fault like 'latency-spike phase=ramp at=2h duration=20m factor=6', found nothing"],
    ['outage phase', 'expected key=value pairs after the kind, found "phase"'],
    ['outage =3', 'expected key=value pairs after the kind, found "=3"'],
    ['outage at=1h at=2h', 'at: expected each field once, found a second at'],
  ])('rejects %j', (text, message) => {
    const result = parseFaultSpec(text, '--fault');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map(formatProblem).join('\n')).toContain(message);
  });
});

describe('faultsFromSpecs: a spec is checked like a scenario fault, each problem naming its spec', () => {
  it('compiles a valid spec and writes it back the same way', () => {
    const result = faultsFromSpecs(['latency-spike phase=ramp at=2h duration=20m factor=6'], plan);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [named] = result.faults;
    expect(named!.fault).toEqual({
      kind: 'latency-spike',
      target: 'candidate',
      phaseIndex: 1,
      atMs: 7_200_000,
      durationMs: 1_200_000,
      ratePerDay: null,
      meanDurationMs: null,
      segmentIndex: null,
      params: { factor: 6, share: 1 },
    });
    expect(named!.spec).toBe('latency-spike phase=ramp at=2h duration=20m factor=6 share=1');
    expect(faultsFromSpecs([named!.spec], plan)).toEqual(result);
  });

  it.each([
    [
      'latency-spike phase=rmap at=2h factor=6',
      '--fault "latency-spike phase=rmap at=2h factor=6" phase: expected the name of a phase (canary, ramp, rollout), found "rmap"; did you mean "ramp"?',
    ],
    ['latency-spike phase=ramp at=2h factr=6', 'factr: expected one of the fields'],
    ['latency-spike phase=ramp at=2h factr=6', "unknown field 'factr'; did you mean 'factor'?"],
    [
      'error-spike phase=ramp at=5h addedErrorRate=0.1',
      'at: expected a time inside phase ramp (less than 4h)',
    ],
    ['segment-regression phase=ramp at=1h segment=k12-mobil errorRate=0.1', 'did you mean "k12-mobile"?'],
    ['meteor-strike phase=ramp at=1h', 'kind: expected a fault kind: one of latency-spike, error-spike'],
    ['churn-spike phase=ramp at=1h factor=0.5', 'factor: expected a churn factor > 1, found 0.5'],
    ['outage ratePerDay=2', 'meanDuration: expected a mean episode duration for a random fault'],
  ])('%s', (spec, message) => {
    const result = faultsFromSpecs([spec], plan);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map(formatProblem).join('\n')).toContain(message);
  });

  it('collects the problems of every spec at once', () => {
    const result = faultsFromSpecs(['outage phase=rmap at=1h', 'latency-spike phase=ramp at=1h'], plan);
    expect(result.ok ? [] : result.problems.map((problem) => problem.file)).toEqual([
      '--fault "outage phase=rmap at=1h"',
      '--fault "latency-spike phase=ramp at=1h"',
    ]);
  });
});

describe('parseFaultFile', () => {
  it.each(['seed-risks.yaml', 'common.yaml'])(
    'reads the library file scenarios/faults/%s against the default plan',
    async (name) => {
      const file = `scenarios/faults/${name}`;
      const result = parseFaultFile(await readFile(file, 'utf8'), file, plan);
      expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
    },
  );

  it('fits common.yaml to any plan: it names no phase or segment', async () => {
    const other = makePlan({ phases: [{ name: 'only' }] });
    const file = 'scenarios/faults/common.yaml';
    const result = parseFaultFile(await readFile(file, 'utf8'), file, other);
    expect(result.ok && result.faults.length).toBe(11);
  });

  it('keeps names and claims of the seed risks, in file order', async () => {
    const file = 'scenarios/faults/seed-risks.yaml';
    const result = parseFaultFile(await readFile(file, 'utf8'), file, plan);
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    expect(result.name).toBe('Sprint 2 report residual risks');
    expect(result.faults.map((fault) => fault.fault.kind)).toEqual([
      'latency-spike',
      'error-spike',
      'data-inconsistency',
      'segment-regression',
      'churn-spike',
    ]);
    expect(result.faults[0]!.claim).toEqual({
      says: 'Auto-rollback at 250ms; immediate rollback (<5 min)',
      detectedBy: 'p99LatencyMs',
      withinMs: 300_000,
    });
    expect(result.faults[2]!.claim?.detectedBy).toBe('integrityErrorRate');
  });

  it('locates every problem by line and field path, all at once', () => {
    const text = [
      'name: broken',
      'faultz: []',
      'faults:',
      '  - kind: latency-spike',
      '    phase: ramp',
      '    at: 1h',
      '    factor: 6',
      '    claim: { says: x, detectedBy: p99, within: soon, extra: 1 }',
      '  - kind: outage',
      '    phase: canary',
      '    at: 3h',
      '',
    ].join('\n');
    const result = parseFaultFile(text, 'f.yaml', plan);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      "f.yaml:2:1 faultz: expected one of the fields name, description, faults, found unknown field 'faultz'; did you mean 'faults'?",
      expect.stringMatching(
        /^f\.yaml:8:\d+ faults\[0\]\.claim\.detectedBy: expected a metric name \(errorRate, /,
      ),
      expect.stringMatching(/^f\.yaml:8:\d+ faults\[0\]\.claim\.within: expected a duration like 30s/),
      expect.stringMatching(
        /^f\.yaml:8:\d+ faults\[0\]\.claim\.extra: expected one of the fields says, detectedBy, within/,
      ),
      'f.yaml:11:9 faults[1].at: expected a time inside phase canary (less than 2h), found "3h"',
    ]);
  });

  it.each([
    ['', 'expected a fault file'],
    ['faults: []', 'faults: expected a fault file: a mapping with faults (a list)'],
    ['- kind: outage', 'expected a fault file: a mapping with faults'],
    ['faults: [', 'expected valid YAML'],
  ])('rejects %j', (text, message) => {
    const result = parseFaultFile(text, 'f.yaml', plan);
    expect(result.ok ? '' : result.problems.map(formatProblem).join('\n')).toContain(message);
  });

  it('reads JSON when the name ends in .json', () => {
    const text = JSON.stringify({
      faults: [{ kind: 'traffic-surge', phase: 'canary', at: '0s', factor: 2 }],
    });
    const result = parseFaultFile(text, 'f.json', plan);
    expect(result.ok && result.faults[0]!.spec).toBe('traffic-surge phase=canary at=0s duration=2h factor=2');
  });
});

describe('faultsOfPlan', () => {
  it("names the scenario's own faults by their spec", () => {
    const withFault = { ...plan, faults: faultsFromSpecs(['outage phase=canary at=1h duration=5m'], plan) };
    const faults = withFault.faults.ok ? withFault.faults.faults.map((named) => named.fault) : [];
    const named = faultsOfPlan({ ...plan, faults });
    expect(named.map(({ name, source }) => ({ name, source }))).toEqual([
      { name: 'outage phase=canary at=1h duration=5m availability=0', source: 'scenario faults[0]' },
    ]);
    expect(formatFaultSpec(faults[0]!, plan)).toBe(named[0]!.spec);
  });
});
