import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** vega's text measurer (exported at run time by vega-scenegraph, absent from vega's typings). */
interface TextMetrics {
  canvas(use: boolean): void;
}

const { textMetrics } = vega as unknown as { textMetrics: TextMetrics };

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * Gives the SVG's own ids (vega's clip paths and gradients, `clip1`…) a prefix, so that several charts
 * inlined in one HTML page cannot point at each other's definitions.
 */
function namespaceIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_match, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_match, id: string) => `url(#${prefix}-${id})`);
}

/** Renders run one after another: vega's definition ids and text measurer are module state. */
let queue: Promise<unknown> = Promise.resolve();

async function render(spec: TopLevelSpec, id: string, title: string): Promise<string> {
  textMetrics.canvas(false);
  vega.resetSVGDefIds();
  const quiet = vega.logger(vega.Error);
  const view = new vega.View(vega.parse(compile(spec, { logger: quiet }).spec), {
    renderer: 'none',
    logLevel: vega.Error,
  });
  try {
    const svg = namespaceIds(await view.toSVG(), id);
    const label = escapeXml(title);
    return svg
      .replace(/^<svg /, `<svg id="${id}" role="img" aria-label="${label}" `)
      .replace(/^(<svg[^>]*>)/, `$1<title>${label}</title>`);
  } finally {
    view.finalize();
  }
}

/**
 * Renders a Vega-Lite spec to an SVG string in Node, without a browser or a canvas: the spec is compiled
 * to Vega and drawn by vega's headless SVG renderer (`View.toSVG()`). The output is deterministic: text
 * widths are estimated from character counts (never measured with whatever fonts the machine has), and
 * definition ids restart for every chart and carry `id` as a prefix (a page can inline many charts). The
 * chart's `title` becomes the SVG's accessible name (`role="img"`, `<title>`). Renders are serialised, so
 * concurrent calls give the same bytes as sequential ones.
 *
 * @param id a short name unique within the page, letters, digits and `-` (`gate-errorRate`).
 * @example (await renderChartSvg(trafficSpec(input), 'traffic', input.title)).startsWith('<svg') // true
 */
export function renderChartSvg(spec: TopLevelSpec, id: string, title: string): Promise<string> {
  if (!/^[A-Za-z][\w-]*$/.test(id))
    throw new RangeError(`chart id must be letters, digits and -, found ${id}`);
  const result = queue.then(() => render(spec, id, title));
  queue = result.catch(() => undefined);
  return result;
}
