import type { SpecProblem } from './specProblem.js';

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const PART = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;

/**
 * A Go duration string (`time.ParseDuration`, what Argo Rollouts' `interval`/`initialDelay` and Flagger's
 * `interval` are) in milliseconds: an optional sign, then one or more decimal numbers each with a unit
 * (`ns`, `us`, `ms`, `s`, `m`, `h`), such as `30s`, `1.5h`, `1h30m`; `0` alone is zero. Days are not a Go
 * unit: `1d` is a problem, as it is for the controllers.
 *
 * @example parseGoDurationMs('1m30s', 'interval') // { ms: 90000 }
 * @example parseGoDurationMs('5 min', 'interval') // { problem: { path: 'interval', expected: 'a Go duration …', found: '"5 min"' } }
 */
export function parseGoDurationMs(text: string, path: string): { ms: number } | { problem: SpecProblem } {
  const problem = {
    path,
    expected: 'a Go duration such as 30s, 5m or 1h30m (units ns, us, ms, s, m, h)',
    found: JSON.stringify(text),
  };
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return { ms: 0 };
  if (rest === '') return { problem };
  let ms = 0;
  while (rest !== '') {
    const match = PART.exec(rest);
    if (match === null) return { problem };
    ms += Number(match[1]) * UNIT_MS[match[2]!]!;
    rest = rest.slice(match[0].length);
  }
  return { ms: sign * ms };
}
