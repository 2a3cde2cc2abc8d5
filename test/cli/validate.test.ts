import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateCommand } from '../../src/cli/commands/validate.js';
import { reportError } from '../../src/cli/reportError.js';
import { poissonAtLeast } from '../../src/scenario/index.js';
import { ROOT } from '../report/defaultScenario.js';
import { ensureBuilt } from '../support/ensureBuilt.js';
import { tempDir } from '../support/tempDir.js';
import { textSink } from '../support/textSink.js';

const DEFAULT = 'scenarios/sprint2-rollout.yaml';

describe('rehearse validate', () => {
  it('prints one line naming the plan and what it holds', async () => {
    const stdout = textSink();
    await validateCommand(DEFAULT, {}, { stdout, stderr: textSink() });
    expect(stdout.text).toBe(
      `ok: ${DEFAULT}: "Sprint 2 cohort analyzer", 3 phases (canary → ramp → rollout), 8 segments, 2 guards, 0 faults\n`,
    );
  });

  it('--json prints the same as a summary object; --quiet prints nothing', async () => {
    const json = textSink();
    await validateCommand(DEFAULT, { json: true }, { stdout: json, stderr: textSink() });
    expect(JSON.parse(json.text)).toMatchObject({
      valid: true,
      file: DEFAULT,
      name: 'Sprint 2 cohort analyzer',
      phases: ['canary', 'ramp', 'rollout'],
      segments: 8,
      guards: 2,
      faults: 0,
    });
    const quiet = textSink();
    await validateCommand(DEFAULT, { quiet: true }, { stdout: quiet, stderr: textSink() });
    expect(quiet.text).toBe('');
  });

  it('warns, exit code unchanged, when a minRequests cannot be reached in a phase', async () => {
    // The default plan with the guards on a 5-minute window needing 100 requests, and the canary's error
    // gate needing 200: the canary sends 5,000 × 0.038 = 190 requests an hour, so a 5-minute window holds
    // 15.8 and the checkpoints at 15m, 30m and 1h hold 47.5, 95 and 190.
    const text = readFileSync(join(ROOT, DEFAULT), 'utf8')
      .replace(
        "  interval: 30s # latency buckets: the gates' fine log-spaced default",
        '  interval: 30s\n  window: 5m',
      )
      .replace('guards:\n', 'guards:\n  minRequests: 100\n')
      .replace('errorRate: { below: 0.01 } # target <1%', 'errorRate: { below: 0.01, minRequests: 200 }');
    const file = join(tempDir(), 'thin.yaml');
    writeFileSync(file, text);
    const stdout = textSink();
    const stderr = textSink();
    await validateCommand(file, {}, { stdout, stderr });
    expect(stdout.text).toMatch(/^ok: /);
    // Each warning points at the minRequests it is about, where the file sets it: the guards' default, the gate's own.
    const at = (needle: string) => {
      const lines = text.split('\n');
      const line = lines.findIndex((each) => each.includes(needle));
      return `${line + 1}:${lines[line]!.indexOf(needle) + needle.indexOf(':') + 3}`;
    };
    const guards = at('minRequests: 100');
    const gate = at('minRequests: 200');
    expect(stderr.text.split('\n').filter(Boolean)).toEqual([
      `warning: ${file}:${guards} guards.rollbackWhen.errorRate: minRequests 100 cannot be reached in canary: its 5m guard window holds about 15.80 requests at 1% traffic, so the guard judges 0.00% of those windows and leaves them to the gates`,
      `warning: ${file}:${guards} guards.rollbackWhen.p99LatencyMs: minRequests 100 cannot be reached in canary: its 5m guard window holds about 15.80 requests at 1% traffic, so the guard judges 0.00% of those windows and leaves them to the gates`,
      `warning: ${file}:${gate} phases[0].gates.errorRate: minRequests 200 cannot be reached at the canary checkpoints 15m (about 47.50 requests expected), 30m (about 95 requests expected), 1h (about 190 requests expected): the gate is inconclusive there; under require: every-checkpoint an inconclusive checkpoint halts the phase at its end`,
    ]);
    const json = textSink();
    await validateCommand(file, { json: true, quiet: true }, { stdout: json, stderr: textSink() });
    expect((JSON.parse(json.text) as { warnings: string[] }).warnings).toHaveLength(3);
  });

  it("points a guard's warning at the condition's own minRequests, where it sets one", async () => {
    const text = readFileSync(join(ROOT, DEFAULT), 'utf8')
      .replace(
        "  interval: 30s # latency buckets: the gates' fine log-spaced default",
        '  interval: 30s\n  window: 5m',
      )
      .replace('guards:\n', 'guards:\n  minRequests: 50\n')
      .replace('errorRate: { above: 0.015 }', 'errorRate: { above: 0.015, minRequests: 100 }');
    const file = join(tempDir(), 'own.yaml');
    writeFileSync(file, text);
    const lines = text.split('\n');
    const own = lines.findIndex((line) => line.includes('minRequests: 100'));
    const shared = lines.findIndex((line) => line.includes('minRequests: 50'));
    const stderr = textSink();
    await validateCommand(file, {}, { stdout: textSink(), stderr });
    const warnings = stderr.text.split('\n').filter(Boolean);
    const column = (line: number, value: string) => lines[line]!.indexOf(value) + 1;
    expect(warnings.map((warning) => warning.split(' ').slice(0, 3).join(' '))).toEqual([
      `warning: ${file}:${own + 1}:${column(own, '100')} guards.rollbackWhen.errorRate:`,
      `warning: ${file}:${shared + 1}:${column(shared, '50')} guards.rollbackWhen.p99LatencyMs:`,
    ]);
  });

  it('P(N ≥ m) for a Poisson N, against its closed form', () => {
    expect(poissonAtLeast(2, 1)).toBeCloseTo(1 - Math.exp(-2), 14);
    expect(poissonAtLeast(3, 3)).toBeCloseTo(1 - Math.exp(-3) * (1 + 3 + 4.5), 14);
    expect(poissonAtLeast(5, 0)).toBe(1);
    expect(poissonAtLeast(0, 1)).toBe(0);
  });

  it('a broken scenario is bad input: every problem, exit 2', async () => {
    const file = join(tempDir(), 'broken.yaml');
    writeFileSync(file, 'name: x\npopulation: { learners: -1 }\n');
    const stdout = textSink();
    const error = await validateCommand(file, {}, { stdout, stderr: textSink() }).catch(
      (thrown: unknown) => thrown,
    );
    const stderr = textSink();
    expect(reportError(error, stderr)).toBe(2);
    expect(stderr.text).toMatch(new RegExp(`^error: ${file}:2:`, 'm'));
    expect(stderr.text).toMatch(/ problems; nothing was written\.\n$/);
    expect(stdout.text).toBe('');
  });

  describe('--json on a broken scenario', () => {
    beforeAll(async () => {
      await ensureBuilt();
    }, 300_000);

    // Two problems: a negative learner count (line 2) and a phase traffic above 1 (line 13).
    const BROKEN = [
      'name: x',
      'population: { learners: -1, requestsPerLearnerHour: 1 }',
      'analyzers:',
      '  baseline: { errorRate: 0.001, latencyMs: { p50: 60, p99: 180 }, availability: 0.999 }',
      '  candidate: { errorRate: 0.001, latencyMs: { p50: 60, p99: 180 }, availability: 0.999 }',
      'phases:',
      '  - name: canary',
      '    traffic: 0.01',
      '    duration: 1h',
      '    checkpoints: [1h]',
      '  - name: ramp',
      '    duration: 1h',
      '    traffic: 2',
      '    checkpoints: [1h]',
      '',
    ].join('\n');

    it('prints every problem on stdout, each with file, line, column, path, expected, found, and exits 2', () => {
      const file = join(tempDir(), 'broken.yaml');
      writeFileSync(file, BROKEN);
      const child = spawnSync(process.execPath, [join(ROOT, 'bin/rehearse.js'), 'validate', file, '--json'], {
        encoding: 'utf8',
      });
      expect(child.status).toBe(2);
      const printed = JSON.parse(child.stdout);
      expect(printed.valid).toBe(false);
      expect(printed.file).toBe(file);
      expect(printed.problems.map((problem: object) => Object.keys(problem))).toEqual(
        printed.problems.map(() => ['file', 'line', 'column', 'path', 'expected', 'found']),
      );
      expect(
        printed.problems.map((problem: { line: number; path: string }) => [problem.line, problem.path]),
      ).toEqual([
        [2, 'population.learners'],
        [13, 'phases[1].traffic'],
      ]);
      expect(printed.problems.every((problem: { file: string }) => problem.file === file)).toBe(true);
      // stderr still has one line per problem, as without --json.
      expect(child.stderr.match(/^error: /gm)).toHaveLength(printed.problems.length);
    });

    it('a valid scenario still prints valid: true and exits 0', () => {
      const child = spawnSync(
        process.execPath,
        [join(ROOT, 'bin/rehearse.js'), 'validate', DEFAULT, '--json'],
        {
          cwd: ROOT,
          encoding: 'utf8',
        },
      );
      expect(child.status).toBe(0);
      expect(JSON.parse(child.stdout)).toMatchObject({ valid: true, file: DEFAULT });
    });
  });

  it('a misspelt provider is a problem even when controller.metrics maps the metric: exit 2', async () => {
    const dir = tempDir();
    const from = join(ROOT, 'scenarios/controllers');
    copyFileSync(join(from, 'checkout-rollout.yaml'), join(dir, 'checkout-rollout.yaml'));
    const analysis = readFileSync(join(from, 'checkout-analysis.yaml'), 'utf8');
    writeFileSync(
      join(dir, 'checkout-analysis.yaml'),
      analysis.replace('        prometheus:\n', '        prometeus:\n'),
    );
    const scenario = readFileSync(join(from, 'checkout-argo.yaml'), 'utf8');
    writeFileSync(
      join(dir, 'checkout-argo.yaml'),
      scenario.replace(
        '  manifests: [checkout-rollout.yaml, checkout-analysis.yaml]\n',
        '  manifests: [checkout-rollout.yaml, checkout-analysis.yaml]\n  metrics: { success-rate: errorRate }\n',
      ),
    );
    const stdout = textSink();
    const error = await validateCommand(
      join(dir, 'checkout-argo.yaml'),
      {},
      { stdout, stderr: textSink() },
    ).catch((thrown: unknown) => thrown);
    const stderr = textSink();
    expect(reportError(error, stderr)).toBe(2);
    expect(stderr.text).toBe(
      `error: ${join(dir, 'checkout-analysis.yaml')}:19:9 spec.metrics[0].provider.prometeus: expected one of Argo's providers: prometheus, datadog, newRelic, wavefront, cloudWatch, graphite, influxdb, skywalking, kayenta, plugin, job, web, found prometeus (did you mean prometheus?)\n1 problem; nothing was written.\n`,
    );
    expect(stdout.text).toBe('');
    expect(readdirSync(dir).sort()).toEqual([
      'checkout-analysis.yaml',
      'checkout-argo.yaml',
      'checkout-rollout.yaml',
    ]);
  });
});
