import { CHART_FONT } from './chartTheme.js';
import { element, escapeXml } from './svgMarkup.js';

/** What a chart drew: its size and its marks as SVG markup. */
export interface ChartDrawing {
  widthPx: number;
  heightPx: number;
  body: string;
}

/**
 * A drawing as a self-contained SVG string, ready to inline in an HTML page: the chart's `title` is its
 * accessible name (`role="img"`, `aria-label` and `<title>`), its `id` identifies it in the page, and the
 * size is whole pixels. A chart prefixes any id of its own with `id` (`traffic-…`), so several charts in
 * one page cannot point at each other's definitions.
 *
 * @param id a short name unique within the page, letters, digits and `-` (`gate-errorRate`).
 * @example renderChartSvg({ widthPx: 200, heightPx: 100, body: '' }, 'traffic', 'Traffic').startsWith('<svg id="traffic" role="img"') // true
 */
export function renderChartSvg(drawing: ChartDrawing, id: string, title: string): string {
  if (!/^[A-Za-z][\w-]*$/.test(id))
    throw new RangeError(`chart id must be letters, digits and -, found ${id}`);
  const width = Math.ceil(drawing.widthPx);
  const height = Math.ceil(drawing.heightPx);
  return element(
    'svg',
    {
      id,
      role: 'img',
      'aria-label': title,
      xmlns: 'http://www.w3.org/2000/svg',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      'font-family': CHART_FONT,
    },
    `<title>${escapeXml(title)}</title>${drawing.body}`,
  );
}
