import type { TopLevelSpec } from 'vega-lite';
import { CHART_COLORS, CHART_CONFIG, CHART_FORMATS } from './chartTheme.js';
import { renderChartSvg } from './renderChartSvg.js';

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

/**
 * The Vega-Lite spec of a revenue projection as a fan: for each series the p10–p90 band and the mean
 * line of the cumulative value over the horizon (x: days from the rollout start, y: USD).
 */
export function revenueFanSpec(input: RevenueFanChartInput): TopLevelSpec {
  const values = input.series.flatMap((series) =>
    series.points.map((point) => ({ ...point, series: series.name })),
  );
  const names = input.series.map((series) => series.name);
  const lastDay = Math.max(0, ...values.map((value) => value.day));
  const color = {
    field: 'series',
    type: 'nominal' as const,
    title: null,
    scale: { domain: names, range: names.map((_, index) => SERIES_COLORS[index % SERIES_COLORS.length]) },
    sort: names,
  };
  const x = {
    field: 'day',
    type: 'quantitative' as const,
    title: 'days from the rollout start',
    scale: { nice: false },
  };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    width: 760,
    height: 210,
    data: { values },
    layer: [
      {
        mark: { type: 'area', opacity: 0.22 },
        encoding: {
          x,
          y: {
            field: 'p10Usd',
            type: 'quantitative',
            title: 'cumulative revenue impact',
            axis: { format: CHART_FORMATS.usd },
          },
          y2: { field: 'p90Usd' },
          color: { ...color, legend: null },
        },
      },
      {
        transform: [
          { filter: `datum.day == ${lastDay}` },
          { calculate: `datum.series + ': ' + format(datum.valueUsd, '${CHART_FORMATS.usd}')`, as: 'note' },
        ],
        mark: { type: 'text', align: 'right', dy: -8, fontSize: 11, fontWeight: 600 },
        encoding: {
          x,
          y: { field: 'valueUsd', type: 'quantitative' },
          text: { field: 'note' },
          color: { ...color, legend: null },
        },
      },
      {
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x,
          y: { field: 'valueUsd', type: 'quantitative' },
          color: { ...color, legend: null },
          strokeDash: {
            field: 'series',
            type: 'nominal',
            scale: { domain: names, range: names.map((_, index) => (index === 0 ? [1, 0] : [5, 3])) },
            legend: null,
          },
        },
      },
    ],
  };
  return spec as TopLevelSpec;
}

/** A revenue projection as a p10–p90 fan, as an SVG string (see {@link revenueFanSpec}). */
export function revenueFanChart(input: RevenueFanChartInput, id = 'revenue-fan'): Promise<string> {
  return renderChartSvg(revenueFanSpec(input), id, input.title);
}
