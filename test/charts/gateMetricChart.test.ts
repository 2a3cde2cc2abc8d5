import { format } from 'd3-format';
import { scaleLinear } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { CHART_COLORS, type GateMetricChartInput, gateMetricChart } from '../../src/charts/index.js';
import { DAY_MS, HOUR_MS, makeGateInput } from './fixtures.js';
import { elements, findAll, groupOf, num, parseSvg, type SvgNode } from './parseSvg.js';
import {
  bottomAxisOf,
  expectNoOverlap,
  expectPx,
  leftAxisOf,
  linearPosition,
  textBoxesOf,
} from './readChart.js';

function panelsOf(svg: SvgNode): SvgNode[] {
  return findAll(svg, (node) => node.attributes.class === 'panel');
}

/** The nice domain and ticks d3 gives `values` for about 4 ticks. */
function niceOf(values: number[]) {
  const scale = scaleLinear()
    .domain([Math.min(...values), Math.max(...values)])
    .nice(4);
  return { domain: scale.domain(), ticks: scale.ticks(4) };
}

/** The fixture with its panels' conditions replaced. */
function withPanels(
  input: GateMetricChartInput,
  change: (panel: GateMetricChartInput['panels'][number]) => object,
) {
  return { ...input, panels: input.panels.map((panel) => ({ ...panel, ...change(panel) })) };
}

