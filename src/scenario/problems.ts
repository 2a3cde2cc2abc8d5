/**
 * One thing wrong with an input file, located and explained:
 * `sprint2.yaml:42:7 phases[1].gates.errorRate.below: expected a number in [0, 1], found "0.5%"`.
 */
export interface Problem {
  /** The file as the user named it. */
  file: string;
  /** 1-based line, or null when the problem concerns the whole file or its position is unknown. */
  line: number | null;
  /** 1-based column (UTF-16 code units), or null with `line`. */
  column: number | null;
  /** The field path, e.g. `phases[1].gates.errorRate.below`; `''` for the file as a whole. */
  path: string;
  /** What a valid input has there: `a number in [0, 1]`. */
  expected: string;
  /** What the input has there: `"0.5%"`, `nothing`, `a list`. */
  found: string;
}

/** A step of a field path: an object key or a list index. */
export type PathSegment = string | number;

/**
 * A field path as users read it: keys joined by `.`, list indexes in brackets.
 *
 * @example formatPath(['phases', 1, 'gates', 'errorRate', 'below']) // 'phases[1].gates.errorRate.below'
 */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text;
}

/**
 * One line per problem: `file:line:column path: expected X, found Y`; the position and the path are
 * left out when unknown or empty.
 */
export function formatProblem(problem: Problem): string {
  const position =
    problem.line === null
      ? ''
      : problem.column === null
        ? `:${problem.line}`
        : `:${problem.line}:${problem.column}`;
  const where =
    problem.path === '' ? `${problem.file}${position}:` : `${problem.file}${position} ${problem.path}:`;
  return `${where} expected ${problem.expected}, found ${problem.found}`;
}

/** Problems in reading order (file, line, column, path) without repeats, so each is printed once. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  const unique: Problem[] = [];
  for (const problem of problems) {
    const key = formatProblem(problem);
    if (!seen.has(key)) {
      seen.add(key);
      unique.push(problem);
    }
  }
  return unique.sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareText(a.path, b.path),
  );
}

/** Code-unit order, the same on every machine (unlike `localeCompare`). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
