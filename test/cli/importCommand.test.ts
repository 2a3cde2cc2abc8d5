import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importCommand } from '../../src/cli/commands/import.js';
import { reportError } from '../../src/cli/reportError.js';
import { parseScenario } from '../../src/scenario/parseScenario.js';
import { tempDir } from '../support/tempDir.js';
import { textSink } from '../support/textSink.js';

const FIXTURES = 'test/fixtures/controllers';

/** A folder holding copies of the named fixtures. */
function withFixtures(...names: string[]): string {
  const dir = tempDir();
  for (const name of names) copyFileSync(join(FIXTURES, name), join(dir, name));
  return dir;
}

async function run(
  controller: string,
  files: string[],
  flags: Parameters<typeof importCommand>[2],
  cwd: string,
) {
  const stdout = textSink();
  const stderr = textSink();
  await importCommand(controller, files, flags, { stdout, stderr, cwd });
  return { stdout: stdout.text, stderr: stderr.text };
}

async function failure(
  controller: string,
  files: string[],
  flags: Parameters<typeof importCommand>[2],
  cwd: string,
) {
  const error = await run(controller, files, flags, cwd).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  const stderr = textSink();
  return { code: reportError(error, stderr), stderr: stderr.text };
}

describe('rehearse import', () => {
  it('writes <name>.scenario.yaml beside the manifests, referring to them by a relative path', async () => {
    const dir = withFixtures('argo-background-analysis.yaml');
    const { stdout, stderr } = await run('argo', ['argo-background-analysis.yaml'], {}, dir);
    expect(stdout).toBe(
      'wrote guestbook.scenario.yaml: Rollout guestbook: 4 phases (weight-20 → weight-40 → weight-60 → weight-80); 1 of 1 metric read by their query\n' +
        'next: edit the model sections of guestbook.scenario.yaml, then rehearse run guestbook.scenario.yaml\n',
    );
    expect(stderr).toBe('');
    const text = readFileSync(join(dir, 'guestbook.scenario.yaml'), 'utf8');
    const scenario = parse(text);
    expect(scenario.controller).toEqual({ kind: 'argo', manifests: ['argo-background-analysis.yaml'] });
    expect(text).toContain(
      '#   success-rate: errorRate (non-5xx success ratio of istio_requests_total over 5m)\n',
    );
  });

  it('the model sections it writes are valid scenario sections', async () => {
    const dir = withFixtures('flagger-canary-builtin.yaml');
    await run('flagger', ['flagger-canary-builtin.yaml'], { out: 'plans/podinfo.yaml' }, dir);
    const scenario = parse(readFileSync(join(dir, 'plans/podinfo.yaml'), 'utf8'));
    expect(scenario.controller.manifests).toEqual(['../flagger-canary-builtin.yaml']);
    // Today's schema has no controller section: check the rest with a phase in its place.
    const { controller: _, ...model } = scenario;
    const native = { ...model, phases: [{ name: 'all', traffic: 1, duration: '1h' }] };
    const parsed = parseScenario(JSON.stringify(native), 'model.json');
    expect(parsed.ok).toBe(true);
  });

  it('a query it cannot read gets a line to fill in and a warning naming the metric', async () => {
    const dir = withFixtures('flagger-metric-template.yaml');
    const { stdout, stderr } = await run('flagger', ['flagger-metric-template.yaml'], { out: 's.yaml' }, dir);
    expect(stderr).toBe(
      'warning: flagger-metric-template.yaml:13 spec.query: metric "404s percentage": the status matcher response_code!="404" is not the 5xx class (=~ or !~ "5.."); fill in controller.metrics."404s percentage" in s.yaml with the modelled metric it measures\n',
    );
    expect(stdout).toMatch(
      /^wrote s\.yaml: .*; 0 of 1 metric read by their query\nnext: fill in controller\.metrics in s\.yaml \(1 metric\)/,
    );
    const text = readFileSync(join(dir, 's.yaml'), 'utf8');
    expect(parse(text).controller.metrics).toEqual({ '404s percentage': null });
    expect(text).toContain('    # 404s percentage, in flagger-metric-template.yaml: the status matcher');
  });

  it('does not replace a scenario unless --force; with it, it does', async () => {
    const dir = withFixtures('argo-inline-analysis.yaml');
    writeFileSync(join(dir, 's.yaml'), 'mine\n');
    const refused = await failure('argo', ['argo-inline-analysis.yaml'], { out: 's.yaml' }, dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'error: --out: expected a scenario file that does not exist yet (--force replaces it), found "s.yaml", which exists\n1 problem; nothing was written.\n',
    );
    expect(readFileSync(join(dir, 's.yaml'), 'utf8')).toBe('mine\n');
    await run('argo', ['argo-inline-analysis.yaml'], { out: 's.yaml', force: true }, dir);
    expect(parse(readFileSync(join(dir, 's.yaml'), 'utf8')).controller.kind).toBe('argo');
  });

  it('--model-from copies the model sections with their comments, and keeps its mappings', async () => {
    const dir = withFixtures('flagger-metric-template.yaml');
    copyFileSync('scenarios/sprint2-rollout.yaml', join(dir, 'sprint2.yaml'));
    const first = await run(
      'flagger',
      ['flagger-metric-template.yaml'],
      { out: 'a.yaml', modelFrom: 'sprint2.yaml' },
      dir,
    );
    expect(first.stderr).toContain('fill in controller.metrics."404s percentage" in a.yaml');
    const a = parse(readFileSync(join(dir, 'a.yaml'), 'utf8'));
    const sprint2 = parse(readFileSync('scenarios/sprint2-rollout.yaml', 'utf8'));
    for (const section of [
      'name',
      'release',
      'seed',
      'start',
      'population',
      'analyzers',
      'business',
      'monitoring',
    ]) {
      expect(a[section], section).toEqual(sprint2[section]);
    }
    expect(a.phases).toBeUndefined();
    expect(a.guards).toBeUndefined();
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toContain(
      'population:\n  learners: 500000 # "Rollout: 500,000+ learners"\n',
    );
    // Filled in by hand, the mapping survives a second import from it.
    writeFileSync(
      join(dir, 'a.yaml'),
      readFileSync(join(dir, 'a.yaml'), 'utf8').replace(
        '"404s percentage": null',
        '"404s percentage": errorRate',
      ),
    );
    const second = await run(
      'flagger',
      ['flagger-metric-template.yaml'],
      { out: 'b.yaml', modelFrom: 'a.yaml' },
      dir,
    );
    expect(second.stderr).toBe('');
    expect(parse(readFileSync(join(dir, 'b.yaml'), 'utf8')).controller.metrics).toEqual({
      '404s percentage': 'errorRate',
    });
  });

  it('--json prints what it read', async () => {
    const dir = tempDir();
    // The example has no steps, which a rehearsal refuses: give it two.
    const text = readFileSync(join(FIXTURES, 'argo-multiple-templates.yaml'), 'utf8');
    const withSteps = text.replace(
      '    canary:\n',
      '    canary:\n      steps: [{ setWeight: 50 }, { pause: { duration: 10m } }]\n',
    );
    writeFileSync(join(dir, 'argo-multiple-templates.yaml'), withSteps);
    const { stdout } = await run('argo', ['argo-multiple-templates.yaml'], { json: true }, dir);
    expect(JSON.parse(stdout)).toMatchObject({
      file: 'guestbook.scenario.yaml',
      controller: 'argo',
      name: 'guestbook',
      manifests: ['argo-multiple-templates.yaml'],
      metrics: [
        {
          name: 'success-rate',
          source: 'query',
          provider: 'prometheus',
          line: 36,
          metric: 'errorRate',
          fillIn: false,
        },
        {
          name: 'error-rate',
          source: 'query',
          provider: 'prometheus',
          line: 59,
          metric: 'errorRate',
          fillIn: false,
        },
      ],
      warnings: [],
    });
  });

  it('a bad controller name and bad manifests are bad input: exit 2, nothing written', async () => {
    const dir = withFixtures('flagger-canary-builtin.yaml');
    const wrongName = await failure('argocd', ['flagger-canary-builtin.yaml'], {}, dir);
    expect(wrongName.stderr).toBe(
      'error: <controller>: expected argo or flagger, found "argocd"\n1 problem; nothing was written.\n',
    );
    const wrongKind = await failure('argo', ['flagger-canary-builtin.yaml'], {}, dir);
    expect(wrongKind.code).toBe(2);
    expect(wrongKind.stderr).toBe(
      'error: flagger-canary-builtin.yaml:7:7 kind: expected Rollout, AnalysisTemplate or ClusterAnalysisTemplate (argoproj.io), as `rehearse import argo` reads, found Canary (flagger.app/v1beta1), a Flagger manifest: read it with `rehearse import flagger`\n' +
        '1 problem; nothing was written.\n',
    );
    expect(readdirSync(dir)).toEqual(['flagger-canary-builtin.yaml']);
    expect(existsSync(join(dir, 'podinfo.scenario.yaml'))).toBe(false);
  });
});
