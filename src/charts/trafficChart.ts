import { format } from 'd3-format';
import { scaleLinear, scaleSqrt, scaleSymlog } from 'd3-scale';
import { area, line } from 'd3-shape';
import { bottomAxis, bottomAxisHeight, leftAxis, leftAxisWidth, type Tick } from './axes.js';
import type { Box } from './box.js';
import { baselineFor, type ChartText, textBox, textElement } from './chartText.js';
import { CHART_COLORS, CHART_SPACING_PX, CHART_TEXT_PX } from './chartTheme.js';
import { placeLabels } from './placeLabels.js';
import { renderChartSvg } from './renderChartSvg.js';
import { element, group, pathElement } from './svgMarkup.js';

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
const SHARE_TICKS = [0, 0.01, 0.1, 0.25, 0.5, 1];
const PLOT_HEIGHT_PX = 190;
/** Room at the plot's right for half of the last tick's label. */
const RIGHT_PX = 18;
const MARKER_RADIUS_PX = 4.7;
/** A marker's label starts this far right (or ends this far left) of the marker and sits this far above or below it. */
const MARKER_LABEL_DX_PX = 6;
const MARKER_LABEL_DY_PX = 9;
/** Rows of labels: phase names stack downwards, marker labels step outwards, this far apart. */
const LABEL_ROW_PX = 13;
const { padding: PADDING_PX, maxWidth: WIDTH_PX } = CHART_SPACING_PX;
const LABEL_PX = CHART_TEXT_PX.label;
const formatMinutes = format('.0f');
const formatThree = format('.3~');
const formatShare = format('.0%');

/** An offset on the time axis as its label says it: `0`, `45m`, `2h`, `13.3d`. */
function formatHours(hours: number): string {
  if (hours === 0) return '0';
  if (hours < 1) return `${formatMinutes(hours * 60)}m`;
  if (hours < 48) return `${formatThree(hours)}h`;
  return `${formatThree(hours / 24)}d`;
}

/** The steps as the corners of a step line: [hours, share]. */
function corners(steps: readonly TrafficStep[]): Array<[number, number]> {
  return steps.flatMap(
    (step): Array<[number, number]> => [
      [step.fromMs / HOUR_MS, step.share],
      [step.toMs / HOUR_MS, step.share],
    ],
  );
}

/** Each phase's name at the top of the plot just right of its start, moved a row down where it would run into another. */
function phaseNames(input: TrafficChartInput, x: (hours: number) => number, plot: Box): ChartText[] {
  return placeLabels(
    input.phases.map((phase) =>
      [0, 1, 2, 3].map((row) => ({
        text: phase.name,
        x: x(phase.startMs / HOUR_MS) + 3,
        y: baselineFor(plot.y + 2 + row * LABEL_ROW_PX, LABEL_PX, 'top'),
        sizePx: LABEL_PX,
        fill: CHART_COLORS.muted,
        halo: true,
      })),
    ),
    [],
    { ...plot, width: plot.width + RIGHT_PX },
  );
}

/**
 * Each marker's label: above and to the right of its marker, else below, else on its left, else a row
 * or more further out (as far as the plot's height), wherever it clears the phase names, the markers and
 * the labels placed before it.
 */
function markerLabels(
  markers: ReadonlyArray<TrafficMarker & { cx: number; cy: number }>,
  occupied: readonly Box[],
  bounds: Box,
): ChartText[] {
  return placeLabels(
    markers.map((marker) => {
      const at = (side: 1 | -1, rows: number, above: boolean): ChartText => ({
        text: marker.label,
        x: marker.cx + side * MARKER_LABEL_DX_PX,
        y: above
          ? marker.cy - MARKER_LABEL_DY_PX - rows * LABEL_ROW_PX
          : baselineFor(marker.cy + MARKER_LABEL_DY_PX + rows * LABEL_ROW_PX, LABEL_PX, 'top'),
        sizePx: LABEL_PX,
        anchor: side === 1 ? 'start' : 'end',
        weight: 'bold',
        fill: MARKER_COLORS[marker.kind],
        halo: true,
      });
      return Array.from({ length: Math.ceil(PLOT_HEIGHT_PX / LABEL_ROW_PX) }, (_, rows) => rows).flatMap(
        (rows) => [at(1, rows, true), at(1, rows, false), at(-1, rows, true), at(-1, rows, false)],
      );
    }),
    occupied,
    bounds,
  );
}

