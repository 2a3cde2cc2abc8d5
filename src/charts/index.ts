/**
 * Charts for the reports: each a Vega-Lite spec built from plain data (`…Spec`, pure) and rendered to an
 * SVG string in Node by vega's headless renderer (`…Chart`, async; no browser, no canvas). Output is
 * deterministic and self-contained, ready to inline in an HTML report. Shared by the run summary, the
 * risk report (`outcomesChart`) and the what-if report (`timeToDetectChart`).
 */
export { CHART_COLORS, CHART_CONFIG, CHART_FONT, CHART_FORMATS } from './chartTheme.js';
export {
  type GateMetricChartInput,
  type GateMetricPanel,
  type GateMetricPoint,
  gateMetricChart,
  gateMetricSpec,
} from './gateMetricChart.js';
export { type OutcomeShare, type OutcomesChartInput, outcomesChart, outcomesSpec } from './outcomesChart.js';
export { renderChartSvg } from './renderChartSvg.js';
export {
  type FanPoint,
  type RevenueFanChartInput,
  revenueFanChart,
  revenueFanSpec,
} from './revenueFanChart.js';
export {
  type SensitivityChartInput,
  sensitivityChart,
  sensitivitySpec,
  type TornadoInput,
} from './sensitivityChart.js';
export {
  type TimeToDetectChartInput,
  type TimeToDetectRow,
  timeToDetectChart,
  timeToDetectSpec,
} from './timeToDetectChart.js';
export {
  type TrafficChartInput,
  type TrafficMarker,
  type TrafficStep,
  trafficChart,
  trafficSpec,
} from './trafficChart.js';
