import { formatPath, type PathSegment, type Problem } from './problems.js';
import type { Locate, Position } from './sourceMap.js';

/**
 * A problem at a field path, at `position` in `file` (line and column null when unknown).
 *
 * @example locatedProblem('a.yaml', { line: 3, column: 5 }, ['phases', 0], 'a phase', 'nothing')
 * // { file: 'a.yaml', line: 3, column: 5, path: 'phases[0]', expected: 'a phase', found: 'nothing' }
 */
export function locatedProblem(
  file: string,
  position: Position | null,
  path: readonly PathSegment[],
  expected: string,
  found: string,
): Problem {
  return {
    file,
    line: position?.line ?? null,
    column: position?.column ?? null,
    path: formatPath(path),
    expected,
    found,
  };
}

/** Records a problem at a field path, located at its value (or at its key, for an unknown field). */
export type ReportProblem = (
  path: readonly PathSegment[],
  expected: string,
  found: string,
  at?: 'key' | 'value',
) => void;

/** A {@link ReportProblem} that locates each problem in `file` with `locate` and adds it to `problems`. */
export function problemReporter(file: string, locate: Locate, problems: Problem[]): ReportProblem {
  return (path, expected, found, at = 'value') => {
    problems.push(locatedProblem(file, locate(path, at), path, expected, found));
  };
}
