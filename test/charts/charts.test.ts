import { describe, expect, it } from 'vitest';
import { boxInside } from '../../src/charts/box.js';
import { textBox } from '../../src/charts/chartText.js';
import {
  gateMetricChart,
  outcomesChart,
  revenueFanChart,
  sensitivityChart,
  timeToDetectChart,
  trafficChart,
} from '../../src/charts/index.js';
import {
  makeFanInput,
  makeGateInput,
  makeOutcomesInput,
  makeSensitivityInput,
  makeTimeToDetectInput,
  makeTrafficInput,
} from './fixtures.js';
import { elements, findAll, num, parseSvg } from './parseSvg.js';
import { chartTextOf } from './readChart.js';

/** A name with every character that means something in markup. */
const HOSTILE = `<script>alert("x")</script> & 'co'`;

/** Every chart function with its fixture and page id; `hostile` puts HOSTILE in every text the input carries. */
const CHARTS: Array<[string, string, (hostile?: string) => string]> = [
  [
    'gateMetricChart',
    'gate-errorRate',
    (hostile) => {
      const input = makeGateInput(hostile);
      return gateMetricChart(
        hostile === undefined ? input : { ...input, title: hostile, axisTitle: hostile },
        'gate-errorRate',
      );
    },
  ],
  [
    'trafficChart',
    'traffic',
    (hostile) => {
      const input = makeTrafficInput();
      if (hostile === undefined) return trafficChart(input);
      return trafficChart({
        ...input,
        title: hostile,
        phases: input.phases.map((phase) => ({ ...phase, name: hostile })),
        markers: input.markers.map((marker) => ({ ...marker, label: hostile })),
      });
    },
  ],
  [
    'revenueFanChart',
    'revenue-fan',
    (hostile) => {
      const input = makeFanInput();
      if (hostile === undefined) return revenueFanChart(input);
      return revenueFanChart({
        title: hostile,
        series: input.series.map((series) => ({ ...series, name: hostile })),
      });
    },
  ],
  [
    'sensitivityChart',
    'sensitivity',
    (hostile) => {
      const input = makeSensitivityInput();
      if (hostile === undefined) return sensitivityChart(input);
      return sensitivityChart({
        ...input,
        title: hostile,
        bars: input.bars.map((bar) => ({ ...bar, label: hostile })),
      });
    },
  ],
  [
    'outcomesChart',
    'outcomes',
    (hostile) => {
      const input = makeOutcomesInput();
      if (hostile === undefined) return outcomesChart(input);
      return outcomesChart({
        title: hostile,
        outcomes: input.outcomes.map((outcome) => ({ ...outcome, label: hostile })),
      });
    },
  ],
  [
    'timeToDetectChart',
    'time-to-detect',
    (hostile) => {
      const input = makeTimeToDetectInput();
      if (hostile === undefined) return timeToDetectChart(input);
      return timeToDetectChart({
        title: hostile,
        rows: input.rows.map((row) => ({ ...row, label: hostile })),
        reference: { valueMs: 300_000, label: hostile },
      });
    },
  ],
];

describe('every chart', () => {
  it.each(CHARTS)('%s: one sized, labelled, self-contained <svg> that parses', (_name, id, render) => {
    const svg = render();
    const root = parseSvg(svg);
    expect(root.name).toBe('svg');
    expect(Object.keys(root.attributes).slice(0, 3)).toEqual(['id', 'role', 'aria-label']);
    expect(root.attributes).toMatchObject({ id, role: 'img' });
    expect(root.attributes['aria-label']).not.toBe('');
    expect(root.children[0]).toMatchObject({ name: 'title', text: root.attributes['aria-label'] });
    const width = Number(root.attributes.width);
    const height = Number(root.attributes.height);
    expect(Number.isInteger(width) && width > 100 && width <= 1000, `width ${width}`).toBe(true);
    expect(Number.isInteger(height) && height > 50, `height ${height}`).toBe(true);
    expect(root.attributes.viewBox).toBe(`0 0 ${width} ${height}`);
    expect(svg).not.toMatch(/NaN|Infinity|undefined|<script|<image|<foreignObject|href=|url\(/i);
  });

  it.each(CHARTS)('%s: every text lies inside the chart, by its estimated box', (_name, _id, render) => {
    const root = parseSvg(render());
    const bounds = { x: 0, y: 0, width: num(root, 'width'), height: num(root, 'height') };
    const texts = elements(root, 'text').filter((text) => text.attributes.transform === undefined);
    expect(texts.length).toBeGreaterThan(3);
    for (const text of texts) {
      const box = textBox(chartTextOf(text));
      expect(boxInside(box, bounds), `"${text.text}" at ${JSON.stringify(box)}`).toBe(true);
    }
  });

  it.each(CHARTS)('%s: the same input gives the same bytes', (_name, _id, render) => {
    expect(render()).toBe(render());
  });

  it.each(CHARTS)('%s: ids, when any, carry the chart id as a prefix', (_name, id, render) => {
    const ids = findAll(parseSvg(render()), (node) => node.attributes.id !== undefined).map(
      (node) => node.attributes.id,
    );
    expect(ids[0]).toBe(id);
    for (const each of ids) expect(each).toMatch(new RegExp(`^${id}($|-)`));
  });

  it.each(CHARTS)('%s: text from the input is escaped, and reads back as given', (_name, _id, render) => {
    const svg = render(HOSTILE);
    expect(svg).not.toContain('<script');
    const root = parseSvg(svg);
    expect(root.attributes['aria-label']).toBe(HOSTILE);
    const texts = elements(root, 'text').map((node) => node.text);
    // Labels drawn from the input read back with the input whole, or with its start cut by an ellipsis.
    const drawn = texts.filter(
      (text) => text.includes(HOSTILE) || (text.endsWith('…') && HOSTILE.startsWith(text.slice(0, -1))),
    );
    expect(drawn.length).toBeGreaterThan(0);
  });

  it('refuses an id that could break out of its attribute', () => {
    expect(() => gateMetricChart(makeGateInput(), 'x" onload="y')).toThrow(/chart id/);
  });
});
