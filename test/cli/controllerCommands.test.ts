import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { riskCommand } from '../../src/cli/commands/risk.js';
import { runCommand } from '../../src/cli/commands/run.js';
import { whatifCommand } from '../../src/cli/commands/whatif.js';
import { schemaErrors } from '../support/schemaErrors.js';
import { tempDir } from '../support/tempDir.js';
import { textSink } from '../support/textSink.js';

const ARGO = 'scenarios/controllers/checkout-argo.yaml';
const FLAGGER = 'scenarios/controllers/podinfo-flagger.yaml';

async function json(dir: string, file: string): Promise<unknown> {
  return JSON.parse(await readFile(join(dir, file), 'utf8'));
}

describe('run, risk and whatif on the shipped controller scenarios write files their schemas accept', () => {
  it.each([ARGO, FLAGGER])('%s', async (scenario) => {
    const dir = tempDir();
    const quiet = { stdout: textSink(), stderr: textSink() };
    await runCommand(
      scenario,
      { out: join(dir, 'run'), seed: '60', report: false },
      { ...quiet, color: false },
    );
    const results = (await json(join(dir, 'run'), 'results.json')) as {
      phases: { measurements?: unknown[] }[];
    };
    expect(schemaErrors('results', results)).toEqual([]);
    expect(results.phases[0]!.measurements).toBeInstanceOf(Array);
    await riskCommand(scenario, { out: join(dir, 'risk'), runs: '60', workers: '1', report: false }, quiet);
    const risk = (await json(join(dir, 'risk'), 'risk.json')) as {
      phases: { controllerMetrics?: unknown[] }[];
    };
    expect(schemaErrors('risk', risk)).toEqual([]);
    expect(risk.phases[0]!.controllerMetrics!.length).toBeGreaterThan(0);
    const fault = `error-spike phase=${scenario === ARGO ? 'weight-20' : 'weight-10'} at=0s duration=20m addedErrorRate=0.2`;
    await whatifCommand(
      scenario,
      { out: join(dir, 'whatif'), runs: '40', workers: '1', fault: [fault], report: false },
      quiet,
    );
    const whatif = (await json(join(dir, 'whatif'), 'whatif.json')) as {
      faults: { detectedBy: { kind: string }[] }[];
    };
    expect(schemaErrors('whatif', whatif)).toEqual([]);
    expect(whatif.faults[0]!.detectedBy[0]!.kind).toBe('controller');
  });
});
