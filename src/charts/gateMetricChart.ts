import { format } from 'd3-format';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { Operator, Verdict } from '../gates/index.js';
import { bottomAxis, bottomAxisHeight, leftAxis, leftAxisWidth, type Tick } from './axes.js';
import type { Box } from './box.js';
import { baselineFor, type ChartText, textBox, textElement } from './chartText.js';
import { CHART_COLORS, CHART_FORMATS, CHART_SPACING_PX, CHART_TEXT_PX } from './chartTheme.js';
import { estimateTextWidth, truncateText } from './estimateTextWidth.js';
import { linearTicks } from './linearTicks.js';
import { renderChartSvg } from './renderChartSvg.js';
import { element, group, pathElement } from './svgMarkup.js';
import { valueExtent } from './valueExtent.js';

/** One checkpoint's value of the metric. */
export interface GateMetricPoint {
  /** The checkpoint's name (`15m`). */
  label: string;
  /** Offset from the phase start, ms. */
  offsetMs: number;
  /** The observed value in the metric's unit; null when the window gave none (not drawn). */
  observed: number | null;
  verdict: Verdict;
}

/** One phase's panel: the gate's condition and the checkpoints reached. */
export interface GateMetricPanel {
  /** The panel's heading, formatted by the caller (`canary: errorRate < 1.00%`). */
  title: string;
  /** The condition that must hold (`below` 0.01: the limit line is drawn at 0.01; `within`: at ±threshold). */
  op: Operator;
  threshold: number;
  /** The phase's planned length, ms: the x axis spans it, so a phase cut short shows as such. */
  durationMs: number;
  /** Empty when the phase was not reached (the panel then says so, as it does when no checkpoint had a value). */
  points: GateMetricPoint[];
}

/** A gated metric across phases: one panel per phase, sharing the y axis so the limits can be compared. */
export interface GateMetricChartInput {
  /** The chart's accessible name (`errorRate at each checkpoint against its limit, by phase`). */
  title: string;
  /** The y axis' title: the metric and its unit (`errorRate`, `p99LatencyMs`). */
  axisTitle: string;
  /** How values are written: fractions as percentages, ms, or counts. */
  unit: 'fraction' | 'ms' | 'count';
  panels: GateMetricPanel[];
}

const PANEL_MAX_PX = 240;
const PANEL_MIN_PX = 150;
const PLOT_HEIGHT_PX = 130;
const PANEL_GAP_PX = 28;
const ROW_GAP_PX = 14;
/** Room at the right for half of the last panel's last tick label. */
const RIGHT_PX = 12;
const HEADING_PX = CHART_TEXT_PX.heading;
const HEADING_GAP_PX = 8;
const SMALL_PX = CHART_TEXT_PX.small;
const POINT_RADIUS_PX = 3.8;
const TICK_COUNT = 4;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const { padding: PADDING_PX, maxWidth: MAX_WIDTH_PX } = CHART_SPACING_PX;
const VERDICT_COLORS: Record<Verdict, string> = {
  pass: CHART_COLORS.pass,
  inconclusive: CHART_COLORS.inconclusive,
  fail: CHART_COLORS.fail,
};

/** Hours for phases up to two days, days beyond. */
function timeUnit(durationMs: number): { sizeMs: number; title: string } {
  return durationMs <= 2 * DAY_MS
    ? { sizeMs: HOUR_MS, title: 'hours into the phase' }
    : { sizeMs: DAY_MS, title: 'days into the phase' };
}

function limitValues(op: Operator, threshold: number): number[] {
  return op === 'within' ? [-Math.abs(threshold), Math.abs(threshold)] : [threshold];
}

/**
 * The shared y scale: every limit and value, from 0 unless the limit is a floor (`above`, `min`: an
 * availability axis from 0 would flatten everything against the top); counts (incidents ≤ 0) from 0 to
 * at least 1, on whole numbers. Nice, so the ends are ticks.
 */
function yScaleOf(input: GateMetricChartInput) {
  const floorOnly = input.panels.every((panel) => panel.op === 'above' || panel.op === 'min');
  const values = input.panels.flatMap((panel) => [
    ...limitValues(panel.op, panel.threshold),
    ...panel.points.flatMap((point) => (point.observed === null ? [] : [point.observed])),
  ]);
  const domain =
    input.unit === 'count' ? [0, Math.max(1, ...values)] : valueExtent(floorOnly ? values : [0, ...values]);
  const y = scaleLinear().domain(domain).nice(TICK_COUNT);
  const ticks = linearTicks(y, TICK_COUNT, CHART_FORMATS[input.unit]);
  return { y, ticks: input.unit === 'count' ? ticks.filter((tick) => Number.isInteger(tick.value)) : ticks };
}

/** The value of a limit written at the right end of its line: above it, or below when above leaves the plot. */
function limitLabel(atY: number, plot: Box, label: string): ChartText {
  const above: ChartText = {
    text: label,
    x: plot.x + plot.width,
    y: baselineFor(atY - 2, SMALL_PX, 'bottom'),
    sizePx: SMALL_PX,
    anchor: 'end',
    fill: CHART_COLORS.limit,
  };
  return textBox(above).y >= plot.y ? above : { ...above, y: baselineFor(atY + 2, SMALL_PX, 'top') };
}

