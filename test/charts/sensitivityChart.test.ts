import { format } from 'd3-format';
import { scaleLinear } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { sensitivityChart } from '../../src/charts/index.js';
import { makeSensitivityInput } from './fixtures.js';
import { elements, groupOf, num, parseSvg } from './parseSvg.js';
import { bottomAxisOf, expectPx, linearPosition } from './readChart.js';

describe('sensitivityChart (tornado)', () => {
  const input = makeSensitivityInput();
  const svg = parseSvg(sensitivityChart(input));
  const axis = bottomAxisOf(svg);
  const values = [0, input.baseUsd, ...input.bars.flatMap((bar) => [bar.lowUsd, bar.highUsd])];
  const scale = scaleLinear()
    .domain([Math.min(...values), Math.max(...values)])
    .nice(10);

  it('has d3’s nice ticks for a domain from zero through every value, in dollars', () => {
    const ticks = scaleLinear().domain(scale.domain()).ticks(10);
    expect(axis.labels.map((label) => label.text)).toEqual(ticks.map(format('$.3~s')));
    ticks.forEach((tick, index) => {
      expectPx(axis.ticks[index]!, linearPosition(axis, scale.domain(), tick), `tick ${tick}`);
    });
  });

  it.each([
    ['bars-low', 'lowUsd'],
    ['bars-high', 'highUsd'],
  ] as const)(
    '%s: each bar runs from the base to the value, its length proportional to the swing',
    (group, end) => {
      const bars = elements(groupOf(svg, group), 'rect');
      const pxPerUsd = (axis.to - axis.from) / (scale.domain()[1]! - scale.domain()[0]!);
      input.bars.forEach((bar, index) => {
        const rect = bars[index]!;
        expectPx(num(rect, 'width'), Math.abs(bar[end] - input.baseUsd) * pxPerUsd, `${bar.label} length`);
        const ends = [num(rect, 'x'), num(rect, 'x') + num(rect, 'width')];
        const expected = [input.baseUsd, bar[end]].map((usd) => linearPosition(axis, scale.domain(), usd));
        expectPx(Math.min(...ends), Math.min(...expected));
        expectPx(Math.max(...ends), Math.max(...expected));
      });
    },
  );

  it('marks the base with a rule and names both ends in a legend', () => {
    const [base] = elements(svg, 'line').filter((line) => line.attributes.class === 'base');
    expectPx(num(base!, 'x1'), linearPosition(axis, scale.domain(), input.baseUsd));
    expect(elements(groupOf(svg, 'legend'), 'text').map((text) => text.text)).toEqual([
      'input at its low end',
      'input at its high end',
    ]);
  });

  it('fits the widest chart the report has room for', () => {
    expect(Number(svg.attributes.width)).toBeLessThanOrEqual(880);
  });
});
