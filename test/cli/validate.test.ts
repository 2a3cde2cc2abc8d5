import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCommand } from '../../src/cli/commands/validate.js';
import { reportError } from '../../src/cli/reportError.js';
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
});
