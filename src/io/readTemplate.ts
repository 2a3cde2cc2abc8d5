import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TemplateSource } from '../report/createReportHandlebars.js';
import { precompiledTemplate } from './precompiledTemplate.js';

/** The names in `dir`, or none when the folder does not exist (a template set without partials). */
async function namesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Reads a template (`summary.md.hbs`) from `dir` with the partials of the same format from
 * `dir/partials/` (`*.md.hbs`, registered without the suffix: `partials/phases.md.hbs` is `{{> phases}}`),
 * and its precompiled form when the build in `precompiledDir` has one of exactly that text (see
 * `precompiledTemplate`). Rendering after it is pure.
 */
export async function readTemplate(
  dir: string,
  file: string,
  precompiledDir?: string,
): Promise<TemplateSource> {
  const suffix = file.slice(file.indexOf('.'));
  const template = await readFile(join(dir, file), 'utf8');
  const partialsDir = join(dir, 'partials');
  const partials: Record<string, string> = {};
  for (const name of (await namesIn(partialsDir)).filter((entry) => entry.endsWith(suffix)).sort()) {
    partials[name.slice(0, -suffix.length)] = await readFile(join(partialsDir, name), 'utf8');
  }
  const precompiled = await precompiledTemplate(file, { template, partials }, precompiledDir);
  return precompiled === undefined ? { template, partials } : { template, partials, precompiled };
}

/**
 * A report's Markdown and HTML templates from `dir`, `<stem>.md.hbs` and `<stem>.html.hbs`, each with the
 * partials of its format: what every kind of report (summary, risk, whatif) is rendered with.
 *
 * @example const templates = await readTemplates('templates', 'summary')
 */
export async function readTemplates(
  dir: string,
  stem: string,
): Promise<{ markdown: TemplateSource; html: TemplateSource }> {
  const [markdown, html] = await Promise.all([
    readTemplate(dir, `${stem}.md.hbs`),
    readTemplate(dir, `${stem}.html.hbs`),
  ]);
  return { markdown, html };
}
