import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { precompiledTemplate, writePrecompiledTemplates } from '../../src/io/precompiledTemplate.js';
import { readTemplate } from '../../src/io/readTemplate.js';
import { buildRunView, renderTemplate } from '../../src/report/index.js';
import { defaultResults, ROOT } from '../report/defaultScenario.js';
import { tempDir } from '../support/tempDir.js';

const TEMPLATES = join(ROOT, 'templates');

describe('templates compiled ahead of time', () => {
  it('precompile every template of the package, and render the same bytes as compiling at run time', async () => {
    const out = tempDir();
    const files = await writePrecompiledTemplates(TEMPLATES, out);
    expect(files).toEqual(
      readdirSync(TEMPLATES)
        .filter((name) => name.endsWith('.hbs'))
        .sort(),
    );
    const results = JSON.parse(JSON.stringify(await defaultResults()));
    for (const [file, format] of [
      ['summary.md.hbs', 'markdown'],
      ['summary.html.hbs', 'html'],
    ] as const) {
      const precompiled = await readTemplate(TEMPLATES, file, out);
      const text = await readTemplate(TEMPLATES, file, tempDir());
      expect(precompiled.precompiled?.format, file).toBe(format);
      expect(text.precompiled, file).toBeUndefined();
      const view = buildRunView(results);
      expect(renderTemplate(precompiled, view, format)).toBe(renderTemplate(text, view, format));
    }
  });

  it('are used only for exactly the text they were compiled from, and only for their format', async () => {
    const out = tempDir();
    await writePrecompiledTemplates(TEMPLATES, out);
    const source = await readTemplate(TEMPLATES, 'summary.md.hbs', out);
    expect(await precompiledTemplate('summary.md.hbs', source, out)).toBeDefined();
    const editedPartial = { ...source.partials, status: `${source.partials.status}\nedited` };
    expect(
      await precompiledTemplate('summary.md.hbs', { ...source, partials: editedPartial }, out),
    ).toBeUndefined();
    expect(
      await precompiledTemplate('summary.md.hbs', { ...source, template: `${source.template} ` }, out),
    ).toBeUndefined();
    const view = buildRunView(JSON.parse(JSON.stringify(await defaultResults())));
    const html = renderTemplate(source, view, 'html');
    expect(html).toBe(renderTemplate({ template: source.template, partials: source.partials }, view, 'html'));
  });
});
