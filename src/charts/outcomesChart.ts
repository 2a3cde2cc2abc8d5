import type { TopLevelSpec } from 'vega-lite';
import { CHART_COLORS, CHART_CONFIG, CHART_FORMATS } from './chartTheme.js';
import { renderChartSvg } from './renderChartSvg.js';

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

/**
 * The Vega-Lite spec of Monte Carlo outcomes: one horizontal bar per outcome (completed, rolled back by
 * each cause, halted) with its 95% interval as a whisker and the share written at the bar's end.
 */
export function outcomesSpec(input: OutcomesChartInput): TopLevelSpec {
  const labels = input.outcomes.map((outcome) => outcome.label);
  const values = input.outcomes.map((outcome) => ({
    label: outcome.label,
    p: outcome.p,
    low: outcome.ci95[0],
    high: outcome.ci95[1],
    kind: outcome.kind,
  }));
  const y = {
    field: 'label',
    type: 'nominal' as const,
    title: null,
    sort: labels,
    axis: { labelLimit: 420 },
  };
  const x = {
    field: 'p',
    type: 'quantitative' as const,
    title: 'share of runs (95% interval)',
    scale: { domain: [0, 1] },
    axis: { format: CHART_FORMATS.fraction },
  };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    width: 480,
    height: { step: 28 },
    data: { values },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.65 } },
        encoding: {
          y,
          x,
          color: {
            field: 'kind',
            type: 'nominal',
            legend: null,
            scale: {
              domain: ['completed', 'rolled-back', 'halted'],
              range: [CHART_COLORS.pass, CHART_COLORS.fail, CHART_COLORS.inconclusive],
            },
          },
        },
      },
      {
        mark: { type: 'rule', color: CHART_COLORS.text, strokeWidth: 1.5 },
        encoding: { y, x: { ...x, field: 'low' }, x2: { field: 'high' } },
      },
      {
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 11, color: CHART_COLORS.text },
        encoding: {
          y,
          x: { ...x, field: 'high' },
          text: { field: 'p', type: 'quantitative', format: '.1%' },
        },
      },
    ],
  };
  return spec as TopLevelSpec;
}

/** Monte Carlo outcomes with their 95% intervals, as an SVG string (see {@link outcomesSpec}). */
export function outcomesChart(input: OutcomesChartInput, id = 'outcomes'): Promise<string> {
  return renderChartSvg(outcomesSpec(input), id, input.title);
}
