import { expect } from 'vitest';
import { type Box, boxesOverlap } from '../../src/charts/box.js';
import { type ChartText, textBox } from '../../src/charts/chartText.js';
import { elements, groupOf, num, type SvgNode } from './parseSvg.js';

/** An axis as drawn: where its domain line runs (px) and each tick mark's position with its label, if printed. */
export interface DrawnAxis {
  from: number;
  to: number;
  /** x of a bottom axis' line, y of a left one. */
  at: number;
  ticks: number[];
  labels: Array<{ text: string; position: number }>;
}

/** The axis of `node` (the chart, or one panel of it) along the bottom (`x`: positions are x) or the left (`y`: positions are y, from the top). */
function axisOf(node: SvgNode, side: 'x' | 'y'): DrawnAxis {
  const axis = groupOf(node, `axis-${side}`);
  const [domain, ...ticks] = elements(groupOf(axis, 'ticks'), 'line');
  const along = side;
  const across = side === 'x' ? 'y' : 'x';
  return {
    from: num(domain!, `${along}1`),
    to: num(domain!, `${along}2`),
    at: num(domain!, `${across}1`),
    ticks: ticks.map((tick) => num(tick, `${along}1`)),
    labels: elements(groupOf(axis, 'labels'), 'text').map((text) => ({
      text: text.text,
      position: num(text, along),
    })),
  };
}

/** The bottom axis inside `node`. */
export function bottomAxisOf(node: SvgNode): DrawnAxis {
  return axisOf(node, 'x');
}

/** The left axis inside `node`; positions are y, from the top. */
export function leftAxisOf(node: SvgNode): DrawnAxis {
  return axisOf(node, 'y');
}

/**
 * Where a linear scale from `domain` onto the axis puts `value`, px: computed here from the drawn axis'
 * ends, independently of the chart's own scale.
 */
export function linearPosition(
  axis: { from: number; to: number },
  domain: readonly number[],
  value: number,
): number {
  const [low, high] = [domain[0]!, domain.at(-1)!];
  return axis.from + ((value - low) / (high - low)) * (axis.to - axis.from);
}

/** A `<text>` element back as the chart laid it out, for its estimated box. */
export function chartTextOf(node: SvgNode): ChartText {
  const weight = node.attributes['font-weight'] === undefined ? 'normal' : 'bold';
  return {
    text: node.text,
    x: num(node, 'x'),
    y: num(node, 'y'),
    sizePx: num(node, 'font-size'),
    anchor: (node.attributes['text-anchor'] as ChartText['anchor']) ?? 'start',
    weight,
  };
}

/** The estimated boxes of the texts in `node`. */
export function textBoxesOf(node: SvgNode): Box[] {
  return elements(node, 'text').map((text) => textBox(chartTextOf(text)));
}

/** Expects no two of `boxes` to overlap (touching is fine). */
export function expectNoOverlap(boxes: readonly Box[], what: string): void {
  boxes.forEach((a, i) => {
    boxes.slice(i + 1).forEach((b, j) => {
      expect(boxesOverlap(a, b), `${what} ${i} and ${i + 1 + j} overlap: ${JSON.stringify([a, b])}`).toBe(
        false,
      );
    });
  });
}

/** The points of path data written by d3-shape or the renderer (`M1,2L3,4Z`), as [x, y] pairs. */
export function pathPoints(d: string): Array<[number, number]> {
  const numbers = [...d.matchAll(/-?\d+(?:\.\d+)?/g)].map((match) => Number(match[0]));
  const points: Array<[number, number]> = [];
  for (let i = 0; i + 1 < numbers.length; i += 2) points.push([numbers[i]!, numbers[i + 1]!]);
  return points;
}

/** Expects `actual` within the renderer's rounding (1/100 px, twice) of `expected`. */
export function expectPx(actual: number, expected: number, what = ''): void {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(0.02);
}
