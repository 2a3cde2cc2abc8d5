import type * as z from 'zod/mini';
import { isMetricName } from '../gates/metrics.js';
import { isOperator } from '../gates/operators.js';
import { knownKeysAt } from './jsonSchema.js';
import { problemReporter } from './locatedProblem.js';
import type { PathSegment, Problem } from './problems.js';
import type { Locate } from './sourceMap.js';
import { closestName } from './suggest.js';
import { thresholdExpected } from './thresholdRange.js';

/**
 * Turns zod issues into located problems: `expected` is the schema's own description of a valid value,
 * `found` is the value in the file (or `nothing` for a missing field), and the position is that of
 * the value, of the key for an unknown field, or of the parent mapping for a missing one.
 */
export function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  data: unknown,
  file: string,
  locate: Locate,
): Problem[] {
  const problems: Problem[] = [];
  const add = problemReporter(file, locate, problems);
  const visit = (issue: z.core.$ZodIssue, prefix: PathSegment[]): void => {
    const path = [...prefix, ...(issue.path as PathSegment[])];
    if (issue.code === 'unrecognized_keys') {
      const { keys: known, kind } = knownKeysAt(path, data);
      for (const key of issue.keys) {
        const suggestion = closestName(key, known);
        const hint = suggestion === null ? '' : `; did you mean '${suggestion}'?`;
        const expected =
          kind === 'metric' ? `a metric name (${known.join(', ')})` : `one of the fields ${known.join(', ')}`;
        add([...path, key], expected, `unknown ${kind} '${key}'${hint}`, 'key');
      }
      return;
    }
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const fitting = issue.errors.filter(
        (branch) => !branch.some((inner) => inner.code === 'invalid_type' && inner.path.length === 0),
      );
      const [only] = fitting;
      if (fitting.length === 1 && only !== undefined) {
        for (const inner of only) visit(inner, path);
        return;
      }
    }
    const params =
      issue.code === 'custom' ? (issue.params as { found?: string; at?: 'key' } | undefined) : undefined;
    add(path, expectedOf(issue, path), params?.found ?? describeValue(valueAt(data, path)), params?.at);
  };
  for (const issue of issues) visit(issue, []);
  return problems;
}

/** The schema's description, made specific for thresholds (which the generic condition schema cannot know). */
function expectedOf(issue: z.core.$ZodIssue, path: readonly PathSegment[]): string {
  const [map, metric, op] = path.slice(-3);
  if (
    issue.code === 'invalid_type' &&
    (map === 'gates' || map === 'rollbackWhen') &&
    typeof metric === 'string' &&
    typeof op === 'string' &&
    isMetricName(metric) &&
    isOperator(op)
  ) {
    return thresholdExpected(metric, op);
  }
  return issue.message;
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let value = data;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<PathSegment, unknown>)[segment];
  }
  return value;
}

/**
 * A value as a problem quotes it: strings in double quotes, numbers as written, collections by kind.
 *
 * @example describeValue('0.5%') // '"0.5%"'
 * @example describeValue([1, 2]) // 'a list of 2 items'
 * @example describeValue(undefined) // 'nothing'
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value))
    return value.length === 0
      ? 'an empty list'
      : `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return Object.keys(value).length === 0 ? 'an empty mapping' : 'a mapping';
  return String(value);
}
