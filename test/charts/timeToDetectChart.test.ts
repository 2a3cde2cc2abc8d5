import { scaleLinear } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { timeToDetectChart } from '../../src/charts/index.js';
import { makeTimeToDetectInput } from './fixtures.js';
import { elements, groupOf, num, parseSvg } from './parseSvg.js';
import { bottomAxisOf, expectPx, linearPosition } from './readChart.js';

const MINUTE_MS = 60_000;

describe('timeToDetectChart', () => {
  const input = makeTimeToDetectInput();
  const svg = parseSvg(timeToDetectChart(input));
  const axis = bottomAxisOf(svg);
  // The domain reaches the slowest p90 or the reference, whichever is later, made nice by d3.
  const domain = scaleLinear().domain([0, 5]).nice(8).domain();
  const at = (ms: number) => linearPosition(axis, domain, ms / MINUTE_MS);

  it('has d3’s nice ticks for minutes up to the later of the slowest p90 and the reference', () => {
    const ticks = scaleLinear().domain(domain).ticks(8);
    expect(axis.labels.map((label) => Number(label.text))).toEqual(ticks);
    ticks.forEach((tick, index) => {
      expectPx(axis.ticks[index]!, at(tick * MINUTE_MS), `tick ${tick}`);
    });
  });

  it('draws p10–p90 as a bar and the median as a tick for each detected fault only', () => {
    const detected = input.rows.filter((row) => row.p50Ms !== null);
    const bars = elements(groupOf(svg, 'bars'), 'rect');
    const medians = elements(groupOf(svg, 'medians'), 'line');
    expect(bars).toHaveLength(detected.length);
    detected.forEach((row, index) => {
      expectPx(num(bars[index]!, 'x'), at(row.p10Ms!), 'p10');
      expectPx(num(bars[index]!, 'x') + num(bars[index]!, 'width'), at(row.p90Ms!), 'p90');
      expectPx(num(medians[index]!, 'x1'), at(row.p50Ms!), 'p50');
    });
  });

  it('says how often each fault was detected, right of the plot', () => {
    const notes = elements(groupOf(svg, 'notes'), 'text');
    expect(notes.map((note) => note.text)).toEqual(['detected in 98% of runs', 'never detected']);
    for (const note of notes) expect(num(note, 'x')).toBeGreaterThan(axis.to);
  });

  it.each([
    [1, 'detected in 100.0% of runs'],
    [0.9951, 'detected in 99.5% of runs'],
    [0.5, 'detected in 50% of runs'],
    [0.05, 'detected in 5.0% of runs'],
    [0, 'never detected'],
  ])('pDetected %s is written "%s"', (pDetected, note) => {
    const row = { ...input.rows[0]!, pDetected };
    const chart = parseSvg(timeToDetectChart({ ...input, rows: [row] }));
    expect(elements(groupOf(chart, 'notes'), 'text')[0]!.text).toBe(note);
  });

  it('draws the reference as a dashed line at its minutes, named above the plot', () => {
    const reference = groupOf(svg, 'reference');
    const [rule] = elements(reference, 'line');
    expectPx(num(rule!, 'x1'), at(input.reference!.valueMs));
    const [label] = elements(reference, 'text');
    expect(label!.text).toBe(input.reference!.label);
    expect(num(label!, 'y')).toBeLessThan(num(rule!, 'y1'));
  });
});
