import { baselineFor, textElement } from './chartText.js';
import { CHART_COLORS, CHART_TEXT_PX } from './chartTheme.js';
import { estimateTextWidth } from './estimateTextWidth.js';
import { element, group } from './svgMarkup.js';

/** One entry of a legend: a colour swatch and what it stands for. */
export interface LegendEntry {
  label: string;
  color: string;
}

const SWATCH_PX = 10;
const LABEL_PX = CHART_TEXT_PX.label;
/** Between a swatch and its label, and between one entry and the next. */
const SWATCH_GAP_PX = 5;
const ENTRY_GAP_PX = 24;

/** The height of a legend's row, px. */
export const LEGEND_HEIGHT_PX = 14;

/** A one-row legend with its top-left corner at (x, y): swatch, label, swatch, label … */
export function legend(entries: readonly LegendEntry[], x: number, y: number): string {
  const middle = y + LEGEND_HEIGHT_PX / 2;
  let cursor = x;
  const items = entries.map((entry) => {
    const markup =
      element('rect', {
        x: cursor,
        y: middle - SWATCH_PX / 2,
        width: SWATCH_PX,
        height: SWATCH_PX,
        fill: entry.color,
      }) +
      textElement({
        text: entry.label,
        x: cursor + SWATCH_PX + SWATCH_GAP_PX,
        y: baselineFor(middle, LABEL_PX, 'middle'),
        sizePx: LABEL_PX,
        fill: CHART_COLORS.text,
      });
    cursor += SWATCH_PX + SWATCH_GAP_PX + estimateTextWidth(entry.label, LABEL_PX) + ENTRY_GAP_PX;
    return markup;
  });
  return group({ class: 'legend' }, items);
}
