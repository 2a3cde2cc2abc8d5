import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseEffectSamples, readEffectSamples } from '../../src/io/readEffectSamples.js';

function problemsOf(text: string): string[] {
  try {
    parseEffectSamples(text, 'boot.csv');
  } catch (error) {
    if (error instanceof InputError) return error.message.split('\n');
    throw error;
  }
  return [];
}

describe('parseEffectSamples', () => {
  it('reads the columns it finds; the others are null', () => {
    const samples = parseEffectSamples(
      '# bootstrap of the Sprint 2 A/B test\nrevenueUplift,churnChange\n0.051,-0.02\n\n0.064,-0.04\n',
      'boot.csv',
    );
    expect(samples).toEqual({
      file: 'boot.csv',
      revenueUplift: [0.051, 0.064],
      churnChange: [-0.02, -0.04],
      completionUplift: null,
    });
  });

  it.each([
    [
      '',
      [
        'boot.csv: expected a header row naming columns among revenueUplift, completionUplift, churnChange, with revenueUplift, found an empty file',
      ],
    ],
    ['revenueUplift\n', ['boot.csv: expected at least one row of samples, found only a header']],
    [
      'churnChange,uplift\n-0.01,0.05\n',
      [
        'boot.csv:1 uplift: expected a header row naming columns among revenueUplift, completionUplift, churnChange, with revenueUplift, found a column "uplift"',
        'boot.csv:1 revenueUplift: expected a header row naming columns among revenueUplift, completionUplift, churnChange, with revenueUplift, found no revenueUplift column',
      ],
    ],
    [
      'revenueUplift,churnChange\n5.8%,-0.01\n0.05,\n-1.5,0\n',
      [
        'boot.csv:2 revenueUplift: expected a fraction ≥ -1 (0.058 is +5.8%), found "5.8%"',
        'boot.csv:3 churnChange: expected a fraction ≥ -1 (0.058 is +5.8%), found nothing',
        'boot.csv:4 revenueUplift: expected a fraction ≥ -1 (0.058 is +5.8%), found "-1.5"',
      ],
    ],
  ])('collects every problem in %j', (text, expected) => {
    expect(problemsOf(text)).toEqual(expected);
  });

  it('reports malformed CSV with its line', () => {
    const [problem] = problemsOf('revenueUplift\n0.05\n0.06,0.07\n');
    expect(problem).toMatch(/^boot\.csv:3: expected well-formed CSV, found /);
  });

  it('names a missing file', async () => {
    await expect(readEffectSamples('no/such/boot.csv')).rejects.toThrow(
      'no/such/boot.csv: expected a readable CSV file, found no such file',
    );
  });
});
