import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { TemplateSource } from '../report/createReportHandlebars.js';
import { precompiledTemplate } from './precompiledTemplate.js';
import { type TemplateFile, templateProblems } from './templateProblems.js';

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
 * `precompiledTemplate`). Text without a precompiled form is parsed here, so that a template or partial
 * Handlebars cannot parse, or a `{{> name}}` of a missing partial, is bad input (`InputError` naming the
 * file and line) rather than a failure while rendering. Rendering after it is pure.
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
  const files: TemplateFile[] = [{ file: join(dir, file), text: template }];
  for (const name of (await namesIn(partialsDir)).filter((entry) => entry.endsWith(suffix)).sort()) {
    const text = await readFile(join(partialsDir, name), 'utf8');
    partials[name.slice(0, -suffix.length)] = text;
    files.push({ file: join(partialsDir, name), text });
  }
  const precompiled = await precompiledTemplate(file, { template, partials }, precompiledDir);
  if (precompiled !== undefined) return { template, partials, precompiled };
  const { default: handlebars } = await import('handlebars');
  const problems = templateProblems(handlebars, files, new Set(Object.keys(partials)), partialsDir, suffix);
  if (problems.length > 0) throw new InputError(problems);
  return { template, partials };
}

/**
 * A report's Markdown and HTML templates from `dir`, `<stem>.md.hbs` and `<stem>.html.hbs`, each with the
 * partials of its format: what every kind of report (summary, risk, whatif) is rendered with. The problems
 * of both are thrown together, as one `InputError`.
 *
 * @example const templates = await readTemplates('templates', 'summary')
 */
export async function readTemplates(
  dir: string,
  stem: string,
): Promise<{ markdown: TemplateSource; html: TemplateSource }> {
  const [markdown, html] = await Promise.allSettled([
    readTemplate(dir, `${stem}.md.hbs`),
    readTemplate(dir, `${stem}.html.hbs`),
  ]);
  if (markdown.status === 'fulfilled' && html.status === 'fulfilled') {
    return { markdown: markdown.value, html: html.value };
  }
  const errors = [markdown, html].flatMap((read) => (read.status === 'rejected' ? [read.reason] : []));
  if (errors.every((error) => error instanceof InputError)) {
    throw new InputError(errors.flatMap((error: InputError) => error.problems));
  }
  throw errors.find((error) => !(error instanceof InputError));
}
