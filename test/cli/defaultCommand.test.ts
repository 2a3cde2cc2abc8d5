import { describe, expect, it } from 'vitest';
import { withDefaultCommand } from '../../src/cli/main.js';

describe('withDefaultCommand', () => {
  it.each([
    [[], ['run']],
    [
      ['--seed', '7'],
      ['run', '--seed', '7'],
    ],
    [['--json'], ['run', '--json']],
    [
      ['validate', 'x.yaml'],
      ['validate', 'x.yaml'],
    ],
    [
      ['risk', '--runs', '10'],
      ['risk', '--runs', '10'],
    ],
    [['--help'], ['--help']],
    [['-V'], ['-V']],
  ])('%j → %j', (args, expected) => {
    expect(withDefaultCommand(args)).toEqual(expected);
  });
});
