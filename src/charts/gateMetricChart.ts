import type { TopLevelSpec } from 'vega-lite';
import type { Operator, Verdict } from '../gates/index.js';
import { CHART_COLORS, CHART_CONFIG, CHART_FORMATS } from './chartTheme.js';
import { renderChartSvg } from './renderChartSvg.js';

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
  /** Empty when the phase was not reached (the panel then says so). */
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

const PANEL_WIDTH_PX = 190;
const HEIGHT_PX = 130;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

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
 * Counts (incidents ≤ 0) get an explicit axis from 0 to at least 1, so a limit of 0 with values of 0
 * still has a readable axis; other units let the scale fit the limits and the values.
 */
function countDomain(input: GateMetricChartInput): [number, number] | undefined {
  if (input.unit !== 'count') return undefined;
  const values = input.panels.flatMap((panel) => [
    panel.threshold,
    ...panel.points.map((point) => point.observed ?? 0),
  ]);
  return [0, Math.max(1, ...values)];
}

function panelSpec(panel: GateMetricPanel, input: GateMetricChartInput, index: number, widthPx: number) {
  const unit = timeUnit(panel.durationMs);
  const xMax = panel.durationMs / unit.sizeMs;
  const format = CHART_FORMATS[input.unit];
  const floor = panel.op === 'above' || panel.op === 'min';
  const points = panel.points
    .filter((point) => point.observed !== null)
    .map((point) => ({
      x: point.offsetMs / unit.sizeMs,
      y: point.observed,
      label: point.label,
      verdict: point.verdict,
    }));
  const x = {
    field: 'x',
    type: 'quantitative' as const,
    title: unit.title,
    scale: { domain: [0, xMax], nice: false },
    axis: { tickCount: 4 },
  };
  const y = {
    field: 'y',
    type: 'quantitative' as const,
    title: index === 0 ? input.axisTitle : null,
    scale: { zero: !floor, nice: true, domain: countDomain(input) },
    axis:
      index === 0
        ? { format, tickCount: 4, tickMinStep: input.unit === 'count' ? 1 : undefined }
        : { labels: false, ticks: false, domain: false, tickCount: 4 },
  };
  const layers: object[] = [
    {
      data: { values: limitValues(panel.op, panel.threshold).map((value) => ({ y: value })) },
      mark: { type: 'rule', color: CHART_COLORS.limit, strokeDash: [5, 3], strokeWidth: 1.5 },
      encoding: { y },
    },
    {
      data: { values: limitValues(panel.op, panel.threshold).map((value) => ({ y: value, x: xMax })) },
      mark: {
        type: 'text',
        align: 'right',
        baseline: 'bottom',
        dy: -2,
        color: CHART_COLORS.limit,
        fontSize: 10,
      },
      encoding: { x, y, text: { field: 'y', type: 'quantitative', format } },
    },
  ];
  if (points.length > 0) {
    layers.push(
      {
        data: { values: points },
        mark: { type: 'line', color: CHART_COLORS.candidate, strokeWidth: 1.5 },
        encoding: { x, y },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 45, opacity: 1 },
        encoding: {
          x,
          y,
          color: {
            field: 'verdict',
            type: 'nominal',
            scale: {
              domain: ['pass', 'inconclusive', 'fail'],
              range: [CHART_COLORS.pass, CHART_COLORS.inconclusive, CHART_COLORS.fail],
            },
            legend: null,
          },
        },
      },
    );
  } else {
    layers.push({
      data: { values: [{ x: xMax / 2, text: 'not reached' }] },
      mark: { type: 'text', color: CHART_COLORS.muted, fontSize: 12, fontStyle: 'italic', y: HEIGHT_PX / 2 },
      encoding: { x, text: { field: 'text' } },
    });
  }
  return { title: { text: panel.title, fontSize: 12 }, width: widthPx, height: HEIGHT_PX, layer: layers };
}

/**
 * The Vega-Lite spec of a gated metric per checkpoint against its limit, one panel per phase (x: time
 * into the phase over its planned length; y shared, so the phases' limits compare at a glance). Points
 * are coloured by verdict; the dashed line is the limit (two lines for `within`).
 */
export function gateMetricSpec(input: GateMetricChartInput): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    hconcat: input.panels.map((panel, index) => panelSpec(panel, input, index, PANEL_WIDTH_PX)),
    resolve: { scale: { y: 'shared', color: 'shared' } },
    spacing: 16,
  } as TopLevelSpec;
}

/**
 * A gated metric per checkpoint against its limit, by phase, as an SVG string (see {@link gateMetricSpec}).
 *
 * @param id unique within the page (`gate-errorRate`).
 */
export function gateMetricChart(input: GateMetricChartInput, id: string): Promise<string> {
  return renderChartSvg(gateMetricSpec(input), id, input.title);
}
