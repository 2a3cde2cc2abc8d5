import type { WhatifResults } from '../whatif/whatifResults.js';
import { buildWhatifView } from './buildWhatifView.js';
import type { TemplateSource } from './createReportHandlebars.js';
import type { OutputFile } from './outputFile.js';
import { renderTemplate } from './renderTemplate.js';
import { renderWhatifCharts } from './renderWhatifCharts.js';
import { stableNumber } from './stableNumber.js';

/** The what-if report's templates. */
export interface WhatifTemplates {
  markdown: TemplateSource;
  html: TemplateSource;
}

/**
 * `whatif.json` as bytes: two-space JSON, keys in the order `summarizeWhatif` builds them, every number
 * through `stableNumber`, a final newline. Same results ⇒ same bytes on every machine.
 */
export function stringifyWhatif(results: WhatifResults): string {
  return `${JSON.stringify(results, (_key, value: unknown) => (typeof value === 'number' ? stableNumber(value) : value), 2)}\n`;
}

/**
 * The files of a what-if from its results alone: `whatif.json`, `whatif.md`, `whatif.html` (with the
 * time-to-detect chart, drawn from whatif.json as recorded so `rehearse report whatif.json` gives the
 * same bytes). Deterministic.
 */
export async function renderWhatifFiles(
  results: WhatifResults,
  templates: WhatifTemplates,
): Promise<OutputFile[]> {
  const json = stringifyWhatif(results);
  const view = buildWhatifView(results);
  const charts = await renderWhatifCharts(JSON.parse(json) as WhatifResults);
  return [
    { name: 'whatif.json', content: json },
    { name: 'whatif.md', content: renderTemplate(templates.markdown, view, 'markdown') },
    { name: 'whatif.html', content: renderTemplate(templates.html, { ...view, charts }, 'html') },
  ];
}
