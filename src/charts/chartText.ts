import type { Box } from './box.js';
import { CHART_COLORS } from './chartTheme.js';
import { estimateTextWidth, type TextWeight } from './estimateTextWidth.js';
import { element, escapeXml, px } from './svgMarkup.js';

/** Where a text's `x` is: its start, middle or end. */
export type TextAnchor = 'start' | 'middle' | 'end';

/** One piece of text of a chart; positions and sizes in px. */
export interface ChartText {
  text: string;
  /** Where the text starts, is centred or ends (see `anchor`). */
  x: number;
  /** The baseline, px (see {@link baselineFor} to place a text by its middle or its top). */
  y: number;
  sizePx: number;
  anchor?: TextAnchor;
  weight?: TextWeight;
  italic?: boolean;
  fill?: string;
  /** Turned a quarter anticlockwise about (x, y), reading upwards (a vertical axis' title). */
  vertical?: boolean;
  /** Outlined in white, so it stays legible where it crosses lines and bands. */
  halo?: boolean;
}

/** A white outline drawn under the glyphs (`paint-order`), not over them. */
const HALO = { stroke: '#fff', 'stroke-width': 3, 'stroke-linejoin': 'round', 'paint-order': 'stroke' };

/** Of a text's size, how far its capitals rise above the baseline and its descenders drop below it. */
const ASCENT = 0.78;
const DESCENT = 0.22;

/**
 * The baseline, px, that puts a text of `sizePx` with its middle (the middle of its capitals), its top
 * or its bottom (its descenders) at `y`.
 */
export function baselineFor(y: number, sizePx: number, align: 'middle' | 'top' | 'bottom'): number {
  if (align === 'top') return y + ASCENT * sizePx;
  if (align === 'bottom') return y - DESCENT * sizePx;
  return y + 0.36 * sizePx;
}

/** The box a (horizontal) text covers, from its estimated width (see `estimateTextWidth`). */
export function textBox(text: ChartText): Box {
  const width = estimateTextWidth(text.text, text.sizePx, text.weight);
  const anchor = text.anchor ?? 'start';
  const x = anchor === 'start' ? text.x : anchor === 'middle' ? text.x - width / 2 : text.x - width;
  return { x, y: text.y - ASCENT * text.sizePx, width, height: (ASCENT + DESCENT) * text.sizePx };
}

/** A text as an SVG `<text>` element, its content escaped. */
export function textElement(text: ChartText): string {
  return element(
    'text',
    {
      x: text.x,
      y: text.y,
      'font-size': text.sizePx,
      'font-weight': text.weight === 'bold' ? 600 : undefined,
      'font-style': text.italic ? 'italic' : undefined,
      'text-anchor': text.anchor === undefined || text.anchor === 'start' ? undefined : text.anchor,
      fill: text.fill ?? CHART_COLORS.text,
      transform: text.vertical ? `rotate(-90 ${px(text.x)} ${px(text.y)})` : undefined,
      ...(text.halo ? HALO : {}),
    },
    escapeXml(text.text),
  );
}
