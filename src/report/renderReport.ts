import type { TemplateSource } from './createReportHandlebars.js';
import type { OutputFile } from './outputFile.js';
import { renderTemplate } from './renderTemplate.js';

/** A report's templates: Markdown and HTML, each with its partials. */
export interface ReportTemplates {
  markdown: TemplateSource;
  html: TemplateSource;
}

/**
 * One kind of report (a run's summary, a risk study, a what-if): the file its results are recorded in, how
 * they are written, and how the other files are drawn and rendered from the results as recorded.
 */
export interface ReportKind<R, C> {
  /** The results file: `results.json`, `risk.json` or `whatif.json`. */
  jsonFile: string;
  /** The results as that file's bytes: same results ⇒ same bytes. */
  stringify(results: R): string;
  /** The files beside the results file that need neither charts nor templates (a run's `checkpoints.csv`). */
  dataFiles?(recorded: R): OutputFile[];
  /** The HTML report's charts, from the recorded results. */
  drawCharts(recorded: R): Promise<C>;
  /** The report's other files, from the recorded results and their charts. */
  renderFiles(recorded: R, charts: C, templates: ReportTemplates): OutputFile[];
}

/**
 * Every file of a report: the results written as JSON once, then the data files, charts, views and
 * templates all from that JSON read back, so each number a report shows is the one its results file
 * records and `rehearse report` on that file gives the same bytes. Deterministic.
 *
 * @example const files = await renderReport(RISK_REPORT, risk, await readRiskTemplates('templates'))
 */
export async function renderReport<R, C>(
  kind: ReportKind<R, C>,
  results: R,
  templates: ReportTemplates,
): Promise<OutputFile[]> {
  const { recorded, files } = recordData(kind, results);
  const charts = await kind.drawCharts(recorded);
  return [...files, ...kind.renderFiles(recorded, charts, templates)];
}

/**
 * The files of a report that need no template, as `renderReport` writes them: the results file and the
 * kind's data files (what `--no-report` writes). Deterministic.
 *
 * @example const files = renderDataFiles(RUN_REPORT, results) // results.json, checkpoints.csv
 */
export function renderDataFiles<R, C>(kind: ReportKind<R, C>, results: R): OutputFile[] {
  return recordData(kind, results).files;
}

/** The results as their file records them (numbers rounded), with the results file and the data files. */
function recordData<R, C>(kind: ReportKind<R, C>, results: R): { recorded: R; files: OutputFile[] } {
  const json = kind.stringify(results);
  const recorded = JSON.parse(json) as R;
  return { recorded, files: [{ name: kind.jsonFile, content: json }, ...(kind.dataFiles?.(recorded) ?? [])] };
}

/**
 * `<stem>.md` and `<stem>.html` rendered from one view model, the HTML with the charts beside it as
 * `charts`: the files of a report whose two formats show the same view (risk, what-if).
 */
export function renderViewFiles(
  stem: string,
  view: object,
  charts: object,
  templates: ReportTemplates,
): OutputFile[] {
  return [
    { name: `${stem}.md`, content: renderTemplate(templates.markdown, view, 'markdown') },
    { name: `${stem}.html`, content: renderTemplate(templates.html, { ...view, charts }, 'html') },
  ];
}
