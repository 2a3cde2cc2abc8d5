import { describe, expect, it } from 'vitest';
import {
  gateMetricChart,
  gateMetricSpec,
  outcomesChart,
  revenueFanChart,
  sensitivityChart,
  timeToDetectChart,
  trafficChart,
  trafficSpec,
} from '../../src/charts/index.js';
import {
  makeFanInput,
  makeGateInput,
  makeOutcomesInput,
  makeSensitivityInput,
  makeTimeToDetectInput,
  makeTrafficInput,
} from './fixtures.js';

/** Every chart function with its fixture and page id. */
const CHARTS: Array<[string, () => Promise<string>]> = [
  ['gateMetricChart', () => gateMetricChart(makeGateInput(), 'gate-errorRate')],
  ['trafficChart', () => trafficChart(makeTrafficInput())],
  ['revenueFanChart', () => revenueFanChart(makeFanInput())],
  ['sensitivityChart', () => sensitivityChart(makeSensitivityInput())],
  ['outcomesChart', () => outcomesChart(makeOutcomesInput())],
  ['timeToDetectChart', () => timeToDetectChart(makeTimeToDetectInput())],
];

/** The root element's attributes. */
function rootOf(svg: string): string {
  return /^<svg[^>]*>/.exec(svg)?.[0] ?? '';
}

describe('charts render to SVG in Node', () => {
  it.each(CHARTS)('%s: a sized, labelled, self-contained <svg>', async (_name, render) => {
    const svg = await render();
    const root = rootOf(svg);
    expect(root).toMatch(/ role="img"/);
    expect(root).toMatch(/ aria-label="[^"]+"/);
    expect(Number(/ width="(\d+)"/.exec(root)?.[1])).toBeGreaterThan(100);
    expect(Number(/ height="(\d+)"/.exec(root)?.[1])).toBeGreaterThan(50);
    expect(svg).toMatch(/<\/svg>$/);
    expect(svg).not.toMatch(/<script|<image|href="http|<foreignObject/i);
  });

  it.each(CHARTS)('%s: two renders are byte-identical', async (_name, render) => {
    expect(await render()).toBe(await render());
  });

  it('concurrent renders give the same bytes as one after another', async () => {
    const sequential: string[] = [];
    for (const [, render] of CHARTS) sequential.push(await render());
    const concurrent = await Promise.all(CHARTS.map(([, render]) => render()));
    expect(concurrent).toEqual(sequential);
  });

  it('prefixes its definition ids, so charts inlined in one page cannot collide', async () => {
    const svg = await gateMetricChart(makeGateInput(), 'gate-errorRate');
    const ids = [...svg.matchAll(/\bid="([^"]+)"/g)].map((match) => match[1]);
    const references = [...svg.matchAll(/url\(#([^)]+)\)/g)].map((match) => match[1]);
    expect(ids[0]).toBe('gate-errorRate');
    for (const id of [...ids, ...references]) expect(id).toMatch(/^gate-errorRate/);
  });

  it('escapes text from the input: a phase named <script> is drawn as text', async () => {
    const svg = await gateMetricChart(makeGateInput('<script>alert(1)</script>'), 'gate-x');
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('refuses an id that could break out of its attribute', () => {
    expect(() => gateMetricChart(makeGateInput(), 'x" onload="y')).toThrow(/chart id/);
  });
});

describe('chart specs', () => {
  it('draws one limit line for an upper limit and two for a band', () => {
    const limits = (op: 'below' | 'within') => {
      const input = makeGateInput();
      const panel = { ...input.panels[0]!, op, threshold: 0.03 };
      const spec = gateMetricSpec({ ...input, panels: [panel] }) as {
        hconcat: Array<{ layer: Array<{ data: { values: unknown[] } }> }>;
      };
      return spec.hconcat[0]!.layer[0]!.data.values;
    };
    expect(limits('below')).toEqual([{ y: 0.03 }]);
    expect(limits('within')).toEqual([{ y: -0.03 }, { y: 0.03 }]);
  });

  it('says "not reached" in the panel of a phase without checkpoints', () => {
    const spec = JSON.stringify(gateMetricSpec(makeGateInput()));
    expect(spec).toContain('"not reached"');
  });

  it.each([
    ['a plan over two days: symmetric-log time', 13 * 24, 'symlog'],
    ['a plan within two days: linear time', 6, undefined],
  ])('%s', (_name, endHours, scaleType) => {
    const input = makeTrafficInput();
    const endMs = endHours * 3_600_000;
    const planned = input.planned
      .map((step) => ({ ...step, toMs: Math.min(step.toMs, endMs) }))
      .filter((step) => step.fromMs < endMs);
    const spec = trafficSpec({ ...input, planned, rehearsed: [{ fromMs: 0, toMs: endMs, share: 0.01 }] }) as {
      layer: Array<{ encoding: { x: { scale: { type?: string } } } }>;
    };
    expect(spec.layer[0]!.encoding.x.scale.type).toBe(scaleType);
  });
});
