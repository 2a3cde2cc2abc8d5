import { format } from 'd3-format';
import { scaleLinear } from 'd3-scale';
import { area, line } from 'd3-shape';
import { bottomAxis, bottomAxisHeight, leftAxis, leftAxisWidth } from './axes.js';
import { baselineFor, type ChartText, textElement } from './chartText.js';
import { CHART_COLORS, CHART_FORMATS, CHART_SPACING_PX, CHART_TEXT_PX } from './chartTheme.js';
import { linearTicks } from './linearTicks.js';
import { placeLabels } from './placeLabels.js';
import { renderChartSvg } from './renderChartSvg.js';
import { group, pathElement } from './svgMarkup.js';
import { valueExtent } from './valueExtent.js';

/** Cumulative value by a day, with its 10th–90th percentile band, USD. */
export interface FanPoint {
  day: number;
  valueUsd: number;
  p10Usd: number;
  p90Usd: number;
}

export interface RevenueFanChartInput {
  title: string;
  /** One fan per series (at most two read well: as rehearsed, and the plan on schedule); the first is highlighted. */
  series: Array<{ name: string; points: FanPoint[] }>;
}

const SERIES_COLORS = [CHART_COLORS.candidate, CHART_COLORS.planned];
const PLOT_HEIGHT_PX = 210;
const X_TICKS = 10;
const Y_TICKS = 5;
/** Room at the plot's right for half of the last tick's label. */
const RIGHT_PX = 16;
/** How far a series' end label sits above (or, when that is taken, below) the end of its line. */
const LABEL_OFFSET_PX = 8;
const { padding: PADDING_PX, maxWidth: WIDTH_PX } = CHART_SPACING_PX;
const LABEL_PX = CHART_TEXT_PX.label;
const formatUsd = format(CHART_FORMATS.usd);

/**
 * A revenue projection as a fan, as an SVG string: for each series the p10–p90 band and the mean line of
 * the cumulative value over the horizon (x: days from the rollout start, y: USD), each line named with
 * its final value at its end. The first series is drawn on top, solid; the others dashed.
 */
export function revenueFanChart(input: RevenueFanChartInput, id = 'revenue-fan'): string {
  const points = input.series.flatMap((series) => series.points);
  const lastDay = Math.max(1, ...points.map((point) => point.day));
  const values = [0, ...points.flatMap((point) => [point.p10Usd, point.p90Usd, point.valueUsd])];
  const y = scaleLinear().domain(valueExtent(values)).nice(Y_TICKS);
  const yTicks = linearTicks(y, Y_TICKS, CHART_FORMATS.usd);
  const left = PADDING_PX + leftAxisWidth(yTicks, true);
  const plot = {
    x: left,
    y: PADDING_PX,
    width: WIDTH_PX - left - RIGHT_PX - PADDING_PX,
    height: PLOT_HEIGHT_PX,
  };
  y.range([plot.y + plot.height, plot.y]);
  const x = scaleLinear()
    .domain([0, lastDay])
    .range([plot.x, plot.x + plot.width]);
  const band = area<FanPoint>()
    .x((point) => x(point.day))
    .y0((point) => y(point.p10Usd))
    .y1((point) => y(point.p90Usd))
    .digits(2);
  const mean = line<FanPoint>()
    .x((point) => x(point.day))
    .y((point) => y(point.valueUsd))
    .digits(2);
  const drawn = input.series
    .map((series, index) => ({
      ...series,
      color: SERIES_COLORS[index % SERIES_COLORS.length]!,
      first: index === 0,
    }))
    .filter((series) => series.points.length > 0);
  const bottomUp = [...drawn].reverse();
  const labels = placeLabels(
    drawn.map((series) => {
      const end = series.points.at(-1)!;
      const at = y(end.valueUsd);
      const label = (offset: number): ChartText => ({
        text: `${series.name}: ${formatUsd(end.valueUsd)}`,
        x: x(end.day),
        y: baselineFor(at + offset, LABEL_PX, offset < 0 ? 'bottom' : 'top'),
        sizePx: LABEL_PX,
        anchor: 'end',
        weight: 'bold',
        fill: series.color,
        halo: true,
      });
      return [-LABEL_OFFSET_PX, LABEL_OFFSET_PX, -3 * LABEL_OFFSET_PX, 3 * LABEL_OFFSET_PX].map(label);
    }),
    [],
    { x: 0, y: 0, width: WIDTH_PX, height: plot.y + plot.height },
  );
  const body = [
    leftAxis({
      plot,
      position: y,
      ticks: yTicks,
      title: 'cumulative revenue impact',
      grid: true,
      labels: true,
    }),
    bottomAxis({
      plot,
      position: x,
      ticks: linearTicks(x, X_TICKS),
      title: 'days from the rollout start',
      grid: true,
    }),
    group(
      { class: 'bands', 'fill-opacity': 0.22 },
      bottomUp.map((series) => pathElement(band(series.points), { fill: series.color })),
    ),
    group(
      { class: 'means', fill: 'none', 'stroke-width': 2 },
      bottomUp.map((series) =>
        pathElement(mean(series.points), {
          stroke: series.color,
          'stroke-dasharray': series.first ? undefined : '5 3',
        }),
      ),
    ),
    group({ class: 'names' }, labels.map(textElement)),
  ].join('');
  return renderChartSvg(
    { widthPx: WIDTH_PX, heightPx: plot.y + plot.height + bottomAxisHeight(true) + PADDING_PX, body },
    id,
    input.title,
  );
}
