import { describe, expect, it } from 'vitest';
import { estimateTextWidth, truncateText } from '../../src/charts/estimateTextWidth.js';

describe('estimateTextWidth', () => {
  // Advance widths in thousandths of an em: the wider of Helvetica's (Liberation Sans) and DejaVu Sans',
  // read from the fonts' metrics (DejaVu Sans: digits 636, space 318, W 989; bold W 1103; Helvetica: m 833
  // against DejaVu's 974).
  it.each([
    ['', 11, 'normal', 0],
    ['0', 10, 'normal', 6.36],
    ['100%', 11, 'normal', (3 * 636 + 950) * 0.011],
    ['W', 20, 'normal', 19.78],
    ['W', 20, 'bold', 22.06],
    ['m m', 10, 'normal', (974 + 318 + 974) / 100],
    ['×−…', 10, 'normal', (838 + 838 + 1000) / 100],
    ['é', 10, 'normal', 7],
    ['漢', 10, 'normal', 10],
  ] as const)('%j at %i px (%s) is %d px', (text, size, weight, expected) => {
    expect(estimateTextWidth(text, size, weight)).toBeCloseTo(expected, 10);
  });

  it('grows in proportion to the font size', () => {
    const text = 'canary: errorRate < 1.00%';
    expect(estimateTextWidth(text, 22)).toBeCloseTo(2 * estimateTextWidth(text, 11), 10);
  });
});

describe('truncateText', () => {
  it('leaves a text that fits as it is', () => {
    expect(truncateText('completed', 100, 11)).toBe('completed');
  });

  it.each([40, 60, 100, 200])('cuts a longer one to fit %i px, ending in an ellipsis', (limit) => {
    const text = 'rolled back: regression or fault (true) '.repeat(3);
    const cut = truncateText(text, limit, 11);
    expect(cut.endsWith('…')).toBe(true);
    expect(estimateTextWidth(cut, 11)).toBeLessThanOrEqual(limit);
    expect(text.startsWith(cut.slice(0, -1))).toBe(true);
    expect(estimateTextWidth(truncateText(text, limit + 40, 11), 11)).toBeGreaterThan(
      estimateTextWidth(cut, 11),
    );
  });
});
