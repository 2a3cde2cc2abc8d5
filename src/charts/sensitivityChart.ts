import { scaleLinear } from 'd3-scale';
import { bottomAxis, bottomAxisHeight } from './axes.js';
import { bandLayout } from './bandLayout.js';
import { CHART_COLORS, CHART_FORMATS, CHART_SPACING_PX } from './chartTheme.js';
import { LEGEND_HEIGHT_PX, legend } from './legend.js';
import { linearTicks } from './linearTicks.js';
import { renderChartSvg } from './renderChartSvg.js';
import { element, group } from './svgMarkup.js';
import { valueExtent } from './valueExtent.js';

/** One input of a tornado chart: the output with the input at the low and at the high end of its interval. */
export interface TornadoInput {
  /** The input's name, with its interval if the caller likes (`revenueUplift 3.4%–8.2%`). */
  label: string;
  lowUsd: number;
  highUsd: number;
}

export interface SensitivityChartInput {
  title: string;
  /** The output with every input at its base, USD: the bars start there. */
  baseUsd: number;
  /** In the order to draw them, top first (largest swing first, as a tornado). */
  bars: TornadoInput[];
}

const ROW_PX = 26;
/** Of a row, the share its bars fill. */
const BAR_SHARE = 0.7;
const LABEL_LIMIT_PX = 420;
const TICK_COUNT = 10;
/** Room at the plot's right for half of the last tick's label. */
const RIGHT_PX = 24;
const LEGEND_GAP_PX = 10;
const { padding: PADDING_PX, maxWidth: WIDTH_PX } = CHART_SPACING_PX;
const ENDS = [
  { label: 'input at its low end', color: CHART_COLORS.low },
  { label: 'input at its high end', color: CHART_COLORS.candidate },
] as const;

/**
 * A tornado chart of a projection's sensitivity as an SVG string: for each input a bar from the base
 * value to the value with the input at its low end (orange) and one to its high end (blue), on an axis
 * from zero; the longest bars are the inputs that matter most. The base is a black rule.
 */
export function sensitivityChart(input: SensitivityChartInput, id = 'sensitivity'): string {
  const { plot, middle, axis } = bandLayout(
    input.bars.map((bar) => bar.label),
    { topPx: PADDING_PX, rowPx: ROW_PX, limitPx: LABEL_LIMIT_PX, rightPx: WIDTH_PX - RIGHT_PX - PADDING_PX },
  );
  const values = [0, input.baseUsd, ...input.bars.flatMap((bar) => [bar.lowUsd, bar.highUsd])];
  const x = scaleLinear()
    .domain(valueExtent(values))
    .range([plot.x, plot.x + plot.width])
    .nice(TICK_COUNT);
  const barHeight = ROW_PX * BAR_SHARE;
  const barsTo = (end: 'lowUsd' | 'highUsd') =>
    input.bars.map((bar, row) => {
      const [from, to] = [x(input.baseUsd), x(bar[end])];
      return element('rect', {
        x: Math.min(from, to),
        y: middle(row) - barHeight / 2,
        width: Math.abs(to - from),
        height: barHeight,
      });
    });
  const axisBottom = plot.y + plot.height + bottomAxisHeight(true);
  const body = [
    bottomAxis({
      plot,
      position: x,
      ticks: linearTicks(x, TICK_COUNT, CHART_FORMATS.usd),
      title: 'net value over the horizon',
      grid: true,
    }),
    group({ class: 'bars-low', fill: ENDS[0].color }, barsTo('lowUsd')),
    group({ class: 'bars-high', fill: ENDS[1].color }, barsTo('highUsd')),
    element('line', {
      class: 'base',
      x1: x(input.baseUsd),
      y1: plot.y,
      x2: x(input.baseUsd),
      y2: plot.y + plot.height,
      stroke: CHART_COLORS.text,
    }),
    axis,
    legend(ENDS, plot.x, axisBottom + LEGEND_GAP_PX),
  ].join('');
  return renderChartSvg(
    { widthPx: WIDTH_PX, heightPx: axisBottom + LEGEND_GAP_PX + LEGEND_HEIGHT_PX + PADDING_PX, body },
    id,
    input.title,
  );
}
