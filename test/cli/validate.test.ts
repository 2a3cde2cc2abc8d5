import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateCommand } from '../../src/cli/commands/validate.js';
import { reportError } from '../../src/cli/reportError.js';
import { ROOT } from '../report/defaultScenario.js';
import { ensureBuilt } from '../support/ensureBuilt.js';
import { tempDir } from '../support/tempDir.js';
import { textSink } from '../support/textSink.js';

const DEFAULT = 'scenarios/sprint2-rollout.yaml';

describe('rehearse validate', () => {
  it('prints one line naming the plan and what it holds', async () => {
    const stdout = textSink();
    await validateCommand(DEFAULT, {}, { stdout });
    expect(stdout.text).toBe(
      `ok: ${DEFAULT}: "Sprint 2 cohort analyzer", 3 phases (canary → ramp → rollout), 8 segments, 2 guards, 0 faults\n`,
    );
  });

  it('--json prints the same as a summary object; --quiet prints nothing', async () => {
    const json = textSink();
    await validateCommand(DEFAULT, { json: true }, { stdout: json });
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
    await validateCommand(DEFAULT, { quiet: true }, { stdout: quiet });
    expect(quiet.text).toBe('');
  });

  it('a broken scenario is bad input: every problem, exit 2', async () => {
    const file = join(tempDir(), 'broken.yaml');
    writeFileSync(file, 'name: x\npopulation: { learners: -1 }\n');
    const stdout = textSink();
    const error = await validateCommand(file, {}, { stdout }).catch((thrown: unknown) => thrown);
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
});
