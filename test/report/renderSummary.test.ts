import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRunTemplates } from '../../src/io/rehearseScenario.js';
import {
  buildResults,
  buildRunView,
  NO_CHARTS,
  type ReportTemplates,
  RUN_REPORT,
  renderReport,
  renderTemplate,
} from '../../src/report/index.js';
import { META, makePlan, makeRehearsal } from './fixtures.js';

const TEMPLATE_DIR = join(import.meta.dirname, '../../templates');
let templates: ReportTemplates;
beforeAll(async () => {
  templates = await readRunTemplates(TEMPLATE_DIR);
});

/** The summary templates and every partial they reach (other reports' templates are their owners'). */
function summaryTemplateFiles(): string[] {
  const partials = new Set(readdirSync(join(TEMPLATE_DIR, 'partials')));
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const suffix = file.endsWith('.md.hbs') ? '.md.hbs' : '.html.hbs';
    for (const [, name] of readFileSync(join(TEMPLATE_DIR, file), 'utf8').matchAll(/\{\{#?>\s*([\w-]+)/g)) {
      if (partials.has(`${name}${suffix}`)) visit(join('partials', `${name}${suffix}`));
    }
  };
  visit('summary.md.hbs');
  visit('summary.html.hbs');
  return [...seen];
}

/** The run's files without charts: the golden files do not depend on the chart library. */
const WITHOUT_CHARTS = { ...RUN_REPORT, drawCharts: async () => NO_CHARTS };

const filesFor = async (plan = makePlan()) => {
  const files = await renderReport(
    WITHOUT_CHARTS,
    buildResults(plan, makeRehearsal({}, plan), META),
    templates,
  );
  return Object.fromEntries(files.map((file) => [file.name, String(file.content)]));
};

describe('summary.md and summary.html', () => {
  // `.golden`, not `.md`/`.html`: Biome formats Markdown and HTML files and would realign the tables.
  it('match the golden files', async () => {
    const files = await filesFor();
    await expect(files['summary.md']).toMatchFileSnapshot('golden/summary.md.golden');
    await expect(files['summary.html']).toMatchFileSnapshot('golden/summary.html.golden');
  });

  it('state the outcome and the computed margins', async () => {
    const markdown = (await filesFor())['summary.md']!;
    expect(markdown).toContain('**Status: ⛔ ROLLED BACK** in **ramp**, 1h12m into the phase');
    expect(markdown).toContain('| ramp | 2,280 | 4 | 0.18% | 47 ms |');
    expect(markdown).toContain('| ramp | **rollback** | Oct 31 2025 15:12 UTC (1h12m into the phase) |');
    expect(markdown).toContain('- pass: 42 ms is 4.76× below the 200 ms limit');
    expect(markdown).toContain(
      '0 errors in 380 requests: 95% interval 0.00% to 0.97%, entirely below the 1.00% limit',
    );
    expect(markdown).toContain('- errorRate > 1.50% over the trailing 30s');
  });

  const hostile = '<script>alert(1)</script> | x';

  it('escapes scenario text in Markdown: no HTML, no extra table cells', async () => {
    const plan = makePlan({ name: hostile, release: `v1 | *bold* [link](http://x)` });
    const markdown = (await filesFor(plan))['summary.md']!;
    expect(markdown).not.toContain('<script');
    expect(markdown).toContain('# Rollout rehearsal: &lt;script>alert(1)&lt;/script> \\| x');
    const statusRow = markdown.split('\n').find((line) => line.includes('v1 \\|'))!;
    expect(statusRow).toContain('v1 \\| \\*bold\\* \\[link\\](http://x)');
    const unescapedPipes = statusRow.match(/(?<!\\)\|/g) ?? [];
    expect(unescapedPipes).toHaveLength(6);
  });

  it('escapes scenario text in HTML', async () => {
    const html = (await filesFor(makePlan({ name: hostile })))['summary.html']!;
    expect(html).not.toContain('<script');
    expect(html).toContain('<title>Rollout rehearsal: &lt;script&gt;alert(1)&lt;/script&gt; | x</title>');
    expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt; | x</h1>');
  });

  it('escapes every field of the view in Markdown, so a template cannot forget one', () => {
    const source = { template: '{{a}} {{#each list}}{{name}}{{/each}}', partials: {} };
    expect(renderTemplate(source, { a: 'a|b', list: [{ name: '<b>' }] }, 'markdown')).toBe('a\\|b &lt;b>');
  });

  it('templates type no numbers: every figure comes from the results', () => {
    for (const file of summaryTemplateFiles()) {
      const literal = readFileSync(join(TEMPLATE_DIR, file), 'utf8')
        .replace(/<style>[\s\S]*?<\/style>/g, '')
        .replace(/\{\{[\s\S]*?\}\}/g, '')
        .replace(/<[^>]*>/g, ' ')
        // Names of statistics (sha256, p10…p99, a 95% interval) and Markdown's `1.` list marker are not results.
        .replace(/\b(sha256|p10|p50|p90|p99)\b|95%|^1\. /gm, '');
      expect({ file, digits: literal.match(/\d+/g) }).toEqual({ file, digits: null });
    }
  });
});

describe('buildRunView', () => {
  it('takes every number from the results', () => {
    const view = buildRunView(buildResults(makePlan(), makeRehearsal(), META));
    const [canary, ramp, rollout] = view.phases;
    expect(canary).toMatchObject({ requests: 380, errors: 0, errorRate: 0, p99LatencyMs: 42, reached: true });
    expect(ramp).toMatchObject({ requests: 2_280, errors: 4, p99LatencyMs: 47, ranMs: 72 * 60_000 });
    expect(ramp?.errorRate).toBeCloseTo(4 / 2_280, 12);
    expect(rollout).toMatchObject({ reached: false, errorRate: null, p99LatencyMs: null, decision: null });
    expect(view.reachedPhases.map((phase) => phase.name)).toEqual(['canary', 'ramp']);
    expect(view.outcome).toMatchObject({ rolledBack: true, completed: false, halted: false });
    expect(view.guardTrips).toEqual([
      expect.objectContaining({ phase: 'ramp', metric: 'errorRate', symbol: '>', observed: 0.0625 }),
    ]);
    expect(view.phaseTriggers[0]?.gates.map((gate) => `${gate.metric} ${gate.symbol}`)).toEqual([
      'errorRate ≥',
      'p99LatencyMs ≥',
      'availability ≤',
      'revenueImpact outside',
    ]);
  });

  it('lines checkpoint cells up with the phase’s gates', () => {
    const view = buildRunView(buildResults(makePlan(), makeRehearsal(), META));
    const row = view.phases[0]?.checkpoints[4];
    expect(row?.cells.map((cell) => [cell.metric, cell.observed, cell.verdict])).toEqual([
      ['errorRate', 0, 'pass'],
      ['p99LatencyMs', 42, 'pass'],
      ['availability', 0.9997, 'pass'],
      ['revenueImpact', -0.0037, 'pass'],
    ]);
  });
});
