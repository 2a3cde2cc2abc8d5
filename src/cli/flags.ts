import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { Fidelity } from '../engine/rehearsal.js';
import { InputError } from '../errors.js';
import { formatCount } from '../gates/format.js';
import { packageInfo } from '../io/packageRoot.js';
import type { Problem } from '../scenario/problems.js';

/**
 * The arguments every command shares, checked the same way everywhere: each `...Flag` function takes
 * the text commander hands over, adds a problem (`--seed: expected a non-negative integer, found "x"`)
 * to `problems` when it is bad, and returns the value; the command then throws all problems at once
 * with {@link throwIfProblems}. Also where relative paths start from, and the default scenario.
 */

/** The scenario a command rehearses when none is named. */
export const DEFAULT_SCENARIO = 'scenarios/sprint2-rollout.yaml';

/** The fidelities a rehearsal can simulate (`replay` is for recorded metrics, not a flag value). */
const SIMULATED_FIDELITIES: readonly Fidelity[] = ['aggregate', 'request'];

/** A problem with a flag: `file` is the flag, as users typed it. `found` is written as given. */
export function flagProblem(flag: string, expected: string, found: string): Problem {
  return { file: flag, line: null, column: null, path: '', expected, found };
}

/** A flag's text as a problem quotes it. */
export function quoted(text: string): string {
  return JSON.stringify(text);
}

/** Throws one `InputError` with every problem found, if any. */
export function throwIfProblems(problems: readonly Problem[]): void {
  if (problems.length > 0) throw new InputError([...problems]);
}

/** `--seed`: a non-negative integer up to 2^53 − 1, or undefined when not given. */
export function seedFlag(text: string | undefined, problems: Problem[]): number | undefined {
  if (text === undefined) return undefined;
  const seed = Number(text);
  if (!/^\d+$/.test(text)) problems.push(flagProblem('--seed', 'a non-negative integer', quoted(text)));
  else if (!Number.isSafeInteger(seed)) {
    const expected = `a non-negative integer up to ${Number.MAX_SAFE_INTEGER}`;
    problems.push(flagProblem('--seed', expected, quoted(text)));
  }
  return seed;
}

/** `--fidelity`: `aggregate` (the default) or `request`. */
export function fidelityFlag(text: string | undefined, problems: Problem[]): Fidelity {
  const fidelity = text ?? 'aggregate';
  if (!(SIMULATED_FIDELITIES as readonly string[]).includes(fidelity)) {
    problems.push(flagProblem('--fidelity', `one of ${SIMULATED_FIDELITIES.join(', ')}`, quoted(fidelity)));
  }
  return fidelity as Fidelity;
}

/** `--out`: anything but blank (`expected` says what it names: a folder, or a file). */
export function outFlag(
  text: string | undefined,
  problems: Problem[],
  expected = 'a folder',
): string | undefined {
  if (text !== undefined && text.trim() === '') problems.push(flagProblem('--out', expected, quoted(text)));
  return text;
}

/**
 * A whole-number flag in [min, max] (no upper bound when `max` is omitted), or `fallback` when not given.
 * `expected` defaults to `a whole number ≥ min` or `a whole number in [min, max]`.
 */
export function wholeNumberFlag(
  text: string | undefined,
  flag: string,
  fallback: number,
  problems: Problem[],
  range: { min: number; max?: number; expected?: string },
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  const { min, max = Number.MAX_SAFE_INTEGER } = range;
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    const expected =
      range.expected ??
      (range.max === undefined
        ? `a whole number ≥ ${min}`
        : `a whole number in [${min}, ${formatCount(range.max)}]`);
    problems.push(flagProblem(flag, expected, quoted(text)));
  }
  return value;
}

/** `--workers`: worker threads, ≥ 1 (and at most `max`); by default as many as the machine has cores. */
export function workersFlag(text: string | undefined, problems: Problem[], max?: number): number {
  return wholeNumberFlag(text, '--workers', availableParallelism(), problems, {
    min: 1,
    ...(max === undefined ? {} : { max }),
  });
}

/** `--json` and `--quiet`, off unless given. */
export function printFlags(flags: { json?: boolean; quiet?: boolean }): { json: boolean; quiet: boolean } {
  return { json: flags.json ?? false, quiet: flags.quiet ?? false };
}

/** A path as given, relative to `cwd` when there is one (tests) and the path is relative. */
export function inFolder(cwd: string | undefined, path: string): string {
  return cwd === undefined || isAbsolute(path) ? path : join(cwd, path);
}

/**
 * The scenario to read: the named file, or the default looked up in the current folder first and then
 * in the package's own `scenarios/`. `file` is what results record: never a machine-specific path.
 */
export function resolveScenario(
  named: string | undefined,
  cwd: string | undefined,
): { path: string; file: string } {
  if (named !== undefined) return { path: inFolder(cwd, named), file: named };
  const local = inFolder(cwd, DEFAULT_SCENARIO);
  const packaged = join(packageInfo().root, DEFAULT_SCENARIO);
  return { path: existsSync(local) || !existsSync(packaged) ? local : packaged, file: DEFAULT_SCENARIO };
}

/** Commander's parser for a repeatable flag: every value given, in order. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
