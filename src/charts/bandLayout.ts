import { bandAxis, bandAxisWidth } from './axes.js';
import type { Box } from './box.js';
import { CHART_SPACING_PX } from './chartTheme.js';

/** A chart with one row per category (a bar chart): where its plot is and where each row's middle is. */
export interface BandLayout {
  plot: Box;
  /** The middle of row `row` (0 at the top), px. */
  middle(row: number): number;
  /** The category labels along the plot's left, with its domain line and ticks. */
  axis: string;
}

/**
 * Lays out a bar chart: the category labels (each cut to `limitPx`) in a column at the left, then the
 * plot, `rowPx` a row, from `topPx` down; the plot is `plotWidthPx` wide, or reaches `rightPx`.
 */
export function bandLayout(
  labels: readonly string[],
  options: { topPx: number; rowPx: number; limitPx: number } & (
    | { plotWidthPx: number }
    | { rightPx: number }
  ),
): BandLayout {
  const left = CHART_SPACING_PX.padding + bandAxisWidth(labels, options.limitPx);
  const width = 'plotWidthPx' in options ? options.plotWidthPx : options.rightPx - left;
  const plot = { x: left, y: options.topPx, width, height: options.rowPx * labels.length };
  const middle = (row: number) => plot.y + (row + 0.5) * options.rowPx;
  const bands = labels.map((label, row) => ({ label, middle: middle(row) }));
  return { plot, middle, axis: bandAxis({ plot, bands, limitPx: options.limitPx }) };
}
