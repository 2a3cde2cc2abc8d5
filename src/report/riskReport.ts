import type { Risk } from '../risk/risk.js';
import type { OutputFile } from './outputFile.js';
import { type ReportKind, type ReportTemplates, renderReport, renderViewFiles } from './renderReport.js';
import { type RiskCharts, renderRiskCharts } from './renderRiskCharts.js';
import { buildRiskView } from './riskView.js';
import { stringifyRisk } from './stringifyRisk.js';

/** What `rehearse risk`, `rehearse merge` and `rehearse report risk.json` write: `risk.json`, `risk.md`, `risk.html`. */
export const RISK_REPORT: ReportKind<Risk, RiskCharts> = {
  jsonFile: 'risk.json',
  stringify: stringifyRisk,
  drawCharts: renderRiskCharts,
  renderFiles: (recorded, charts, templates) =>
    renderViewFiles('risk', buildRiskView(recorded), charts, templates),
};

/**
 * The files of a risk study from risk.json's content alone: `renderReport(RISK_REPORT, risk, templates)`,
 * under the name the library's `risk` namespace has always exported. Deterministic.
 */
export function renderRiskFiles(risk: Risk, templates: ReportTemplates): Promise<OutputFile[]> {
  return renderReport(RISK_REPORT, risk, templates);
}
