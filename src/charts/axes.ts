import { type Box, boxesOverlap } from './box.js';
import { baselineFor, type ChartText, textBox, textElement } from './chartText.js';
import { CHART_COLORS, CHART_SPACING_PX, CHART_TEXT_PX } from './chartTheme.js';
import { estimateTextWidth, truncateText } from './estimateTextWidth.js';
import { element, group } from './svgMarkup.js';

/** A tick of an axis: where it goes (in the data's unit) and what its label says. */
export interface Tick {
  value: number;
  label: string;
}

/** Where a value of the data goes along an axis, px. */
export type Position = (value: number) => number;

const LABEL_PX = CHART_TEXT_PX.label;
const { tick: TICK_PX, gap: GAP_PX } = CHART_SPACING_PX;
/** Between the tick labels and the axis' title. */
const TITLE_GAP_PX = 6;
/** The least room between two neighbouring tick labels. */
const LABEL_CLEARANCE_PX = 4;

/** Height a bottom axis takes under its plot, px: ticks, labels and, when it has one, its title. */
export function bottomAxisHeight(hasTitle: boolean): number {
  return TICK_PX + GAP_PX + LABEL_PX + (hasTitle ? TITLE_GAP_PX + LABEL_PX : 0);
}

/** Width a left axis takes beside its plot, px: ticks, the widest label and, when it has one, its title. */
export function leftAxisWidth(ticks: readonly Tick[], hasTitle: boolean): number {
  const widest = Math.max(0, ...ticks.map((tick) => estimateTextWidth(tick.label, LABEL_PX)));
  return TICK_PX + GAP_PX + widest + (hasTitle ? TITLE_GAP_PX + LABEL_PX : 0);
}

function tickLabel(tick: Tick, x: number, plot: Box): ChartText {
  const y = baselineFor(plot.y + plot.height + TICK_PX + GAP_PX, LABEL_PX, 'top');
  return { text: tick.label, x, y, sizePx: LABEL_PX, anchor: 'middle', fill: CHART_COLORS.muted };
}

/**
 * The ticks of a bottom axis whose labels can be written side by side: the first and the last always,
 * any other only where its label clears both the last one kept and the final one (as Vega's
 * `labelOverlap` does, so a 13-day axis with phases at 2 h and 6 h does not print `2h6h`).
 */
export function thinTickLabels(ticks: readonly Tick[], position: Position, plot: Box): Tick[] {
  if (ticks.length <= 1) return [...ticks];
  const boxOf = (tick: Tick) => textBox(tickLabel(tick, position(tick.value), plot));
  const last = ticks.at(-1)!;
  const lastBox = boxOf(last);
  const kept = [ticks[0]!];
  for (const tick of ticks.slice(1, -1)) {
    const box = boxOf(tick);
    if (
      !boxesOverlap(box, boxOf(kept.at(-1)!), LABEL_CLEARANCE_PX) &&
      !boxesOverlap(box, lastBox, LABEL_CLEARANCE_PX)
    )
      kept.push(tick);
  }
  if (!boxesOverlap(boxOf(kept.at(-1)!), lastBox, LABEL_CLEARANCE_PX)) kept.push(last);
  return kept;
}

/** Lines across the plot at each tick: vertical for a bottom axis, horizontal for a left one. */
function gridLines(ticks: readonly Tick[], position: Position, plot: Box, side: 'bottom' | 'left'): string {
  return group(
    { class: 'grid', stroke: CHART_COLORS.grid },
    ticks.map((tick) => {
      const at = position(tick.value);
      return side === 'bottom'
        ? element('line', { x1: at, y1: plot.y, x2: at, y2: plot.y + plot.height })
        : element('line', { x1: plot.x, y1: at, x2: plot.x + plot.width, y2: at });
    }),
  );
}

