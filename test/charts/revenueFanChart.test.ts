import { format } from 'd3-format';
import { scaleLinear } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { type FanPoint, revenueFanChart } from '../../src/charts/index.js';
import { makeFanInput } from './fixtures.js';
import { elements, groupOf, parseSvg } from './parseSvg.js';
import {
  bottomAxisOf,
  expectNoOverlap,
  expectPx,
  leftAxisOf,
  linearPosition,
  pathPoints,
  textBoxesOf,
} from './readChart.js';

/** A second series a little behind the first, ending at nearly the same value (labels would collide). */
function twoSeries() {
  const plan = makeFanInput().series[0]!;
  const behind = plan.points.map((point) => ({
    ...point,
    valueUsd: point.valueUsd * 0.98,
    p10Usd: point.p10Usd * 0.98,
  }));
  return { title: 'Two fans', series: [{ name: 'as rehearsed', points: behind }, plan] };
}

describe('revenueFanChart', () => {
  const input = makeFanInput();
  const points = input.series[0]!.points;
  const svg = parseSvg(revenueFanChart(input));
  const x = bottomAxisOf(svg);
  const y = leftAxisOf(svg);
  const usd = [0, ...points.flatMap((point) => [point.p10Usd, point.valueUsd, point.p90Usd])];
  const lastDay = points.at(-1)!.day;
  const yDomain = scaleLinear()
    .domain([Math.min(...usd), Math.max(...usd)])
    .nice(5)
    .domain();

  it('has d3’s nice ticks in dollars on y, and days from 0 to the horizon on x', () => {
    const ticks = scaleLinear().domain(yDomain).ticks(5);
    expect(y.labels.map((label) => label.text)).toEqual(ticks.map(format('$.3~s')));
    // Screen y grows downwards: the domain's low end is the axis' bottom.
    const upwards = { from: y.to, to: y.from };
    ticks.forEach((tick, index) => {
      expectPx(y.ticks[index]!, linearPosition(upwards, yDomain, tick), `y tick ${tick}`);
    });
    expect(x.labels.map((label) => Number(label.text))).toEqual(scaleLinear().domain([0, lastDay]).ticks(10));
  });

  it('draws the band from p10 to p90 around the mean, day by day: y(p10) ≥ y(mean) ≥ y(p90) on screen', () => {
    const band = pathPoints(elements(groupOf(svg, 'bands'), 'path')[0]!.attributes.d!);
    const mean = pathPoints(elements(groupOf(svg, 'means'), 'path')[0]!.attributes.d!);
    expect(band).toHaveLength(2 * points.length);
    expect(mean).toHaveLength(points.length);
    // d3's area runs along p90 from the first day, then back along p10 from the last.
    const p90 = band.slice(0, points.length);
    const p10 = band.slice(points.length).reverse();
    points.forEach((point: FanPoint, index) => {
      const dayX = linearPosition(x, [0, lastDay], point.day);
      for (const [drawn, value] of [
        [p90[index]!, point.p90Usd],
        [mean[index]!, point.valueUsd],
        [p10[index]!, point.p10Usd],
      ] as const) {
        expectPx(drawn[0], dayX, `day ${point.day}`);
        expectPx(
          drawn[1],
          linearPosition({ from: y.to, to: y.from }, yDomain, value),
          `day ${point.day} value`,
        );
      }
      expect(p10[index]![1]).toBeGreaterThanOrEqual(mean[index]![1]);
      expect(mean[index]![1]).toBeGreaterThanOrEqual(p90[index]![1]);
    });
  });

  it('names each line at its end with its final value', () => {
    const names = elements(groupOf(svg, 'names'), 'text');
    expect(names.map((name) => name.text)).toEqual([
      `plan on schedule: ${format('$.3~s')(points.at(-1)!.valueUsd)}`,
    ]);
  });

  it('keeps two series’ end labels apart when their lines end together, the first drawn on top and solid', () => {
    const chart = parseSvg(revenueFanChart(twoSeries()));
    const names = groupOf(chart, 'names');
    expect(elements(names, 'text').map((name) => name.text)).toEqual([
      'as rehearsed: $2.83M',
      'plan on schedule: $2.89M',
    ]);
    expectNoOverlap(textBoxesOf(names), 'end labels');
    const means = elements(groupOf(chart, 'means'), 'path');
    expect(means.map((path) => path.attributes['stroke-dasharray'])).toEqual(['5 3', undefined]);
  });
});
