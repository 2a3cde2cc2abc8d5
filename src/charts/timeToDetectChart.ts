import { scaleLinear } from 'd3-scale';
import { bottomAxis, bottomAxisHeight } from './axes.js';
import { bandLayout } from './bandLayout.js';
import { baselineFor, type ChartText, textBox, textElement } from './chartText.js';
import { CHART_COLORS, CHART_SPACING_PX, CHART_TEXT_PX } from './chartTheme.js';
import { estimateTextWidth } from './estimateTextWidth.js';
import { linearTicks } from './linearTicks.js';
import { renderChartSvg } from './renderChartSvg.js';
import { element, group } from './svgMarkup.js';

/** One fault of a what-if study: how often it was detected and how long detection took. */
export interface TimeToDetectRow {
  /** The fault, as the caller names it (`latency-spike ×6 in ramp at 2h`). */
  label: string;
  /** Share of runs in which a gate or guard caught it, 0 to 1. */
  pDetected: number;
  /** Time from the fault's start to detection among the runs that detected it, ms; null when none did. */
  p10Ms: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
}

export interface TimeToDetectChartInput {
  title: string;
  /** In the order to draw them, top first. */
  rows: TimeToDetectRow[];
  /** An optional reference line, e.g. the plan's promise (`rollback in under 5 minutes`). */
  reference?: { valueMs: number; label: string } | null;
}

const MINUTE_MS = 60_000;
const PLOT_WIDTH_PX = 520;
const ROW_PX = 28;
const BAR_PX = 14;
const MEDIAN_TICK_PX = 18;
const LABEL_LIMIT_PX = 420;
/** Between the plot and the notes column. */
const NOTE_GAP_PX = 12;
const { padding: PADDING_PX } = CHART_SPACING_PX;
const LABEL_PX = CHART_TEXT_PX.label;
const SMALL_PX = CHART_TEXT_PX.small;
const TICK_COUNT = 8;

/** How often a fault was caught, as the notes column says it. */
function detectionNote(pDetected: number): string {
  if (pDetected === 0) return 'never detected';
  const digits = pDetected >= 0.995 || pDetected < 0.1 ? 1 : 0;
  return `detected in ${(pDetected * 100).toFixed(digits)}% of runs`;
}

/**
 * A what-if study's time to detect as an SVG string: per fault a bar from p10 to p90 of the minutes from
 * the fault's start to its detection and a tick at the median, with how often it was detected in a
 * column at the right (`never detected` when no run caught it), and the optional reference as a dashed
 * line named above the plot.
 */
export function timeToDetectChart(input: TimeToDetectChartInput, id = 'time-to-detect'): string {
  const minutes = (ms: number | null) => (ms === null ? null : ms / MINUTE_MS);
  const reference = input.reference ?? null;
  const maxMinutes = Math.max(
    1,
    ...input.rows.map((row) => minutes(row.p90Ms) ?? 0),
    minutes(reference?.valueMs ?? null) ?? 0,
  );
  const top = PADDING_PX + (reference === null ? 0 : SMALL_PX + 4);
  const { plot, middle, axis } = bandLayout(
    input.rows.map((row) => row.label),
    { topPx: top, rowPx: ROW_PX, limitPx: LABEL_LIMIT_PX, plotWidthPx: PLOT_WIDTH_PX },
  );
  const x = scaleLinear()
    .domain([0, maxMinutes])
    .range([plot.x, plot.x + plot.width])
    .nice(TICK_COUNT);
  const detected = input.rows.flatMap((row, index) => {
    const [p10, p50, p90] = [minutes(row.p10Ms), minutes(row.p50Ms), minutes(row.p90Ms)];
    return p10 === null || p50 === null || p90 === null ? [] : [{ index, p10, p50, p90 }];
  });
  const bars = detected.map((row) =>
    element('rect', {
      x: x(row.p10),
      y: middle(row.index) - BAR_PX / 2,
      width: x(row.p90) - x(row.p10),
      height: BAR_PX,
    }),
  );
  const medians = detected.map((row) =>
    element('line', {
      x1: x(row.p50),
      y1: middle(row.index) - MEDIAN_TICK_PX / 2,
      x2: x(row.p50),
      y2: middle(row.index) + MEDIAN_TICK_PX / 2,
    }),
  );
  const notes: ChartText[] = input.rows.map((row, index) => ({
    text: detectionNote(row.pDetected),
    x: plot.x + plot.width + NOTE_GAP_PX,
    y: baselineFor(middle(index), LABEL_PX, 'middle'),
    sizePx: LABEL_PX,
    fill: CHART_COLORS.muted,
  }));
  const marks = [
    bottomAxis({
      plot,
      position: x,
      ticks: linearTicks(x, TICK_COUNT),
      title: 'minutes from the fault to detection (p10–p90, tick: median)',
      grid: true,
    }),
    group({ class: 'bars', fill: CHART_COLORS.band, 'fill-opacity': 0.8 }, bars),
    group({ class: 'medians', stroke: CHART_COLORS.text, 'stroke-width': 2 }, medians),
    group({ class: 'notes' }, notes.map(textElement)),
    axis,
  ];
  if (reference !== null) {
    const at = x(reference.valueMs / MINUTE_MS);
    marks.push(
      group({ class: 'reference' }, [
        element('line', {
          x1: at,
          y1: plot.y,
          x2: at,
          y2: plot.y + plot.height,
          stroke: CHART_COLORS.fail,
          'stroke-dasharray': '5 3',
        }),
        textElement({
          text: reference.label,
          // Centred on its line, but never past the chart's left edge.
          x: Math.max(at, PADDING_PX + estimateTextWidth(reference.label, SMALL_PX) / 2),
          y: baselineFor(plot.y - 2, SMALL_PX, 'bottom'),
          sizePx: SMALL_PX,
          anchor: 'middle',
          fill: CHART_COLORS.fail,
        }),
      ]),
    );
  }
  const right = Math.max(...notes.map((note) => textBox(note).x + textBox(note).width), plot.x + plot.width);
  return renderChartSvg(
    {
      widthPx: right + PADDING_PX,
      heightPx: plot.y + plot.height + bottomAxisHeight(true) + PADDING_PX,
      body: marks.join(''),
    },
    id,
    input.title,
  );
}
