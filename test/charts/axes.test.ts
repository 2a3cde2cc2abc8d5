import { scaleLinear, scaleSymlog } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { thinTickLabels } from '../../src/charts/axes.js';
import { boxesOverlap } from '../../src/charts/box.js';
import { textBox } from '../../src/charts/chartText.js';
import { linearTicks } from '../../src/charts/linearTicks.js';
import { valueExtent } from '../../src/charts/valueExtent.js';

const PLOT = { x: 50, y: 10, width: 600, height: 100 };

describe('linearTicks', () => {
  it('gives d3’s ticks labelled with the format given, each label on its own', () => {
    const scale = scaleLinear().domain([0, 9_300_000]).nice(10);
    const ticks = linearTicks(scale, 10, '$.3~s');
    expect(ticks.map((tick) => tick.value)).toEqual(scale.ticks(10));
    expect(ticks.slice(0, 3).map((tick) => tick.label)).toEqual(['$0', '$1M', '$2M']);
  });

  it('gives labels as many decimals as the step needs when no format is given', () => {
    expect(linearTicks(scaleLinear().domain([0, 2]), 4).map((tick) => tick.label)).toEqual([
      '0.0',
      '0.5',
      '1.0',
      '1.5',
      '2.0',
    ]);
  });
});

describe('thinTickLabels', () => {
  it('keeps every label that has room', () => {
    const ticks = [0, 1, 2, 3].map((value) => ({ value, label: String(value) }));
    expect(thinTickLabels(ticks, scaleLinear().domain([0, 3]).range([50, 650]), PLOT)).toEqual(ticks);
  });

  it('drops labels that would run into their neighbours, never the first or the last', () => {
    const hours = [0, 1 / 12, 1 / 6, 0.25, 0.5, 1, 2, 4, 316];
    const ticks = hours.map((value) => ({ value, label: `${Math.round(value * 60)}m` }));
    const position = scaleSymlog().constant(1).domain([0, 316]).range([50, 650]);
    const kept = thinTickLabels(ticks, position, PLOT);
    expect(kept.length).toBeLessThan(ticks.length);
    expect(kept[0]).toBe(ticks[0]);
    expect(kept.at(-1)).toBe(ticks.at(-1));
    const boxes = kept.map((tick) =>
      textBox({ text: tick.label, x: position(tick.value), y: 0, sizePx: 11, anchor: 'middle' }),
    );
    boxes.forEach((box, i) => {
      for (const other of boxes.slice(i + 1)) expect(boxesOverlap(box, other)).toBe(false);
    });
  });
});

describe('valueExtent', () => {
  it.each([
    [
      [0.004, 0.01, 0],
      [0, 0.01],
    ],
    [
      [-3, 5],
      [-3, 5],
    ],
    [
      [5, 5],
      [4.95, 5.05],
    ],
    [[0], [-1, 1]],
  ])('of %j is %j', (values, extent) => {
    const [low, high] = valueExtent(values);
    expect(low).toBeCloseTo(extent[0]!, 12);
    expect(high).toBeCloseTo(extent[1]!, 12);
  });
});
