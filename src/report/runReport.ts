import { buildCheckpointsCsv } from './buildCheckpointsCsv.js';
import { buildRunView } from './buildRunView.js';
import type { OutputFile } from './outputFile.js';
import type { ReportKind } from './renderReport.js';
import { renderRunCharts } from './renderRunCharts.js';
import { renderTemplate } from './renderTemplate.js';
import type { Results } from './results.js';
import type { RunCharts } from './runCharts.js';
import { stringifyResults } from './stringifyResults.js';

/** A rehearsal's results and the files that present them, ready to be written. */
export interface RunOutputs {
  results: Results;
  files: OutputFile[];
}

/**
 * What `rehearse run`, `rehearse replay` and `rehearse report results.json` write: `results.json`,
 * `checkpoints.csv`, `summary.md`, and `summary.html` with the charts.
 */
export const RUN_REPORT: ReportKind<Results, RunCharts> = {
  jsonFile: 'results.json',
  stringify: stringifyResults,
  dataFiles: (recorded) => [{ name: 'checkpoints.csv', content: buildCheckpointsCsv(recorded) }],
  drawCharts: renderRunCharts,
  renderFiles: (recorded, charts, templates) => [
    { name: 'summary.md', content: renderTemplate(templates.markdown, buildRunView(recorded), 'markdown') },
    { name: 'summary.html', content: renderTemplate(templates.html, buildRunView(recorded, charts), 'html') },
  ],
};
