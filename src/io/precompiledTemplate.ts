import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PrecompiledTemplate, TemplateSource } from '../report/createReportHandlebars.js';
import type { OutputFormat } from '../report/renderTemplate.js';
import { jsonSha256 } from './jsonSha256.js';
import { packageInfo } from './packageRoot.js';
import { readTemplate } from './readTemplate.js';

/**
 * Templates compiled ahead of time. `npm run build` precompiles every template of the package's
 * `templates/` (with its partials) into `dist/templates/<file>.js`, which records a digest of the text it
 * was compiled from; a template read later uses that form only when its text, partials included, has the
 * same digest, so an edited template, or a user's own folder, is compiled at run time as before. Both
 * forms render the same bytes (a test holds them to it).
 */

/** The format a template file renders, from its name: `summary.md.hbs` is Markdown. */
function formatOf(file: string): OutputFormat {
  return file.endsWith('.md.hbs') ? 'markdown' : 'html';
}

/** The folder `npm run build` writes the package's precompiled templates to. */
function precompiledDir(): string {
  return join(packageInfo().root, 'dist', 'templates');
}

/** sha256 of a template's text and its partials' (names and texts, in name order). */
export function templateDigest(source: Pick<TemplateSource, 'template' | 'partials'>): string {
  const partials = Object.entries(source.partials).sort(([a], [b]) => (a < b ? -1 : 1));
  return jsonSha256([source.template, partials]);
}

/**
 * Precompiles every `*.hbs` template in `dir` (not its partials/ alone: each template with the partials
 * of its format) into `outDir/<file>.js`, an ES module exporting its digest, format, template and partials.
 */
export async function writePrecompiledTemplates(
  dir = join(packageInfo().root, 'templates'),
  outDir = precompiledDir(),
): Promise<string[]> {
  const { default: Handlebars } = await import('handlebars');
  const { TEMPLATE_OPTIONS } = await import('../report/renderTemplate.js');
  await mkdir(outDir, { recursive: true });
  const files = (await readdir(dir)).filter((name) => name.endsWith('.hbs')).sort();
  for (const file of files) {
    const source = await readTemplate(dir, file, outDir);
    const options = TEMPLATE_OPTIONS[formatOf(file)];
    const partials = Object.entries(source.partials).map(
      ([name, text]) => `  ${JSON.stringify(name)}: ${Handlebars.precompile(text, options)},`,
    );
    const module = [
      `export const digest = ${JSON.stringify(templateDigest(source))};`,
      `export const format = ${JSON.stringify(formatOf(file))};`,
      `export const template = ${Handlebars.precompile(source.template, options)};`,
      `export const partials = {\n${partials.join('\n')}\n};`,
      '',
    ].join('\n');
    await writeFile(join(outDir, `${file}.js`), module);
  }
  return files;
}

/**
 * The precompiled form of `file` (`summary.html.hbs`) from `dir` (default: the package's build), when
 * there is one compiled from exactly `source`; otherwise undefined.
 */
export async function precompiledTemplate(
  file: string,
  source: Pick<TemplateSource, 'template' | 'partials'>,
  dir = precompiledDir(),
): Promise<PrecompiledTemplate | undefined> {
  const path = join(dir, `${file}.js`);
  if (!existsSync(path)) return undefined;
  const compiled = (await import(pathToFileURL(path).href)) as PrecompiledTemplate & { digest: string };
  if (compiled.digest !== templateDigest(source) || compiled.format !== formatOf(file)) return undefined;
  return { format: compiled.format, template: compiled.template, partials: compiled.partials };
}
