import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCommand } from '../../src/cli/commands/validate.js';
import { InputError } from '../../src/errors.js';
import { readScenario } from '../../src/io/readScenario.js';
import { formatProblem } from '../../src/scenario/problems.js';
import { tempDir } from '../support/tempDir.js';
import { textSink } from '../support/textSink.js';

const fixtures = join(import.meta.dirname, '../fixtures/controllers');

const SCENARIO = `name: guestbook
population: { learners: 200000, requestsPerLearnerHour: 2 }
analyzers:
  baseline: { errorRate: 0.01, latencyMs: { p50: 40, p99: 150 }, availability: 0.9995 }
  candidate: { errorRate: 0.012, latencyMs: { p50: 40, p99: 150 }, availability: 0.9995 }
controller:
  kind: argo
  manifests: [argo-background-analysis.yaml]
`;

function scenarioFile(text: string): string {
  const dir = tempDir();
  copyFileSync(join(fixtures, 'argo-background-analysis.yaml'), join(dir, 'argo-background-analysis.yaml'));
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, text);
  return file;
}

async function problemsOf(file: string): Promise<string[]> {
  const error = await readScenario(file).catch((thrown: unknown) => thrown);
  if (!(error instanceof InputError)) throw new Error('expected bad input');
  return error.problems.map(formatProblem);
}

describe('a scenario with a controller section', () => {
  it('compiles to the phases of the manifests; the sha256 covers the manifests too', async () => {
    const file = scenarioFile(SCENARIO);
    const plan = await readScenario(file);
    expect(plan.phases.map((p) => [p.name, p.traffic, p.learners, p.durationMs, p.gates.length])).toEqual([
      ['weight-20', 0.2, 40_000, 600_000, 0],
      ['weight-40', 0.4, 80_000, 600_000, 0],
      ['weight-60', 0.6, 120_000, 600_000, 0],
      ['weight-80', 0.8, 160_000, 600_000, 0],
    ]);
    expect(plan.controller?.plan.kind).toBe('argo');
    writeFileSync(join(file, '..', 'argo-background-analysis.yaml'), '# changed\n', { flag: 'a' });
    expect((await readScenario(file)).scenarioSha256).not.toBe(plan.scenarioSha256);
  });

  it.each([
    [
      'both phases and a controller',
      `${SCENARIO}phases: [{ name: canary, traffic: 0.01, duration: 1h }]\n`,
      /scenario\.yaml:9:1 phases: expected no phases with a controller section/,
    ],
    [
      'neither',
      SCENARIO.replace(/controller:[\s\S]*/, ''),
      /scenario\.yaml:1:1 phases: expected a list of phases, or a controller section/,
    ],
    [
      'guards beside a controller',
      `${SCENARIO}guards: { rollbackWhen: { errorRate: { above: 0.05 } } }\n`,
      /scenario\.yaml:9:\d+ guards\.rollbackWhen: expected no rollbackWhen guards with a controller section/,
    ],
    [
      'a missing manifest',
      SCENARIO.replace('[argo-background-analysis.yaml]', '[nope.yaml]'),
      /scenario\.yaml:8:\d+ controller\.manifests\[0\]: expected a readable manifest file .*found "nope\.yaml"/,
    ],
    [
      'an unknown controller kind',
      SCENARIO.replace('kind: argo', 'kind: spinnaker'),
      /scenario\.yaml:7:9 controller\.kind: expected one of argo, flagger, found "spinnaker"/,
    ],
    [
      'a fault in a phase the manifests do not have',
      `${SCENARIO}faults: [{ kind: error-spike, phase: canary, at: 1m, addedErrorRate: 0.1 }]\n`,
      /scenario\.yaml:9:\d+ faults\[0\]\.phase: expected the name of a phase derived from the manifests \(weight-20, weight-40, weight-60, weight-80\), found "canary"/,
    ],
  ])('%s is bad input at its line', async (_what, text, expected) => {
    const problems = await problemsOf(scenarioFile(text));
    expect(problems.some((line) => expected.test(line))).toBe(true);
  });

  it('validate lists the derived phases and how each metric is modelled', async () => {
    const file = scenarioFile(SCENARIO);
    const stdout = textSink();
    await validateCommand(file, {}, { stdout, stderr: textSink() });
    expect(stdout.text.split('\n').slice(1)).toEqual([
      'phases derived from the Argo Rollout guestbook:',
      '  weight-20: 10m (setWeight 20, pause 10m)',
      '  weight-40: 10m (setWeight 40, pause 10m)',
      '  weight-60: 10m (setWeight 60, pause 10m)',
      '  weight-80: 10m (setWeight 80, pause 10m)',
      'metrics:',
      '  success-rate: non-5xx success ratio of istio_requests_total over 5m',
      '',
    ]);
    const json = textSink();
    await validateCommand(file, { json: true }, { stdout: json, stderr: textSink() });
    expect(JSON.parse(json.text).controller).toMatchObject({ kind: 'argo', name: 'guestbook', warnings: [] });
  });
});
