import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Box, boxesOverlap, boxInside } from '../../src/charts/box.js';
import { type ChartText, textBox } from '../../src/charts/chartText.js';
import { placeLabels } from '../../src/charts/placeLabels.js';

const BOUNDS: Box = { x: 0, y: 0, width: 400, height: 300 };

function label(text: string, x: number, y: number): ChartText {
  return { text, x, y, sizePx: 11 };
}

describe('boxesOverlap and boxInside', () => {
  const a = { x: 0, y: 0, width: 10, height: 10 };
  it.each([
    ['apart', { x: 20, y: 0, width: 5, height: 5 }, 0, false],
    ['touching', { x: 10, y: 0, width: 5, height: 5 }, 0, false],
    ['touching, within a margin', { x: 10, y: 0, width: 5, height: 5 }, 1, true],
    ['crossing', { x: 5, y: 5, width: 10, height: 10 }, 0, true],
    ['inside', { x: 2, y: 2, width: 2, height: 2 }, 0, true],
    ['below', { x: 0, y: 11, width: 10, height: 10 }, 0, false],
  ])('%s', (_name, b, margin, expected) => {
    expect(boxesOverlap(a, b, margin)).toBe(expected);
    expect(boxesOverlap(b, a, margin)).toBe(expected);
  });

  it('tells a box inside another from one crossing its edge', () => {
    expect(boxInside({ x: 1, y: 1, width: 8, height: 8 }, a)).toBe(true);
    expect(boxInside(a, a)).toBe(true);
    expect(boxInside({ x: 5, y: 1, width: 8, height: 8 }, a)).toBe(false);
  });
});

describe('placeLabels', () => {
  it('takes the first candidate when it is free', () => {
    const first = label('advance at 2h', 10, 20);
    expect(placeLabels([[first, label('advance at 2h', 10, 60)]], [], BOUNDS)).toEqual([first]);
  });

  it('moves on from a candidate that crosses something occupied, or the bounds', () => {
    const blocked = label('rollback', 10, 20);
    const outside = label('rollback', 390, 60);
    const free = label('rollback', 10, 60);
    expect(placeLabels([[blocked, outside, free]], [textBox(blocked)], BOUNDS)).toEqual([free]);
  });

  it('keeps a later label off an earlier one', () => {
    const [first, second] = placeLabels(
      [[label('canary', 10, 20)], [label('ramp', 20, 20), label('ramp', 20, 33)]],
      [],
      BOUNDS,
    );
    expect(second).toEqual(label('ramp', 20, 33));
    expect(boxesOverlap(textBox(first!), textBox(second!))).toBe(false);
  });

  it('takes the candidate that overlaps least when none is free', () => {
    const wall = { x: 0, y: 0, width: 400, height: 100 };
    const deep = label('x', 10, 50);
    const shallow = label('x', 10, 100);
    expect(placeLabels([[deep, shallow]], [wall], BOUNDS)).toEqual([shallow]);
  });

  it('never overlaps two labels when each has as many rows to choose from as there are labels', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.integer({ min: 0, max: 300 }),
            text: fc.string({ minLength: 1, maxLength: 12 }),
          }),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        (wanted) => {
          // Rows 15 px apart: an 11 px label with 2 px of clearance blocks at most one row of another.
          const placed = placeLabels(
            wanted.map(({ x, text }) =>
              wanted.map((_, row) => label(text.replace(/\s/g, 'x'), x, 20 + 15 * row)),
            ),
            [],
            { x: 0, y: 0, width: 2000, height: 1000 },
          );
          const boxes = placed.map(textBox);
          boxes.forEach((box, i) => {
            for (const other of boxes.slice(i + 1)) expect(boxesOverlap(box, other)).toBe(false);
          });
        },
      ),
    );
  });
});
