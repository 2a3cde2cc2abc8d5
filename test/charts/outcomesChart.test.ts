import { format } from 'd3-format';
import { scaleLinear } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { CHART_COLORS, outcomesChart } from '../../src/charts/index.js';
import { makeOutcomesInput } from './fixtures.js';
import { elements, groupOf, num, parseSvg } from './parseSvg.js';
import { bottomAxisOf, expectPx, linearPosition } from './readChart.js';

describe('outcomesChart', () => {
  const input = makeOutcomesInput();
  const svg = parseSvg(outcomesChart(input));
  const axis = bottomAxisOf(svg);

  it('has a 0–100% axis with ticks every 10%, labelled as d3-format writes them', () => {
    const ticks = scaleLinear().ticks(10);
    expect(axis.labels.map((label) => label.text)).toEqual(ticks.map(format('.2~%')));
    ticks.forEach((tick, index) => {
      expectPx(axis.ticks[index]!, linearPosition(axis, [0, 1], tick), `tick ${tick}`);
    });
  });

  it('draws each bar from 0 to its share, in the input order, coloured by outcome', () => {
    const bars = elements(groupOf(svg, 'bars'), 'rect');
    expect(bars).toHaveLength(input.outcomes.length);
    input.outcomes.forEach((outcome, index) => {
      const bar = bars[index]!;
      expectPx(num(bar, 'x'), axis.from, `${outcome.label} starts at 0`);
      expectPx(num(bar, 'width'), outcome.p * (axis.to - axis.from), `${outcome.label} length`);
      expect(bar.attributes.fill).toBe(
        { completed: CHART_COLORS.pass, 'rolled-back': CHART_COLORS.fail, halted: CHART_COLORS.inconclusive }[
          outcome.kind
        ],
      );
    });
    const tops = bars.map((bar) => num(bar, 'y'));
    expect([...tops].sort((a, b) => a - b)).toEqual(tops);
  });

  it('spans each whisker over the 95% interval and writes the share just past it', () => {
    const whiskers = elements(groupOf(svg, 'whiskers'), 'line');
    const values = elements(groupOf(svg, 'values'), 'text');
    input.outcomes.forEach((outcome, index) => {
      expectPx(num(whiskers[index]!, 'x1'), linearPosition(axis, [0, 1], outcome.ci95[0]), 'low end');
      expectPx(num(whiskers[index]!, 'x2'), linearPosition(axis, [0, 1], outcome.ci95[1]), 'high end');
      expect(values[index]!.text).toBe(format('.1%')(outcome.p));
      expect(num(values[index]!, 'x')).toBeGreaterThan(num(whiskers[index]!, 'x2'));
    });
  });

  it('names each bar at the left, cutting a name longer than 420 px with an ellipsis', () => {
    const long = 'rolled back: '.padEnd(200, 'x');
    const chart = parseSvg(
      outcomesChart({
        ...input,
        outcomes: [{ ...input.outcomes[0]!, label: long }, ...input.outcomes.slice(1)],
      }),
    );
    const labels = elements(groupOf(chart, 'axis-band'), 'text').map((text) => text.text);
    expect(labels.slice(1)).toEqual(input.outcomes.slice(1).map((outcome) => outcome.label));
    expect(labels[0]).toMatch(/^rolled back: x+…$/);
    expect(labels[0]!.length).toBeLessThan(long.length);
    expect(Number(chart.attributes.width)).toBeLessThan(1000);
  });
});
