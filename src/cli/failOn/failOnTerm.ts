import type { Problem } from '../../scenario/problems.js';
import { closestName } from '../../scenario/suggest.js';
import { flagProblem, quoted } from '../flags.js';

/** Exit code when `--fail-on` matched (0, 1 and 2 keep their meaning). */
export const EXIT_FAIL_ON = 3;

/**
 * What `--help` says about thresholds, after the command's own options: the grammar, what `@ci` decides on,
 * and the exit code.
 */
export const FAIL_ON_THRESHOLD_HELP = `
--fail-on thresholds: NAME<N%, NAME<=N%, NAME>N% or NAME>=N% (N% or a share such as 0.05), decided on the
point estimate; add @ci to decide on the end of its 95% interval on the failing side (the upper end for > and
>=, the lower for < and <=), so that it passes only when the runs show the limit holds. Repeat the flag for
several conditions. Each one that matches is printed on stderr with both numbers, and the exit code is ${EXIT_FAIL_ON}.
`;

/** How a threshold compares: `>` and `>=` fail on high values, `<` and `<=` on low ones. */
export type Comparison = '>' | '>=' | '<' | '<=';

/**
 * One `--fail-on` condition as written: a word (`rollback`, `undetected`) or a threshold on a named
 * probability (`false-rollback>5%`), decided on the point estimate or, with `@ci`, on the end of its
 * 95% interval that is worse for the threshold (see {@link decidedValue}).
 */
export type FailOnTerm =
  | { kind: 'word'; text: string; name: string }
  | {
      kind: 'threshold';
      text: string;
      name: string;
      comparison: Comparison;
      /** A share in [0, 1] (`5%` is 0.05). */
      limit: number;
      bound: 'estimate' | 'ci';
    };

/** What a command's `--fail-on` accepts: bare words, and the names a threshold may compare. */
export interface FailOnGrammar {
  words: readonly string[];
  quantities: readonly string[];
  /** A threshold this command understands, for the error message: `'complete<90%'`. */
  example?: string;
}

const THRESHOLD = /^([a-z][a-z-]*)\s*(<=|>=|<|>)\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*(@ci)?$/;

function expectedOf(grammar: FailOnGrammar): string {
  const words = `one of ${grammar.words.join(', ')}`;
  if (grammar.quantities.length === 0) return words;
  const threshold = `a threshold NAME<N% or NAME>N% (or <=, >=; @ci to decide on the 95% interval) on ${grammar.quantities.join(', ')}, such as ${quoted(grammar.example ?? `${grammar.quantities[0]}>5%`)}`;
  return grammar.words.length === 0 ? threshold : `${words}, or ${threshold}`;
}

function withHint(text: string, name: string, names: readonly string[]): string {
  if (names.includes(text)) return `${quoted(text)} (a name without a threshold, such as ${text}<90%)`;
  const hint = closestName(name, names);
  return hint === null ? quoted(text) : `${quoted(text)} (did you mean ${hint}?)`;
}

/**
 * Parses one `--fail-on` value against a command's grammar; adds a problem (`--fail-on: expected …,
 * found "…"`) and returns null when it is not one. Thresholds are shares: `5%` or `0.05`.
 *
 * @example parseFailOnTerm('false-rollback>5%@ci', RISK_FAIL_ON, problems)
 * // { kind: 'threshold', name: 'false-rollback', comparison: '>', limit: 0.05, bound: 'ci', … }
 */
export function parseFailOnTerm(
  text: string,
  grammar: FailOnGrammar,
  problems: Problem[],
): FailOnTerm | null {
  const trimmed = text.trim();
  const expected = expectedOf(grammar);
  if (grammar.words.includes(trimmed)) return { kind: 'word', text: trimmed, name: trimmed };
  const match = THRESHOLD.exec(trimmed);
  if (match === null || grammar.quantities.length === 0) {
    // Hint at a misspelt name only: a known name with a bad comparison or number gets none.
    const name = /^[a-z][a-z-]*/.exec(trimmed)?.[0] ?? trimmed;
    const names = [...grammar.words, ...grammar.quantities];
    const found = name !== trimmed && names.includes(name) ? quoted(trimmed) : withHint(trimmed, name, names);
    problems.push(flagProblem('--fail-on', expected, found));
    return null;
  }
  const [, name = '', comparison, number = '', percent, ci] = match;
  if (!grammar.quantities.includes(name)) {
    problems.push(flagProblem('--fail-on', expected, withHint(trimmed, name, grammar.quantities)));
    return null;
  }
  const limit = percent === '%' ? Number(number) / 100 : Number(number);
  if (!(limit >= 0 && limit <= 1)) {
    const what = 'a threshold between 0% and 100% (a share such as 0.05, or a percentage such as 5%)';
    problems.push(flagProblem('--fail-on', what, quoted(trimmed)));
    return null;
  }
  return {
    kind: 'threshold',
    text: trimmed,
    name,
    comparison: comparison as Comparison,
    limit,
    bound: ci === undefined ? 'estimate' : 'ci',
  };
}

/** Every `--fail-on` value (the flag repeats), each checked against the grammar; bad ones become problems. */
export function parseFailOn(
  texts: string | readonly string[] | undefined,
  grammar: FailOnGrammar,
  problems: Problem[],
): FailOnTerm[] {
  const list = texts === undefined ? [] : typeof texts === 'string' ? [texts] : texts;
  return list.flatMap((text) => parseFailOnTerm(text, grammar, problems) ?? []);
}
