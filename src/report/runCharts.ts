/** A rendered chart: an SVG string that templates place with `{{chart …}}`. */
export interface ChartView {
  id: string;
  title: string;
  svg: string;
}

/** A run summary's charts; empty (`NO_CHARTS`) when the summary is rendered without them (Markdown). */
export interface RunCharts {
  traffic: ChartView | null;
  /** One per gated metric, in catalogue order. */
  gates: Array<ChartView & { metric: string }>;
  revenueFan: ChartView | null;
  sensitivity: ChartView | null;
}

/** No charts: what the Markdown summary and a caller that skips rendering get. */
export const NO_CHARTS: RunCharts = { traffic: null, gates: [], revenueFan: null, sensitivity: null };

/**
 * Charts rendered by this package. The `chart` template helper prints only these, unescaped: a template
 * cannot turn any other value (a scenario name, a reason) into raw HTML.
 */
const RENDERED = new WeakSet<object>();

/** Marks a chart as rendered by this package (its SVG came from the chart renderer, not from input text). */
export function markRendered<T extends ChartView>(chart: T): T {
  RENDERED.add(chart);
  return chart;
}

/** Whether `value` is a chart rendered by this package (and so safe to print as markup). */
export function isRenderedChart(value: unknown): value is ChartView {
  return typeof value === 'object' && value !== null && RENDERED.has(value);
}
