import type { TopLevelSpec } from 'vega-lite';
import { CHART_COLORS, CHART_CONFIG } from './chartTheme.js';
import { renderChartSvg } from './renderChartSvg.js';

/** A span during which a constant share of traffic went to the candidate, ms from the rollout start. */
export interface TrafficStep {
  fromMs: number;
  toMs: number;
  /** Share of traffic on the candidate, 0 to 1. */
  share: number;
}

/** What happened at a moment of the rollout: a phase decision or a guard trip. */
export interface TrafficMarker {
  /** ms from the rollout start. */
  atMs: number;
  /** The traffic share the marker sits on (the share just before the decision). */
  share: number;
  /** What the chart writes next to it, formatted by the caller (`rollback at 2h19m`). */
  label: string;
  kind: 'advance' | 'await-approval' | 'rollback' | 'halt';
}

export interface TrafficChartInput {
  title: string;
  /** The share over time as the rehearsal went. */
  rehearsed: TrafficStep[];
  /** The share over time had every phase run its planned length. */
  planned: TrafficStep[];
  /** Where each phase was planned to begin, for the axis ticks and the phase names along the top. */
  phases: Array<{ name: string; startMs: number }>;
  markers: TrafficMarker[];
}

const HOUR_MS = 3_600_000;
const MARKER_COLORS: Record<TrafficMarker['kind'], string> = {
  advance: CHART_COLORS.pass,
  'await-approval': CHART_COLORS.candidate,
  rollback: CHART_COLORS.fail,
  halt: CHART_COLORS.inconclusive,
};

/** The steps as the corners of a step line, in hours. */
function corners(steps: readonly TrafficStep[]) {
  return steps
    .flatMap((step) => [
      { hours: step.fromMs / HOUR_MS, share: step.share },
      { hours: step.toMs / HOUR_MS, share: step.share },
    ])
    .map((corner, order) => ({ ...corner, order }));
}

/**
 * The Vega-Lite spec of the traffic share over time, as rehearsed (filled) and as planned (dashed), with
 * the decisions marked. Time is in hours from the rollout start; when the plan spans more than two days
 * the axis is symmetric-log, so a 2 h canary and a 13-day rollout are both legible. The share axis is a
 * square-root scale, so 1%, 10% and 100% steps are all visible.
 */
export function trafficSpec(input: TrafficChartInput): TopLevelSpec {
  const endMs = Math.max(
    ...input.planned.map((step) => step.toMs),
    ...input.rehearsed.map((step) => step.toMs),
    HOUR_MS,
  );
  const endHours = endMs / HOUR_MS;
  const logTime = endHours > 48;
  const ticks = [...new Set([0, ...input.phases.map((phase) => phase.startMs / HOUR_MS), endHours])].sort(
    (a, b) => a - b,
  );
  const x = {
    field: 'hours',
    type: 'quantitative' as const,
    title: 'time since the rollout started',
    scale: logTime
      ? { type: 'symlog' as const, constant: 1, domain: [0, endHours], nice: false }
      : { domain: [0, endHours], nice: false },
    axis: {
      values: ticks,
      labelExpr:
        "datum.value == 0 ? '0' : datum.value < 1 ? format(datum.value * 60, '.0f') + 'm' : datum.value < 48 ? format(datum.value, '.3~') + 'h' : format(datum.value / 24, '.3~') + 'd'",
      labelOverlap: true,
    },
  };
  const y = {
    field: 'share',
    type: 'quantitative' as const,
    title: 'traffic on the candidate',
    scale: { type: 'sqrt' as const, domain: [0, 1] },
    axis: { values: [0, 0.01, 0.1, 0.25, 0.5, 1], format: '.0%' },
  };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    width: 760,
    height: 190,
    layer: [
      {
        data: { values: corners(input.rehearsed) },
        mark: {
          type: 'area',
          color: CHART_COLORS.band,
          opacity: 0.35,
          line: { color: CHART_COLORS.candidate, strokeWidth: 2 },
        },
        encoding: { x, y: { ...y, stack: null }, order: { field: 'order', type: 'quantitative' } },
      },
      {
        data: { values: corners(input.planned) },
        mark: { type: 'line', color: CHART_COLORS.planned, strokeDash: [4, 3], strokeWidth: 1.5 },
        encoding: { x, y, order: { field: 'order', type: 'quantitative' } },
      },
      {
        data: { values: input.phases.map((phase) => ({ hours: phase.startMs / HOUR_MS, name: phase.name })) },
        mark: {
          type: 'text',
          align: 'left',
          baseline: 'top',
          dx: 3,
          y: 2,
          color: CHART_COLORS.muted,
          fontSize: 11,
        },
        encoding: { x, text: { field: 'name' } },
      },
      {
        data: { values: input.phases.slice(1).map((phase) => ({ hours: phase.startMs / HOUR_MS })) },
        mark: { type: 'rule', color: CHART_COLORS.grid, strokeWidth: 1 },
        encoding: { x },
      },
      {
        data: {
          values: input.markers.map((marker) => ({
            hours: marker.atMs / HOUR_MS,
            share: marker.share,
            label: marker.label,
            kind: marker.kind,
          })),
        },
        layer: [
          {
            mark: { type: 'point', filled: true, size: 70, opacity: 1, stroke: 'white', strokeWidth: 1 },
            encoding: { x, y, color: markerColor() },
          },
          {
            mark: { type: 'text', align: 'left', dx: 6, dy: -9, fontSize: 11, fontWeight: 600 },
            encoding: { x, y, text: { field: 'label' }, color: markerColor() },
          },
        ],
      },
    ],
  };
  return spec as TopLevelSpec;
}

function markerColor() {
  const kinds = Object.keys(MARKER_COLORS) as Array<TrafficMarker['kind']>;
  return {
    field: 'kind',
    type: 'nominal' as const,
    scale: { domain: kinds, range: kinds.map((kind) => MARKER_COLORS[kind]) },
    legend: null,
  };
}

/** The traffic share over time with the decisions marked, as an SVG string (see {@link trafficSpec}). */
export function trafficChart(input: TrafficChartInput, id = 'traffic'): Promise<string> {
  return renderChartSvg(trafficSpec(input), id, input.title);
}
