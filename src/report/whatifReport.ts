import type { WhatifResults } from '../whatif/whatifResults.js';
import { buildWhatifView } from './buildWhatifView.js';
import { type ReportKind, renderViewFiles } from './renderReport.js';
import { renderWhatifCharts, type WhatifCharts } from './renderWhatifCharts.js';
import { stableNumber } from './stableNumber.js';

/**
 * `whatif.json` as bytes: two-space JSON, keys in the order `summarizeWhatif` builds them, every number
 * through `stableNumber`, a final newline. Same results ⇒ same bytes on every machine.
 */
export function stringifyWhatif(results: WhatifResults): string {
  return `${JSON.stringify(results, (_key, value: unknown) => (typeof value === 'number' ? stableNumber(value) : value), 2)}\n`;
}

/**
 * What `rehearse whatif` and `rehearse report whatif.json` write: `whatif.json`, `whatif.md`, and
 * `whatif.html` with the time-to-detect chart.
 */
export const WHATIF_REPORT: ReportKind<WhatifResults, WhatifCharts> = {
  jsonFile: 'whatif.json',
  stringify: stringifyWhatif,
  drawCharts: renderWhatifCharts,
  renderFiles: (recorded, charts, templates) =>
    renderViewFiles('whatif', buildWhatifView(recorded), charts, templates),
};