function panelMarks(
  panel: GateMetricPanel,
  input: GateMetricChartInput,
  plot: Box,
  headingWidthPx: number,
  shared: { y: ReturnType<typeof yScaleOf>['y']; ticks: Tick[]; first: boolean },
): string {
  const unit = timeUnit(panel.durationMs);
  const x = scaleLinear()
    .domain([0, panel.durationMs / unit.sizeMs])
    .range([plot.x, plot.x + plot.width]);
  const { y } = shared;
  const formatValue = format(CHART_FORMATS[input.unit]);
  const points = panel.points.flatMap((point) =>
    point.observed === null
      ? []
      : [{ x: x(point.offsetMs / unit.sizeMs), y: y(point.observed), verdict: point.verdict }],
  );
  const limits = limitValues(panel.op, panel.threshold);
  const marks = [
    group({ class: 'heading' }, [
      textElement({
        text: truncateText(panel.title, headingWidthPx, HEADING_PX, 'bold'),
        x: plot.x,
        y: baselineFor(plot.y - HEADING_GAP_PX, HEADING_PX, 'bottom'),
        sizePx: HEADING_PX,
        weight: 'bold',
      }),
    ]),
    leftAxis({
      plot,
      position: y,
      ticks: shared.ticks,
      title: shared.first ? input.axisTitle : null,
      grid: true,
      labels: shared.first,
    }),
    bottomAxis({ plot, position: x, ticks: linearTicks(x, TICK_COUNT), title: unit.title, grid: true }),
    group(
      { class: 'limit', stroke: CHART_COLORS.limit, 'stroke-width': 1.5, 'stroke-dasharray': '5 3' },
      limits.map((value) =>
        element('line', { x1: plot.x, y1: y(value), x2: plot.x + plot.width, y2: y(value) }),
      ),
    ),
    group(
      { class: 'limit-labels' },
      limits.map((value) => textElement(limitLabel(y(value), plot, formatValue(value)))),
    ),
  ];
  if (points.length === 0) {
    marks.push(
      group({ class: 'not-reached' }, [
        textElement({
          text: panel.points.length === 0 ? 'not reached' : 'no value at any checkpoint',
          x: plot.x + plot.width / 2,
          y: baselineFor(plot.y + plot.height / 2, HEADING_PX, 'middle'),
          sizePx: HEADING_PX,
          anchor: 'middle',
          italic: true,
          fill: CHART_COLORS.muted,
        }),
      ]),
    );
  } else {
    const path = line<{ x: number; y: number }>()
      .x((point) => point.x)
      .y((point) => point.y)
      .digits(2);
    marks.push(
      pathElement(path(points), {
        class: 'values',
        fill: 'none',
        stroke: CHART_COLORS.candidate,
        'stroke-width': 1.5,
      }),
      group(
        { class: 'points' },
        points.map((point) =>
          element('circle', {
            cx: point.x,
            cy: point.y,
            r: POINT_RADIUS_PX,
            fill: VERDICT_COLORS[point.verdict],
          }),
        ),
      ),
    );
  }
  return group({ class: 'panel' }, marks);
}

/**
 * A gated metric per checkpoint against its limit, by phase, as an SVG string: one panel per phase
 * (x: time into the phase over its planned length; y shared, so the phases' limits compare at a glance),
 * as many side by side as fit the report's width, the rest in further rows. Points are coloured by
 * verdict; the dashed line is the limit (two lines for `within`); a phase not reached, or reached
 * without a value at any checkpoint, says so.
 *
 * @param id unique within the page (`gate-errorRate`).
 */
export function gateMetricChart(input: GateMetricChartInput, id: string): string {
  const shared = yScaleOf(input);
  const left = PADDING_PX + leftAxisWidth(shared.ticks, true);
  const room = MAX_WIDTH_PX - left - RIGHT_PX - PADDING_PX;
  const count = Math.max(1, input.panels.length);
  const columns = Math.max(
    1,
    Math.min(count, Math.floor((room + PANEL_GAP_PX) / (PANEL_MIN_PX + PANEL_GAP_PX))),
  );
  const plotWidth = Math.min(PANEL_MAX_PX, (room - (columns - 1) * PANEL_GAP_PX) / columns);
  const rowHeight = HEADING_PX + HEADING_GAP_PX + PLOT_HEIGHT_PX + bottomAxisHeight(true);
  const rows = Math.ceil(count / columns);
  let right = left;
  const panels = input.panels.map((panel, index) => {
    const column = index % columns;
    const row = Math.floor(index / columns);
    const top = PADDING_PX + row * (rowHeight + ROW_GAP_PX) + HEADING_PX + HEADING_GAP_PX;
    const plot = {
      x: left + column * (plotWidth + PANEL_GAP_PX),
      y: top,
      width: plotWidth,
      height: PLOT_HEIGHT_PX,
    };
    // A heading may run into the gap before the next panel; the last of a row, up to the widest chart.
    const lastColumn = column === columns - 1 || index === input.panels.length - 1;
    const headingRoom = lastColumn ? MAX_WIDTH_PX - PADDING_PX - plot.x : plotWidth + PANEL_GAP_PX - 6;
    const headingWidth = Math.min(headingRoom, estimateTextWidth(panel.title, HEADING_PX, 'bold'));
    right = Math.max(right, plot.x + plotWidth + RIGHT_PX, plot.x + headingWidth);
    const y = shared.y.copy().range([plot.y + plot.height, plot.y]);
    return panelMarks(panel, input, plot, headingRoom, { y, ticks: shared.ticks, first: column === 0 });
  });
  const width = right + PADDING_PX;
  const height = PADDING_PX + rows * rowHeight + (rows - 1) * ROW_GAP_PX + PADDING_PX;
  return renderChartSvg({ widthPx: width, heightPx: height, body: panels.join('') }, id, input.title);
}
