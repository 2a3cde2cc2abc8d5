import { type Box, boxesOverlap, boxInside } from './box.js';
import { type ChartText, textBox } from './chartText.js';

/** The least room between a placed label and anything else, px. */
const CLEARANCE_PX = 2;

function overlapArea(a: Box, b: Box): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/**
 * Places labels one after another, each at the first of its candidate positions (preferred first) that
 * stays inside `bounds` and clears everything in `occupied` and every label placed before it; a placed
 * label then occupies its box. Where no candidate is free the one that overlaps least is taken, so the
 * caller gives enough candidates (rows further out) for what it draws. Deterministic: same input, same
 * positions.
 *
 * @param candidates per label, the positions to try; the first is what the label would be without others.
 * @param occupied boxes labels must avoid (other text, markers); not changed.
 */
export function placeLabels(
  candidates: ReadonlyArray<readonly ChartText[]>,
  occupied: readonly Box[],
  bounds: Box,
): ChartText[] {
  const taken = [...occupied];
  return candidates.map((options) => {
    const scored = options.map((option) => {
      const box = textBox(option);
      const inside = boxInside(box, bounds);
      const clashes = taken.filter((other) => boxesOverlap(box, other, CLEARANCE_PX));
      const area = clashes.reduce((sum, other) => sum + overlapArea(box, other), 0);
      return { option, box, free: inside && clashes.length === 0, cost: (inside ? 0 : 1e9) + area };
    });
    const chosen =
      scored.find((each) => each.free) ??
      scored.reduce((best, each) => (each.cost < best.cost ? each : best), scored[0]!);
    taken.push(chosen.box);
    return chosen.option;
  });
}