/** An axis along the bottom of `plot`: optional grid, the domain line, ticks, labels (thinned) and title. */
export function bottomAxis(options: {
  plot: Box;
  position: Position;
  ticks: readonly Tick[];
  title: string | null;
  grid: boolean;
}): string {
  const { plot, position, ticks, title } = options;
  const bottom = plot.y + plot.height;
  const marks = [
    element('line', { x1: plot.x, y1: bottom, x2: plot.x + plot.width, y2: bottom }),
    ...ticks.map((tick) => {
      const at = position(tick.value);
      return element('line', { x1: at, y1: bottom, x2: at, y2: bottom + TICK_PX });
    }),
  ];
  const labels = thinTickLabels(ticks, position, plot).map((tick) =>
    textElement(tickLabel(tick, position(tick.value), plot)),
  );
  const titleText =
    title === null
      ? []
      : [
          textElement({
            text: title,
            x: plot.x + plot.width / 2,
            y: baselineFor(bottom + bottomAxisHeight(false) + TITLE_GAP_PX, LABEL_PX, 'top'),
            sizePx: LABEL_PX,
            anchor: 'middle',
            fill: CHART_COLORS.muted,
          }),
        ];
  return group({ class: 'axis-x' }, [
    options.grid ? gridLines(ticks, position, plot, 'bottom') : '',
    group({ class: 'ticks', stroke: CHART_COLORS.axis }, marks),
    group({ class: 'labels' }, labels),
    group({ class: 'title' }, titleText),
  ]);
}

/**
 * An axis along the left of `plot`: optional grid, and unless `labels` is false (a panel beside the
 * first, sharing its scale) the domain line, ticks, labels and title.
 */
export function leftAxis(options: {
  plot: Box;
  position: Position;
  ticks: readonly Tick[];
  title: string | null;
  grid: boolean;
  labels: boolean;
}): string {
  const { plot, position, ticks, title } = options;
  const children = [options.grid ? gridLines(ticks, position, plot, 'left') : ''];
  if (options.labels) {
    children.push(
      group({ class: 'ticks', stroke: CHART_COLORS.axis }, [
        element('line', { x1: plot.x, y1: plot.y, x2: plot.x, y2: plot.y + plot.height }),
        ...ticks.map((tick) => {
          const at = position(tick.value);
          return element('line', { x1: plot.x - TICK_PX, y1: at, x2: plot.x, y2: at });
        }),
      ]),
      group(
        { class: 'labels' },
        ticks.map((tick) =>
          textElement({
            text: tick.label,
            x: plot.x - TICK_PX - GAP_PX,
            y: baselineFor(position(tick.value), LABEL_PX, 'middle'),
            sizePx: LABEL_PX,
            anchor: 'end',
            fill: CHART_COLORS.muted,
          }),
        ),
      ),
    );
    if (title !== null) {
      children.push(
        group({ class: 'title' }, [
          textElement({
            text: title,
            // Turned upwards, the text rises to the left of its baseline: its top is the axis' outer edge.
            x: baselineFor(plot.x - leftAxisWidth(ticks, true), LABEL_PX, 'top'),
            y: plot.y + plot.height / 2,
            sizePx: LABEL_PX,
            anchor: 'middle',
            fill: CHART_COLORS.muted,
            vertical: true,
          }),
        ]),
      );
    }
  }
  return group({ class: 'axis-y' }, children);
}

/** A category on a band axis: its label and the middle of its band, px. */
export interface BandLabel {
  label: string;
  middle: number;
}

/** Width the labels of a band axis take beside the plot, each cut to `limitPx`. */
export function bandAxisWidth(labels: readonly string[], limitPx: number): number {
  const widest = Math.max(
    0,
    ...labels.map((label) => estimateTextWidth(truncateText(label, limitPx, LABEL_PX), LABEL_PX)),
  );
  return TICK_PX + GAP_PX + widest;
}

/** Category labels along the left of `plot` (bar charts), each cut to `limitPx`, with the domain line and ticks. */
export function bandAxis(options: { plot: Box; bands: readonly BandLabel[]; limitPx: number }): string {
  const { plot, bands } = options;
  return group({ class: 'axis-band' }, [
    group({ class: 'ticks', stroke: CHART_COLORS.axis }, [
      element('line', { x1: plot.x, y1: plot.y, x2: plot.x, y2: plot.y + plot.height }),
      ...bands.map((band) =>
        element('line', { x1: plot.x - TICK_PX, y1: band.middle, x2: plot.x, y2: band.middle }),
      ),
    ]),
    group(
      { class: 'labels' },
      bands.map((band) =>
        textElement({
          text: truncateText(band.label, options.limitPx, LABEL_PX),
          x: plot.x - TICK_PX - GAP_PX,
          y: baselineFor(band.middle, LABEL_PX, 'middle'),
          sizePx: LABEL_PX,
          anchor: 'end',
          fill: CHART_COLORS.muted,
        }),
      ),
    ),
  ]);
}
