/**
 * Charts for the reports, each drawn from plain data straight to an SVG string by our own renderer
 * (`…Chart`, pure and synchronous; d3-scale for scales and ticks, d3-shape for lines and areas, d3-format
 * for numbers). No browser, no canvas, no fonts: text widths are estimated, so the output is the same
 * bytes on every machine, self-contained and ready to inline in an HTML report. Shared by the run
 * summary, the risk report (`outcomesChart`) and the what-if report (`timeToDetectChart`).
 */
export { CHART_COLORS, CHART_FONT, CHART_FORMATS } from './chartTheme.js';
export {
  type GateMetricChartInput,
  type GateMetricPanel,
  type GateMetricPoint,
  gateMetricChart,
} from './gateMetricChart.js';
export { type OutcomeShare, type OutcomesChartInput, outcomesChart } from './outcomesChart.js';
export { type ChartDrawing, renderChartSvg } from './renderChartSvg.js';
export { type FanPoint, type RevenueFanChartInput, revenueFanChart } from './revenueFanChart.js';
export { type SensitivityChartInput, sensitivityChart, type TornadoInput } from './sensitivityChart.js';
export {
  type TimeToDetectChartInput,
  type TimeToDetectRow,
  timeToDetectChart,
} from './timeToDetectChart.js';
export {
  type TrafficChartInput,
  type TrafficMarker,
  type TrafficStep,
  trafficChart,
} from './trafficChart.js';
