import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWhatifTemplates } from '../../src/io/whatifScenario.js';
import { buildWhatifView, renderReport, WHATIF_REPORT } from '../../src/report/index.js';
import { summarizeWhatif } from '../../src/whatif/summarizeWhatif.js';
import { runWhatifInThread, type WhatifJob } from '../../src/whatif/whatif.js';
import { makePlan } from '../engine/makePlan.js';
import { makeFault } from '../support/makeFault.js';

const MINUTE_MS = 60_000;

describe('whatif.md and whatif.html', () => {
  // `.golden`, not `.md`/`.html`: Biome formats Markdown and HTML files and would realign the tables.
  it('match the golden files', async () => {
    const plan = makePlan({
      learners: 20_000,
      requestsPerLearnerHour: 24,
      business: {},
      guards: [
        { metric: 'p99LatencyMs', op: 'above', threshold: 250 },
        { metric: 'errorRate', op: 'above', threshold: 0.015 },
      ],
      phases: [
        {
          name: 'canary',
          traffic: 0.05,
          durationMs: 60 * MINUTE_MS,
          checkpointsMs: [30 * MINUTE_MS, 60 * MINUTE_MS],
        },
      ],
    });
    const window = { atMs: 10 * MINUTE_MS, durationMs: 20 * MINUTE_MS };
    const faults = [
      { name: 'Latency spike | ×10', fault: makeFault('latency-spike', { factor: 10, share: 1 }, window) },
      { name: 'Wrong data', fault: makeFault('data-inconsistency', { share: 0.05 }, window) },
      {
        name: 'Revenue regression',
        fault: makeFault('segment-regression', { revenueUplift: -0.5 }, { ...window, segmentIndex: 0 }),
      },
    ].map(({ name, fault }, index) => ({
      name,
      source: `test faults[${index}]`,
      spec: name,
      fault,
      claim:
        index === 0
          ? { says: 'Auto-rollback at 250ms', detectedBy: 'p99LatencyMs' as const, withinMs: 5 * MINUTE_MS }
          : null,
    }));
    const job: WhatifJob = { plan, faults: faults.map((each) => each.fault), seed: 1, fidelity: 'aggregate' };
    const results = summarizeWhatif(plan, faults, await runWhatifInThread(job, 40), {
      tool: { name: 'rollout-rehearsal', version: '0.0.0-golden' },
      scenarioFile: 'fixture.yaml',
      seed: 1,
      fidelity: 'aggregate',
    });
    const files = Object.fromEntries(
      (await renderReport(WHATIF_REPORT, results, await readWhatifTemplates('templates'))).map((file) => [
        file.name,
        file.content,
      ]),
    );
    await expect(files['whatif.md']).toMatchFileSnapshot('golden/whatif.md.golden');
    await expect(files['whatif.html']).toMatchFileSnapshot('golden/whatif.html.golden');
    await expect(files['whatif.json']).toMatchFileSnapshot('golden/whatif.json.golden');
    // One fault the plan caught: the headline gives its share of the runs it began in (the goldens hold
    // only the share-less sentence of a fault caught in no run).
    const spike = results.faults.find((row) => row.name === 'Latency spike | ×10')!;
    expect(spike.pDetected.p).toBeGreaterThan(0);
    expect(buildWhatifView({ ...results, faults: [spike] }).headline).toMatch(
      /^Injected Latency spike \| ×10: the plan caught it in \d+\.\d\d% of the 40 runs it began in \(95% CI [^)]+\)\.$/,
    );
  });
});

describe('whatif templates', () => {
  it('type no numbers: every figure comes from the results', () => {
    const files = [
      'whatif.md.hbs',
      'whatif.html.hbs',
      ...readdirSync('templates/partials')
        .filter((name) => name.startsWith('whatif-'))
        .map((name) => join('partials', name)),
    ];
    for (const file of files) {
      const literal = readFileSync(join('templates', file), 'utf8')
        .replace(/<style>[\s\S]*?<\/style>/g, '')
        .replace(/\{\{[\s\S]*?\}\}/g, '')
        .replace(/<[^>]*>/g, ' ')
        // Names of statistics (p10, p50, p90) are not results.
        .replace(/\b(sha256|p10|p50|p90)\b/g, '');
      expect({ file, digits: literal.match(/\d+/g) }).toEqual({ file, digits: null });
    }
  });
});
