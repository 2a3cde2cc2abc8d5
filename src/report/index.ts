/**
 * Every report: a rehearsal or replay → `results.json` (the contract, see docs/results.md) → a view
 * model → Handlebars templates → `summary.md` / `summary.html`, plus `checkpoints.csv` and the terminal
 * summary; the same for a risk study (`risk.json`) and a what-if (`whatif.json`), each kind rendered by
 * `renderReport` from its results as recorded. Charts are rendered to inline SVG, drawn by `src/charts/`. Pure: the files come
 * back as `OutputFile`s; reading scenarios and templates (`rehearseScenario`, `readTemplate`) and writing
 * (`writeFilesAtomically`) live in `src/io/`.
 */

export { type AnalyzerView, type AppendixView, buildAppendixView } from './buildAppendixView.js';
export { buildCheckpointsCsv, CHECKPOINT_CSV_COLUMNS } from './buildCheckpointsCsv.js';
export { buildComparisonView, type ComparisonCellView, type ComparisonView } from './buildComparisonView.js';
export { buildFinanceResults } from './buildFinanceResults.js';
export {
  buildFinanceView,
  type FinanceView,
  type MoneyRangeView,
  type SensitivityRowView,
} from './buildFinanceView.js';
export { buildModelResults } from './buildModelResults.js';
export { buildResults, type ResultsMeta } from './buildResults.js';
export { buildRunChartInputs, type RunChartInputs } from './buildRunChartInputs.js';
export { buildRunJsonSummary, type RunJsonSummary } from './buildRunJsonSummary.js';
export {
  buildRunView,
  type CheckpointRowView,
  type GateCellView,
  type GateColumnView,
  type GuardTripView,
  type MarginView,
  type PhaseTriggersView,
  type PhaseView,
  type RunView,
  type TriggerView,
} from './buildRunView.js';
export { buildWhatifView, type WhatifRowView, type WhatifView } from './buildWhatifView.js';
export { createReportHandlebars, type TemplateSource } from './createReportHandlebars.js';
export { describeErrorRateEvidence } from './describeErrorRateEvidence.js';
export { describeMargin, type MarginInput } from './describeMargin.js';
export { escapeCsvCell } from './escapeCsvCell.js';
export { escapeMarkdown, mapStrings } from './escapeMarkdown.js';
export { formatDate, formatMoney, formatRatio, formatUtcHours } from './format.js';
export { formatOutcomeLine } from './formatOutcomeLine.js';
export { formatOutcomeTable } from './formatOutcomeTable.js';
export { formatRiskSummary } from './formatRiskSummary.js';
export { type NextActionView, nextActions } from './nextActions.js';
export type { OutputFile } from './outputFile.js';
export { type ReportKind, type ReportTemplates, renderDataFiles, renderReport } from './renderReport.js';
export { buildRiskChartInputs, type RiskCharts, renderRiskCharts } from './renderRiskCharts.js';
export { renderRunCharts } from './renderRunCharts.js';
export { type OutputFormat, renderTemplate } from './renderTemplate.js';
export { buildWhatifChartInputs, renderWhatifCharts, type WhatifCharts } from './renderWhatifCharts.js';
export { MISSING, REPORT_HELPERS } from './reportHelpers.js';
export {
  RESULTS_SCHEMA_VERSION,
  type Results,
  type ResultsAnalyzer,
  type ResultsCheckpoint,
  type ResultsCohort,
  type ResultsCondition,
  type ResultsDecision,
  type ResultsEffect,
  type ResultsFinance,
  type ResultsFinanceInputs,
  type ResultsGate,
  type ResultsGuard,
  type ResultsGuardTrip,
  type ResultsModel,
  type ResultsOutcome,
  type ResultsPhase,
  type ResultsPhaseRules,
  type ResultsTornadoBar,
  type ResultsValueAtDay,
} from './results.js';
export { RISK_REPORT, renderRiskFiles } from './riskReport.js';
export {
  buildRiskView,
  type CauseView,
  type NoiseView,
  type ProbabilityView,
  type RiskView,
  type SettingView,
  type WindowAtHourView,
} from './riskView.js';
export { type ChartView, isRenderedChart, markRendered, NO_CHARTS, type RunCharts } from './runCharts.js';
export { RUN_REPORT, type RunOutputs } from './runReport.js';
export { stableNumber } from './stableNumber.js';
export { stringifyResults } from './stringifyResults.js';
export { stringifyRisk } from './stringifyRisk.js';
export { type StringifyStableOptions, stringifyStable } from './stringifyStable.js';
export { COLOR_STYLE, PLAIN_STYLE, type TerminalStyle } from './terminalStyle.js';
export { stringifyWhatif, WHATIF_REPORT } from './whatifReport.js';
