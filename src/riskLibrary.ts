/**
 * The library's `risk` namespace: the Monte Carlo of `src/risk/` and, under the names it has always had
 * there, the presentation of its results that lives in `src/report/` (risk.json's text, the report view,
 * its charts and files, the terminal summary).
 */

export type { ReportTemplates as RiskTemplates } from './report/index.js';
export {
  buildRiskChartInputs,
  buildRiskView,
  type CauseView,
  formatRiskSummary,
  type NoiseView,
  type ProbabilityView,
  type RiskCharts,
  type RiskView,
  renderRiskCharts,
  renderRiskFiles,
  type SettingView,
  stringifyRisk,
  type WindowAtHourView,
} from './report/index.js';
export * from './risk/index.js';
