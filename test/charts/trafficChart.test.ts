import { describe, expect, it } from 'vitest';
import { boxesOverlap, boxInside } from '../../src/charts/box.js';
import { type TrafficChartInput, trafficChart } from '../../src/charts/index.js';
import { DAY_MS, HOUR_MS, makeTrafficInput } from './fixtures.js';
import { elements, groupOf, num, parseSvg, type SvgNode } from './parseSvg.js';
import { bottomAxisOf, expectNoOverlap, expectPx, leftAxisOf, pathPoints, textBoxesOf } from './readChart.js';

const MINUTE_MS = 60_000;

/** Where the chart should put a time and a share, from the drawn axes and the closed forms of the scales. */
function positions(svg: SvgNode, endHours: number, logTime: boolean) {
  const x = bottomAxisOf(svg);
  const y = leftAxisOf(svg);
  // d3's symlog with constant 1 is sign(h)·log1p(|h|), here for h ≥ 0; the share axis is a square root.
  const transform = (hours: number) => (logTime ? Math.log1p(hours) : hours);
  return {
    x: (hours: number) => x.from + (transform(hours) / transform(endHours)) * (x.to - x.from),
    y: (share: number) => y.to - Math.sqrt(share) * (y.to - y.from),
  };
}

/** Eight phases from 5 minutes to 13 days, each advancing to the next: crowded labels at the start. */
function crowded(): TrafficChartInput {
  const lengths = [5, 5, 5, 15, 30, 60, 120].map((minutes) => minutes * MINUTE_MS).concat(13 * DAY_MS);
  const shares = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1];
  let startMs = 0;
  const steps = lengths.map((length, index) => {
    const step = { fromMs: startMs, toMs: startMs + length, share: shares[index]! };
    startMs += length;
    return step;
  });
  return {
    title: 'Crowded',
    rehearsed: steps,
    planned: steps,
    phases: steps.map((step, index) => ({ name: `phase-${index + 1}`, startMs: step.fromMs })),
    markers: steps.slice(0, -1).map((step) => ({
      atMs: step.toMs,
      share: step.share,
      label: `advance at ${Math.round(step.toMs / MINUTE_MS)}m`,
      kind: 'advance' as const,
    })),
  };
}

describe('trafficChart', () => {
  const input = makeTrafficInput();
  const endHours = 6 + 13 * 24;
  const svg = parseSvg(trafficChart(input));
  const at = positions(svg, endHours, true);

  it('puts each decision at its time on a symmetric-log axis (the plan spans 13 days) and its share on a square root', () => {
    const circles = elements(groupOf(svg, 'markers'), 'circle');
    input.markers.forEach((marker, index) => {
      expectPx(num(circles[index]!, 'cx'), at.x(marker.atMs / HOUR_MS), marker.label);
      expectPx(num(circles[index]!, 'cy'), at.y(marker.share), marker.label);
    });
    const labels = elements(groupOf(svg, 'marker-labels'), 'text').map((text) => text.text);
    expect(labels).toEqual(input.markers.map((marker) => marker.label));
  });

  it('ticks time at the rollout start, each phase start and the end, and share at 0, 1, 10, 25, 50 and 100%', () => {
    const x = bottomAxisOf(svg);
    expect(x.labels.map((label) => label.text)).toEqual(['0', '2h', '6h', '13.3d']);
    [0, 2, 6, endHours].forEach((hours, index) => {
      expectPx(x.ticks[index]!, at.x(hours));
    });
    const y = leftAxisOf(svg);
    expect(y.labels.map((label) => label.text)).toEqual(['0%', '1%', '10%', '25%', '50%', '100%']);
    [0, 0.01, 0.1, 0.25, 0.5, 1].forEach((share, index) => {
      expectPx(y.ticks[index]!, at.y(share));
    });
  });

  it('draws the rehearsed and the planned share as step lines through every corner', () => {
    for (const [name, steps] of [
      ['rehearsed', input.rehearsed],
      ['planned', input.planned],
    ] as const) {
      const [path] = elements(svg, 'path').filter((node) => node.attributes.class === name);
      const corners = steps.flatMap((step) => [
        [step.fromMs, step.share],
        [step.toMs, step.share],
      ]);
      const drawn = pathPoints(path!.attributes.d!);
      expect(drawn).toHaveLength(corners.length);
      corners.forEach(([ms, share], index) => {
        expectPx(drawn[index]![0], at.x(ms! / HOUR_MS), `${name} corner ${index}`);
        expectPx(drawn[index]![1], at.y(share!), `${name} corner ${index}`);
      });
    }
  });

  it('uses a linear time axis for a plan within two days', () => {
    const short: TrafficChartInput = {
      ...input,
      rehearsed: [{ fromMs: 0, toMs: 6 * HOUR_MS, share: 0.01 }],
      planned: input.planned.slice(0, 2),
      markers: [input.markers[0]!],
    };
    const chart = parseSvg(trafficChart(short));
    const [circle] = elements(groupOf(chart, 'markers'), 'circle');
    expectPx(num(circle!, 'cx'), positions(chart, 6, false).x(2));
    expect(bottomAxisOf(chart).labels.map((label) => label.text)).toEqual(['0', '2h', '6h']);
  });

  it('keeps a crowded timeline legible: tick labels thinned, names and decisions apart, all inside the chart', () => {
    const chart = parseSvg(trafficChart(crowded()));
    const x = bottomAxisOf(chart);
    expect(x.ticks).toHaveLength(9);
    expect(x.labels.length).toBeLessThan(9);
    expect(x.labels[0]!.text).toBe('0');
    expect(x.labels.at(-1)!.text).toBe('13.2d');
    expectNoOverlap(textBoxesOf(groupOf(chart, 'axis-x')).slice(0, -1), 'time labels');
    const names = textBoxesOf(groupOf(chart, 'phase-names'));
    const decisions = textBoxesOf(groupOf(chart, 'marker-labels'));
    expect(names).toHaveLength(8);
    expect(decisions).toHaveLength(7);
    expectNoOverlap([...names, ...decisions], 'phase names and decision labels');
    const markers = elements(groupOf(chart, 'markers'), 'circle').map((circle) => ({
      x: num(circle, 'cx') - num(circle, 'r'),
      y: num(circle, 'cy') - num(circle, 'r'),
      width: 2 * num(circle, 'r'),
      height: 2 * num(circle, 'r'),
    }));
    for (const label of decisions)
      for (const marker of markers)
        expect(boxesOverlap(label, marker), JSON.stringify([label, marker])).toBe(false);
    const bounds = {
      x: 0,
      y: 0,
      width: Number(chart.attributes.width),
      height: Number(chart.attributes.height),
    };
    for (const box of [...names, ...decisions])
      expect(boxInside(box, bounds), JSON.stringify(box)).toBe(true);
  });
});
