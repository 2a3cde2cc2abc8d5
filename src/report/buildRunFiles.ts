import type { Rehearsal } from '../engine/rehearsal.js';
import type { Plan } from '../scenario/plan.js';
import { buildCheckpointsCsv } from './buildCheckpointsCsv.js';
import { buildResults, type ResultsMeta } from './buildResults.js';
import { buildRunView } from './buildRunView.js';
import type { TemplateSource } from './createReportHandlebars.js';
import type { OutputFile } from './outputFile.js';
import { renderRunCharts } from './renderRunCharts.js';
import { renderTemplate } from './renderTemplate.js';
import type { Results } from './results.js';
import { NO_CHARTS, type RunCharts } from './runCharts.js';
import { stringifyResults } from './stringifyResults.js';

/** The templates of a run's summary. */
export interface RunTemplates {
  markdown: TemplateSource;
  html: TemplateSource;
}

/** A rehearsal's results and the files that present them, ready to be written. */
export interface RunOutputs {
  results: Results;
  files: OutputFile[];
}

/**
 * Everything `rehearse run` writes, from the plan and one rehearsal (pure): `results.json`,
 * `checkpoints.csv`, and `summary.md` / `summary.html` rendered from the results alone, with the
 * charts when given (render them with `renderRunCharts`, or use `renderRunReport`).
 */
export function buildRunFiles(
  plan: Plan,
  rehearsal: Rehearsal,
  meta: ResultsMeta,
  templates: RunTemplates,
  charts: RunCharts = NO_CHARTS,
): RunOutputs {
  const results = buildResults(plan, rehearsal, meta);
  return { results, files: renderRunFiles(results, templates, charts) };
}

/**
 * The files of a run from its results alone (also what `rehearse report` renders again). Pure and
 * synchronous: the HTML summary shows the charts passed in (none by default); `renderRunReport`
 * renders them first.
 */
export function renderRunFiles(
  results: Results,
  templates: RunTemplates,
  charts: RunCharts = NO_CHARTS,
): OutputFile[] {
  const json = stringifyResults(results);
  const recorded = recordedResults(json);
  return [
    { name: 'results.json', content: json },
    { name: 'checkpoints.csv', content: buildCheckpointsCsv(recorded) },
    { name: 'summary.md', content: renderTemplate(templates.markdown, buildRunView(recorded), 'markdown') },
    { name: 'summary.html', content: renderTemplate(templates.html, buildRunView(recorded, charts), 'html') },
  ];
}

/**
 * The results as `results.json` records them (numbers rounded by `stableNumber`): reports are rendered
 * from these, so `rehearse report results.json` gives the same bytes as the run that wrote the file.
 */
function recordedResults(json: string): Results {
  return JSON.parse(json) as Results;
}

/**
 * The files of a run from its results alone, with the charts rendered into `summary.html`: what
 * `rehearse run`, `rehearse replay` and `rehearse report` write. Deterministic.
 *
 * @example const files = await renderRunReport(results, await readRunTemplates('templates'))
 */
export async function renderRunReport(results: Results, templates: RunTemplates): Promise<OutputFile[]> {
  const recorded = recordedResults(stringifyResults(results));
  return renderRunFiles(recorded, templates, await renderRunCharts(recorded));
}
