/** An attribute's value: numbers are written as coordinates (see {@link px}); null and undefined omit it. */
export type AttributeValue = string | number | null | undefined;

/**
 * A coordinate or length as the SVG writes it: rounded to 1/100 px, trailing zeros dropped, never `-0`.
 * Rounding makes the bytes independent of the last bits of the arithmetic that placed a mark.
 *
 * @example px(12.3456) // '12.35'
 */
export function px(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`chart coordinate must be finite, found ${value}`);
  const rounded = Math.round(value * 100) / 100;
  return rounded === 0 ? '0' : String(rounded);
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** `text` safe inside an element or an attribute value. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}

/**
 * One SVG element as markup: attributes in the order given (omitting null and undefined), `content`
 * already markup (escape text with {@link escapeXml}); an element without content closes itself.
 *
 * @example element('rect', { x: 1, y: 2.006, fill: 'red' }) // '<rect x="1" y="2.01" fill="red"/>'
 */
export function element(name: string, attributes: Record<string, AttributeValue>, content = ''): string {
  let markup = `<${name}`;
  for (const [key, value] of Object.entries(attributes)) {
    if (value === null || value === undefined) continue;
    markup += ` ${key}="${typeof value === 'number' ? px(value) : escapeXml(value)}"`;
  }
  return content === '' ? `${markup}/>` : `${markup}>${content}</${name}>`;
}

/** A group of elements sharing attributes (`class`, a colour, a dash pattern); nothing when it is empty. */
export function group(attributes: Record<string, AttributeValue>, children: readonly string[]): string {
  return children.length === 0 ? '' : element('g', attributes, children.join(''));
}

/** A `<path>` of `d` (as a d3-shape generator returns it); nothing when there is no path (no data). */
export function pathElement(d: string | null, attributes: Record<string, AttributeValue>): string {
  return d === null ? '' : element('path', { ...attributes, d });
}
