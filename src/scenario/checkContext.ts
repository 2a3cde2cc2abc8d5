import type * as z from 'zod/mini';
import type { PathSegment } from './problems.js';

/** Where a sense check reports, and which parts of the scenario are trustworthy. */
export interface CheckContext {
  /**
   * True when the value at `path` passed its type checks (nothing at, above or below it has an issue),
   * so a check may rely on its type. Unknown extra fields do not count.
   */
  clean(...path: PathSegment[]): boolean;
  /** True when the value at `path` has its type (nothing at or above it has an issue); its parts may not. */
  shaped(...path: PathSegment[]): boolean;
  /** Reports a problem at `path`; `found` overrides the rendering of the value there. */
  report(path: PathSegment[], expected: string, options?: { found?: string; at?: 'key' }): void;
}

/**
 * A {@link CheckContext} over a zod refinement context: sense checks run after the type checks of the
 * whole file, and each check only looks at parts that type-checked, so every problem is reported once.
 */
export function makeCheckContext(context: z.core.$RefinementCtx<unknown>): CheckContext {
  const typeIssues = context.issues
    .filter((issue) => issue.code !== 'unrecognized_keys')
    .map((issue) => ({ path: (issue.path ?? []) as PropertyKey[], semantic: issue.code === 'custom' }));
  const isPrefix = (prefix: readonly PropertyKey[], path: readonly PropertyKey[]): boolean =>
    prefix.length <= path.length && prefix.every((segment, index) => segment === path[index]);
  // A refinement's issue (`custom`) says a value of the right type breaks a rule: it taints that value
  // and what is inside it, not its parents. A type issue also means its parents are not what they seem.
  return {
    clean: (...path) =>
      !typeIssues.some(
        (issue) => isPrefix(path, issue.path) || (!issue.semantic && isPrefix(issue.path, path)),
      ),
    shaped: (...path) => !typeIssues.some((issue) => !issue.semantic && isPrefix(issue.path, path)),
    report: (path, expected, options = {}) => {
      const params: Record<string, string> = {};
      if (options.found !== undefined) params.found = options.found;
      if (options.at !== undefined) params.at = options.at;
      context.addIssue({ code: 'custom', path, message: expected, params });
    },
  };
}

/** A "did you mean" tail for a found value, or nothing. */
export function didYouMean(suggestion: string | null): string {
  return suggestion === null ? '' : `; did you mean ${JSON.stringify(suggestion)}?`;
}
