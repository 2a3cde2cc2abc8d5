import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunTemplates } from '../../src/io/rehearseScenario.js';
import {
  buildResults,
  markRendered,
  RUN_REPORT,
  renderReport,
  renderTemplate,
} from '../../src/report/index.js';
import { ROOT } from './defaultScenario.js';
import { META, makePlan, makeRehearsal } from './fixtures.js';

const HOSTILE = '<script>alert(1)</script>';
const render = (template: string, view: object, format: 'html' | 'markdown' = 'html') =>
  renderTemplate({ template, partials: {} }, view, format);

describe('templates cannot run code or reach prototypes', () => {
  const view = { scenario: { name: 'plan' }, phases: [{ name: 'canary' }] };

  it.each([
    '{{constructor}}',
    '{{__proto__}}',
    '{{scenario.constructor}}',
    '{{phases.constructor}}',
    '{{#with constructor}}{{name}}{{/with}}',
    '{{lookup this "constructor"}}',
    '{{lookup scenario "__proto__"}}',
    '{{#with __proto__}}{{toString}}{{/with}}',
  ])('%s prints nothing, in HTML and in Markdown', (template) => {
    expect(render(`[${template}]`, view)).toBe('[]');
    expect(render(`[${template}]`, view, 'markdown')).toBe('[]');
  });

  it('escapes every value in HTML', () => {
    expect(render('<h1>{{scenario.name}}</h1>', { scenario: { name: HOSTILE } })).toBe(
      '<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>',
    );
  });

  it('prints markup only for charts the report rendered: chart refuses anything else', () => {
    const chart = markRendered({ id: 'c', title: 't', svg: '<svg id="c"></svg>' });
    expect(render('{{chart chart}}', { chart })).toBe('<svg id="c"></svg>');
    expect(render('[{{chart chart}}]', { chart: null })).toBe('[]');
    expect(() => render('{{chart name}}', { name: HOSTILE })).toThrow(/chart the report rendered/);
    expect(() => render('{{chart forged}}', { forged: { id: 'c', title: 't', svg: HOSTILE } })).toThrow(
      /chart the report rendered/,
    );
  });

  it('our templates never use triple braces (unescaped output)', () => {
    const dir = join(ROOT, 'templates');
    const files = [
      ...readdirSync(dir).filter((name) => name.endsWith('.hbs')),
      ...readdirSync(join(dir, 'partials')).map((name) => join('partials', name)),
    ];
    for (const file of files)
      expect({ file, triple: readFileSync(join(dir, file), 'utf8').includes('{{{') }).toEqual({
        file,
        triple: false,
      });
  });

  it('a scenario and a phase named <script> render as text everywhere, charts included', async () => {
    const plan = makePlan({ name: HOSTILE, release: HOSTILE });
    const hostilePlan = {
      ...plan,
      phases: plan.phases.map((phase, index) => (index === 0 ? { ...phase, name: HOSTILE } : phase)),
    };
    const rehearsal = makeRehearsal({}, plan);
    const renamed = {
      ...rehearsal,
      phases: rehearsal.phases.map((phase, index) => (index === 0 ? { ...phase, name: HOSTILE } : phase)),
    };
    const files = await renderReport(
      RUN_REPORT,
      buildResults(hostilePlan, renamed, META),
      await readRunTemplates(join(ROOT, 'templates')),
    );
    const html = String(files.find((file) => file.name === 'summary.html')!.content);
    const markdown = String(files.find((file) => file.name === 'summary.md')!.content);
    expect(html).not.toContain('<script');
    expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    const gateChart = /<svg id="gate-errorRate"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    expect(gateChart).toContain('>&lt;script&gt;alert(1)&lt;/script&gt;: ');
    expect(markdown).not.toContain('<script');
  });
});
