import { describe, expect, it } from 'vitest';
import { COMMON_FLAGS } from '../../src/cli/commonFlags.js';
import { buildProgram } from '../../src/cli/program.js';

/** Every command's options as commander holds them: command name, flag syntax, help text, default. */
function declaredOptions() {
  return buildProgram().commands.flatMap((command) =>
    command.options.map((option) => ({
      command: command.name(),
      syntax: option.flags,
      help: option.description,
      defaultValue: option.defaultValue as unknown,
    })),
  );
}

/** Flags spelt like a common one that mean something else: a file, not a folder; calibrate's own streams. */
const OTHER_MEANINGS = ['traffic --out <file>', 'calibrate --seed <n>', 'import --out <file>'];

describe('the common flags', () => {
  const options = declaredOptions().filter(
    (option) => !OTHER_MEANINGS.includes(`${option.command} ${option.syntax}`),
  );

  it.each(Object.entries(COMMON_FLAGS))('%s reads the same in every command that takes it', (_name, flag) => {
    const declared = options.filter((option) => option.syntax === flag.syntax);
    expect(declared.length).toBeGreaterThan(1);
    for (const option of declared) {
      if (flag.syntax === '--out <dir>') expect(option.help).toMatch(/^output folder \(default .+\)$/);
      else expect(option.help, option.command).toBe(flag.help);
      expect(option.defaultValue, option.command).toBe(
        'defaultValue' in flag ? flag.defaultValue : undefined,
      );
    }
  });

  it('every flag spelt like a common one is declared from the table, but for the other meanings', () => {
    const declared = declaredOptions();
    const names = new Set(Object.values(COMMON_FLAGS).map((flag) => flag.syntax.split(' ')[0]));
    const byHand = declared.filter(
      (option) =>
        names.has(option.syntax.split(' ')[0]!) &&
        !Object.values(COMMON_FLAGS).some(
          (flag) => flag.syntax === option.syntax && option.help.startsWith(flag.help),
        ),
    );
    expect(byHand.map((option) => `${option.command} ${option.syntax}`).sort()).toEqual(
      [...OTHER_MEANINGS].sort(),
    );
  });
});
