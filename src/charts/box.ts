/** A rectangle in a chart's coordinates, px: `x`, `y` its top-left corner. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Whether two boxes overlap, counting `marginPx` of clearance around each (boxes that only touch do not
 * overlap at a margin of 0).
 *
 * @example boxesOverlap({ x: 0, y: 0, width: 10, height: 10 }, { x: 10, y: 0, width: 5, height: 5 }) // false
 */
export function boxesOverlap(a: Box, b: Box, marginPx = 0): boolean {
  return (
    a.x < b.x + b.width + marginPx &&
    b.x < a.x + a.width + marginPx &&
    a.y < b.y + b.height + marginPx &&
    b.y < a.y + a.height + marginPx
  );
}

/** Whether `inner` lies wholly inside `outer`. */
export function boxInside(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}
