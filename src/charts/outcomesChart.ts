import { format } from 'd3-format';
import { scaleLinear } from 'd3-scale';
import { bottomAxis, bottomAxisHeight } from './axes.js';
import { bandLayout } from './bandLayout.js';
import { baselineFor, textBox, textElement } from './chartText.js';
import { CHART_COLORS, CHART_FORMATS, CHART_SPACING_PX, CHART_TEXT_PX } from './chartTheme.js';
import { estimateTextWidth } from './estimateTextWidth.js';
import { linearTicks } from './linearTicks.js';
import { renderChartSvg } from './renderChartSvg.js';
import { element, group } from './svgMarkup.js';

/** One outcome of a Monte Carlo and how often it happened, with its 95% interval. */
export interface OutcomeShare {
  /** `completed`, `rolled back: errorRate guard`, … */
  label: string;
  /** Share of runs, 0 to 1. */
  p: number;
  ci95: [number, number];
  /** Colours the bar: good, bad, or undecided. */
  kind: 'completed' | 'rolled-back' | 'halted';
}

export interface OutcomesChartInput {
  title: string;
  /** In the order to draw them, top first. */
  outcomes: OutcomeShare[];
}

const KIND_COLORS: Record<OutcomeShare['kind'], string> = {
  completed: CHART_COLORS.pass,
  'rolled-back': CHART_COLORS.fail,
  halted: CHART_COLORS.inconclusive,
};
const PLOT_WIDTH_PX = 480;
const ROW_PX = 28;
/** Of a row, the share its bar fills. */
const BAR_SHARE = 0.65;
const LABEL_LIMIT_PX = 420;
const { padding: PADDING_PX } = CHART_SPACING_PX;
const LABEL_PX = CHART_TEXT_PX.label;
const formatShare = format('.1%');

/**
 * Monte Carlo outcomes as an SVG string: one horizontal bar per outcome (completed, rolled back by each
 * cause, halted) on a 0–100% axis, its 95% interval as a whisker and the share written past the
 * whisker's end.
 */
export function outcomesChart(input: OutcomesChartInput, id = 'outcomes'): string {
  const { plot, middle, axis } = bandLayout(
    input.outcomes.map((outcome) => outcome.label),
    { topPx: PADDING_PX, rowPx: ROW_PX, limitPx: LABEL_LIMIT_PX, plotWidthPx: PLOT_WIDTH_PX },
  );
  const x = scaleLinear()
    .domain([0, 1])
    .range([plot.x, plot.x + plot.width]);
  const barHeight = ROW_PX * BAR_SHARE;
  const bars = input.outcomes.map((outcome, row) =>
    element('rect', {
      x: x(0),
      y: middle(row) - barHeight / 2,
      width: x(outcome.p) - x(0),
      height: barHeight,
      fill: KIND_COLORS[outcome.kind],
    }),
  );
  const whiskers = input.outcomes.map((outcome, row) =>
    element('line', { x1: x(outcome.ci95[0]), y1: middle(row), x2: x(outcome.ci95[1]), y2: middle(row) }),
  );
  const values = input.outcomes.map((outcome, row) => ({
    text: formatShare(outcome.p),
    x: x(outcome.ci95[1]) + 6,
    y: baselineFor(middle(row), LABEL_PX, 'middle'),
    sizePx: LABEL_PX,
  }));
  const ticks = linearTicks(x, 10, CHART_FORMATS.fraction);
  const right = Math.max(
    // The last tick's label (100%) is centred on the plot's right edge.
    plot.x + plot.width + estimateTextWidth(ticks.at(-1)!.label, LABEL_PX) / 2,
    ...values.map((value) => textBox(value).x + textBox(value).width),
  );
  const body = [
    bottomAxis({
      plot,
      position: x,
      ticks,
      title: 'share of runs (95% interval)',
      grid: true,
    }),
    group({ class: 'bars' }, bars),
    group({ class: 'whiskers', stroke: CHART_COLORS.text, 'stroke-width': 1.5 }, whiskers),
    group({ class: 'values' }, values.map(textElement)),
    axis,
  ].join('');
  return renderChartSvg(
    {
      widthPx: right + PADDING_PX,
      heightPx: plot.y + plot.height + bottomAxisHeight(true) + PADDING_PX,
      body,
    },
    id,
    input.title,
  );
}
