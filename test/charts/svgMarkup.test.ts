import { describe, expect, it } from 'vitest';
import { element, escapeXml, group, pathElement, px } from '../../src/charts/svgMarkup.js';

describe('px', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [-0.004, '0'],
    [12.3456, '12.35'],
    [12.3, '12.3'],
    [100, '100'],
    [-7.125, '-7.12'],
    [0.1 + 0.2, '0.3'],
  ])('writes %d as %s', (value, written) => {
    expect(px(value)).toBe(written);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses %d', (value) => {
    expect(() => px(value)).toThrow(/finite/);
  });
});

describe('markup', () => {
  it('escapes the five characters that mean something in markup', () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;',
    );
  });

  it('writes attributes in order, numbers as coordinates, omitting null and undefined', () => {
    expect(element('rect', { x: 1.006, y: null, fill: 'a"b', width: undefined })).toBe(
      '<rect x="1.01" fill="a&quot;b"/>',
    );
    expect(element('text', { x: 0 }, 'a &amp; b')).toBe('<text x="0">a &amp; b</text>');
  });

  it('writes a group only when it has children, and a path only when there is one', () => {
    expect(group({ class: 'bars' }, [])).toBe('');
    expect(group({ class: 'bars' }, ['<rect/>'])).toBe('<g class="bars"><rect/></g>');
    expect(pathElement(null, { stroke: 'red' })).toBe('');
    expect(pathElement('M0,0L1,1', { stroke: 'red' })).toBe('<path stroke="red" d="M0,0L1,1"/>');
  });
});
