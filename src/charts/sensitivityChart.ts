import type { TopLevelSpec } from 'vega-lite';
import { CHART_COLORS, CHART_CONFIG, CHART_FORMATS } from './chartTheme.js';
import { renderChartSvg } from './renderChartSvg.js';

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

/**
 * The Vega-Lite spec of a tornado chart: for each input a bar from the base value to the value with the
 * input at its low end (orange) and one to its high end (blue); the longest bars are the inputs that
 * matter most.
 */
export function sensitivitySpec(input: SensitivityChartInput): TopLevelSpec {
  const labels = input.bars.map((bar) => bar.label);
  const values = input.bars.flatMap((bar) => [
    { label: bar.label, end: 'input at its low end', fromUsd: input.baseUsd, toUsd: bar.lowUsd },
    { label: bar.label, end: 'input at its high end', fromUsd: input.baseUsd, toUsd: bar.highUsd },
  ]);
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    width: 520,
    height: { step: 26 },
    layer: [
      {
        data: { values },
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: {
          y: {
            field: 'label',
            type: 'nominal',
            title: null,
            sort: labels,
            axis: { labelLimit: 420, labelFontSize: 11 },
          },
          x: {
            field: 'fromUsd',
            type: 'quantitative',
            title: 'net value over the horizon',
            axis: { format: CHART_FORMATS.usd },
          },
          x2: { field: 'toUsd' },
          color: {
            field: 'end',
            type: 'nominal',
            title: null,
            legend: { labelLimit: 400 },
            scale: {
              domain: ['input at its low end', 'input at its high end'],
              range: ['#fb8f44', CHART_COLORS.candidate],
            },
          },
        },
      },
      {
        data: { values: [{ baseUsd: input.baseUsd }] },
        mark: { type: 'rule', color: CHART_COLORS.text, strokeWidth: 1 },
        encoding: { x: { field: 'baseUsd', type: 'quantitative' } },
      },
    ],
  };
  return spec as TopLevelSpec;
}

/** A tornado chart of the projection's sensitivity to each input, as an SVG string (see {@link sensitivitySpec}). */
export function sensitivityChart(input: SensitivityChartInput, id = 'sensitivity'): Promise<string> {
  return renderChartSvg(sensitivitySpec(input), id, input.title);
}
