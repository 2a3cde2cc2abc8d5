/** An element of a chart's SVG, as the tests read it back. */
export interface SvgNode {
  name: string;
  attributes: Record<string, string>;
  children: SvgNode[];
  /** The element's own text, entities decoded (a `<text>` label's content). */
  text: string;
}

function decode(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_match, code: string) => String.fromCharCode(Number(code)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/**
 * Parses the markup the chart renderer writes (elements, attributes in double quotes, text, numeric
 * entities; no comments, CDATA or processing instructions) into a tree, and fails on anything else, such
 * as an unclosed or mismatched element: a chart whose markup does not parse fails its test.
 */
export function parseSvg(markup: string): SvgNode {
  const root: SvgNode = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null = tag.exec(markup);
  let consumed = 0;
  while (match !== null) {
    consumed = tag.lastIndex;
    const [, closing, name, attributeText, selfClosing, text] = match;
    const parent = stack.at(-1)!;
    if (text !== undefined) {
      parent.text += decode(text);
    } else if (closing) {
      if (parent.name !== name) throw new Error(`</${name}> closes <${parent.name}>`);
      stack.pop();
    } else {
      const attributes: Record<string, string> = {};
      for (const [, key, value] of (attributeText ?? '').matchAll(/([\w:-]+)="([^"]*)"/g))
        attributes[key!] = decode(value!);
      const node: SvgNode = { name: name!, attributes, children: [], text: '' };
      parent.children.push(node);
      if (!selfClosing) stack.push(node);
    }
    match = tag.exec(markup);
  }
  if (consumed !== markup.length)
    throw new Error(`unparsed markup at ${consumed}: ${markup.slice(consumed, consumed + 40)}`);
  if (stack.length !== 1) throw new Error(`<${stack.at(-1)!.name}> is not closed`);
  if (root.children.length !== 1) throw new Error('expected one root element');
  return root.children[0]!;
}

/** Every element under `node` (depth first, itself included) that matches. */
export function findAll(node: SvgNode, test: (candidate: SvgNode) => boolean): SvgNode[] {
  return [...(test(node) ? [node] : []), ...node.children.flatMap((child) => findAll(child, test))];
}

/** The one group with `class`; throws when there is none or more than one. */
export function groupOf(node: SvgNode, className: string): SvgNode {
  const found = findAll(node, (candidate) => candidate.attributes.class === className);
  if (found.length !== 1)
    throw new Error(`expected one element of class ${className}, found ${found.length}`);
  return found[0]!;
}

/** The elements called `name` under `node`. */
export function elements(node: SvgNode, name: string): SvgNode[] {
  return findAll(node, (candidate) => candidate.name === name);
}

/** A numeric attribute. */
export function num(node: SvgNode, attribute: string): number {
  const value = Number(node.attributes[attribute]);
  if (!Number.isFinite(value)) throw new Error(`${node.name} has no numeric ${attribute}`);
  return value;
}