/**
 * The traffic share over time as an SVG string: as rehearsed (filled) and as planned (dashed), the phases
 * named along the top, each decision marked and labelled. Time is in hours from the rollout start; when
 * the plan spans more than two days the axis is symmetric-log, so a 2 h canary and a 13-day rollout are
 * both legible. The share axis is a square-root scale, so 1%, 10% and 100% steps are all visible.
 */
export function trafficChart(input: TrafficChartInput, id = 'traffic'): string {
  const endMs = Math.max(
    ...input.planned.map((step) => step.toMs),
    ...input.rehearsed.map((step) => step.toMs),
    HOUR_MS,
  );
  const endHours = endMs / HOUR_MS;
  const shareTicks: Tick[] = SHARE_TICKS.map((value) => ({ value, label: formatShare(value) }));
  const left = PADDING_PX + leftAxisWidth(shareTicks, true);
  const plot = {
    x: left,
    y: PADDING_PX,
    width: WIDTH_PX - left - RIGHT_PX - PADDING_PX,
    height: PLOT_HEIGHT_PX,
  };
  const x = (endHours > 48 ? scaleSymlog().constant(1) : scaleLinear())
    .domain([0, endHours])
    .range([plot.x, plot.x + plot.width]);
  const y = scaleSqrt()
    .domain([0, 1])
    .range([plot.y + plot.height, plot.y]);
  const timeTicks = [...new Set([0, ...input.phases.map((phase) => phase.startMs / HOUR_MS), endHours])]
    .sort((a, b) => a - b)
    .map((value) => ({ value, label: formatHours(value) }));
  const stepLine = line<[number, number]>()
    .x(([hours]) => x(hours))
    .y(([, share]) => y(share))
    .digits(2);
  const filled = area<[number, number]>()
    .x(([hours]) => x(hours))
    .y0(y(0))
    .y1(([, share]) => y(share))
    .digits(2);
  const rehearsed = corners(input.rehearsed);
  const markers = input.markers.map((marker) => ({
    ...marker,
    cx: x(marker.atMs / HOUR_MS),
    cy: y(marker.share),
  }));
  const names = phaseNames(input, x, plot);
  const markerBoxes = markers.map((marker) => ({
    x: marker.cx - MARKER_RADIUS_PX,
    y: marker.cy - MARKER_RADIUS_PX,
    width: 2 * MARKER_RADIUS_PX,
    height: 2 * MARKER_RADIUS_PX,
  }));
  const labels = markerLabels(markers, [...names.map((name) => textBox(name)), ...markerBoxes], {
    x: plot.x,
    y: 0,
    width: plot.width + RIGHT_PX,
    height: plot.y + plot.height,
  });
  const body = [
    leftAxis({
      plot,
      position: y,
      ticks: shareTicks,
      title: 'traffic on the candidate',
      grid: true,
      labels: true,
    }),
    bottomAxis({ plot, position: x, ticks: timeTicks, title: 'time since the rollout started', grid: true }),
    group(
      { class: 'phase-starts', stroke: CHART_COLORS.divider },
      input.phases.slice(1).map((phase) => {
        const at = x(phase.startMs / HOUR_MS);
        return element('line', { x1: at, y1: plot.y, x2: at, y2: plot.y + plot.height });
      }),
    ),
    pathElement(filled(rehearsed), {
      class: 'rehearsed-area',
      fill: CHART_COLORS.band,
      'fill-opacity': 0.35,
    }),
    pathElement(stepLine(rehearsed), {
      class: 'rehearsed',
      fill: 'none',
      stroke: CHART_COLORS.candidate,
      'stroke-width': 2,
    }),
    pathElement(stepLine(corners(input.planned)), {
      class: 'planned',
      fill: 'none',
      stroke: CHART_COLORS.planned,
      'stroke-width': 1.5,
      'stroke-dasharray': '4 3',
    }),
    group({ class: 'phase-names' }, names.map(textElement)),
    group(
      { class: 'markers', stroke: 'white' },
      markers.map((marker) =>
        element('circle', {
          cx: marker.cx,
          cy: marker.cy,
          r: MARKER_RADIUS_PX,
          fill: MARKER_COLORS[marker.kind],
        }),
      ),
    ),
    group({ class: 'marker-labels' }, labels.map(textElement)),
  ].join('');
  return renderChartSvg(
    { widthPx: WIDTH_PX, heightPx: plot.y + plot.height + bottomAxisHeight(true) + PADDING_PX, body },
    id,
    input.title,
  );
}