describe('gateMetricChart', () => {
  const input = makeGateInput();
  const svg = parseSvg(gateMetricChart(input, 'gate-errorRate'));
  const panels = panelsOf(svg);
  const y = leftAxisOf(panels[0]!);
  const upwards = { from: y.to, to: y.from };
  const observed = input.panels.flatMap((panel) => panel.points.map((point) => point.observed!));
  const nice = niceOf([0, ...input.panels.map((panel) => panel.threshold), ...observed]);

  it('shares one y axis whose ticks are d3’s nice ticks of 0, the limits and the values', () => {
    expect(y.labels.map((label) => label.text)).toEqual(nice.ticks.map(format('.2~%')));
    nice.ticks.forEach((tick, index) => {
      expectPx(y.ticks[index]!, linearPosition(upwards, nice.domain, tick));
    });
    expect(
      findAll(panels[1]!, (node) => node.attributes.class === 'labels' && node.name === 'g'),
    ).toHaveLength(1);
  });

  it('puts each checkpoint at its offset over the phase’s planned length and its value, coloured by verdict', () => {
    input.panels.forEach((panel, index) => {
      const x = bottomAxisOf(panels[index]!);
      const hours = panel.durationMs / HOUR_MS;
      const unit = hours <= 48 ? 1 : 24;
      const circles = panel.points.length === 0 ? [] : elements(groupOf(panels[index]!, 'points'), 'circle');
      expect(circles).toHaveLength(panel.points.length);
      panel.points.forEach((point, p) => {
        expectPx(
          num(circles[p]!, 'cx'),
          linearPosition(x, [0, hours / unit], point.offsetMs / HOUR_MS / unit),
        );
        expectPx(num(circles[p]!, 'cy'), linearPosition(upwards, nice.domain, point.observed!));
        expect(circles[p]!.attributes.fill).toBe(CHART_COLORS[point.verdict]);
      });
    });
  });

  it('draws the limit at its value in every panel, labelled with it, and says so where a phase was not reached', () => {
    input.panels.forEach((panel, index) => {
      const [limit] = elements(groupOf(panels[index]!, 'limit'), 'line');
      expectPx(num(limit!, 'y1'), linearPosition(upwards, nice.domain, panel.threshold));
      expect(elements(groupOf(panels[index]!, 'limit-labels'), 'text')[0]!.text).toBe(
        format('.2~%')(panel.threshold),
      );
    });
    expect(elements(groupOf(panels[2]!, 'not-reached'), 'text')[0]!.text).toBe('not reached');
    expect(findAll(panels[0]!, (node) => node.attributes.class === 'not-reached')).toEqual([]);
  });

  it('says when a phase was reached but no checkpoint had a value (every window empty)', () => {
    const empty = withPanels(input, (panel) => ({
      points: panel.points.map((point) => ({ ...point, observed: null, verdict: 'inconclusive' })),
    }));
    const notes = panelsOf(parseSvg(gateMetricChart(empty, 'gate-errorRate'))).map(
      (panel) => elements(groupOf(panel, 'not-reached'), 'text')[0]!.text,
    );
    expect(notes).toEqual(['no value at any checkpoint', 'no value at any checkpoint', 'not reached']);
  });

  it('labels time in hours up to two days and in days beyond', () => {
    const titles = panels.map((panel) => elements(groupOf(panel, 'axis-x'), 'text').at(-1)!.text);
    expect(titles).toEqual(['hours into the phase', 'hours into the phase', 'days into the phase']);
    expect(bottomAxisOf(panels[2]!).labels.map((label) => label.text)).toEqual(['0', '5', '10']);
  });

  it('draws two limit lines, at ±threshold, for a band (within)', () => {
    const band = withPanels(input, () => ({ op: 'within', threshold: 0.03 }));
    const panel = panelsOf(parseSvg(gateMetricChart(band, 'gate-revenueImpact')))[0]!;
    const bandY = leftAxisOf(panel);
    const domain = niceOf([-0.03, 0.03, ...observed]).domain;
    const lines = elements(groupOf(panel, 'limit'), 'line').map((line) => num(line, 'y1'));
    expect(lines).toHaveLength(2);
    expectPx(lines[0]!, linearPosition({ from: bandY.to, to: bandY.from }, domain, -0.03));
    expectPx(lines[1]!, linearPosition({ from: bandY.to, to: bandY.from }, domain, 0.03));
  });

  it('does not start a floor’s axis (availability above 99.9%) at 0', () => {
    const floor = withPanels(input, (panel) => ({
      op: 'above',
      threshold: 0.999,
      points: panel.points.map((point) => ({ ...point, observed: 1 - (point.observed ?? 0) / 10 })),
    }));
    const labels = leftAxisOf(panelsOf(parseSvg(gateMetricChart(floor, 'gate-availability')))[0]!).labels;
    expect(labels[0]!.text).toBe('99.9%');
    expect(labels.at(-1)!.text).toBe('100%');
  });

  it('gives counts (incidents ≤ 0, all 0) whole-number ticks from 0 to 1', () => {
    const counts = {
      ...withPanels(input, (panel) => ({
        op: 'max',
        threshold: 0,
        points: panel.points.map((point) => ({ ...point, observed: 0 })),
      })),
      unit: 'count' as const,
    };
    const labels = leftAxisOf(panelsOf(parseSvg(gateMetricChart(counts, 'gate-incidents')))[0]!).labels;
    expect(labels.map((label) => label.text)).toEqual(['0', '1']);
  });

  it('wraps many phases into rows within the report’s width, headings cut to their panel and apart', () => {
    const phases = Array.from({ length: 7 }, (_, index) => ({
      ...input.panels[0]!,
      title: `phase-with-a-long-name-${index}: errorRate < 1.00%`,
      durationMs: (index + 1) * DAY_MS,
    }));
    const many = parseSvg(gateMetricChart({ ...input, panels: phases }, 'gate-many'));
    expect(Number(many.attributes.width)).toBeLessThanOrEqual(880);
    const manyPanels = panelsOf(many);
    expect(manyPanels).toHaveLength(7);
    const rows = new Set(manyPanels.map((panel) => bottomAxisOf(panel).at));
    expect(rows.size).toBeGreaterThan(1);
    const headings = manyPanels.map((panel) => groupOf(panel, 'heading'));
    expect(elements(headings[0]!, 'text')[0]!.text).toMatch(/…$/);
    expectNoOverlap(headings.flatMap(textBoxesOf), 'headings');
  });
});
