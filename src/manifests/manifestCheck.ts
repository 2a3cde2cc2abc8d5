import { parseGoDurationMs } from '../gates/goDuration.js';
import type { SpecProblem } from '../gates/specProblem.js';
import { describeValue } from '../scenario/issuesToProblems.js';
import { locatedProblem } from '../scenario/locatedProblem.js';
import type { PathSegment, Problem } from '../scenario/problems.js';
import type { ManifestDocument } from './parseManifests.js';

/** A plain mapping read from YAML. */
export type Fields = Record<string, unknown>;

/** True for a YAML mapping (not a list, not null). */
export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path` inside `value`, or undefined when any step is missing. */
export function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let node = value;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else if (isFields(node)) node = node[String(segment)];
    else return undefined;
  }
  return node;
}

/**
 * A field path as the gates library writes it (`spec.metrics[0].interval`) as segments, to locate it.
 *
 * @example pathSegments('spec.metrics[0].interval') // ['spec', 'metrics', 0, 'interval']
 */
export function pathSegments(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    segments.push(match[2] === undefined ? match[1]! : Number(match[2]));
  }
  return segments;
}

/**
 * Collects the problems (bad input: nothing is written) and the warnings (written, but said) found in a
 * set of manifest documents, each located at its file, line and field path; and reads typed fields,
 * reporting a field of the wrong type once.
 */
export class ManifestCheck {
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];

  problem(
    document: ManifestDocument,
    path: readonly PathSegment[],
    expected: string,
    found: string,
    at?: 'key' | 'value',
  ): void {
    this.problems.push(locatedProblem(document.file, document.locate(path, at), path, expected, found));
  }

  warning(document: ManifestDocument, path: readonly PathSegment[], expected: string, found: string): void {
    this.warnings.push(locatedProblem(document.file, document.locate(path), path, expected, found));
  }

  /** A problem from the gates library (`{ path: 'spec.metrics[0]…', expected, found }`), under `prefix`. */
  specProblem(document: ManifestDocument, problem: SpecProblem): void {
    this.problem(document, pathSegments(problem.path), problem.expected, problem.found);
  }

  /** The mapping at `path`: undefined (and a problem when `required`) if absent; a problem if not a mapping. */
  mapping(
    document: ManifestDocument,
    path: readonly PathSegment[],
    required: string | null,
  ): Fields | undefined {
    const value = valueAt(document.value, path);
    if (value === undefined || value === null) {
      if (required !== null) this.problem(document, path, required, 'nothing');
      return undefined;
    }
    if (!isFields(value)) {
      this.problem(document, path, required ?? 'a mapping', describeValue(value));
      return undefined;
    }
    return value;
  }

  /** The list at `path`, as {@link mapping} does for mappings; `nonEmpty` also refuses `[]`. */
  list(
    document: ManifestDocument,
    path: readonly PathSegment[],
    required: string | null,
    nonEmpty = false,
  ): unknown[] | undefined {
    const value = valueAt(document.value, path);
    if (value === undefined || value === null) {
      if (required !== null) this.problem(document, path, required, 'nothing');
      return undefined;
    }
    if (!Array.isArray(value) || (nonEmpty && value.length === 0)) {
      this.problem(document, path, required ?? 'a list', describeValue(value));
      return undefined;
    }
    return value;
  }

  /** The non-empty string at `path`, or undefined (a problem when `required`, or when not a string). */
  text(
    document: ManifestDocument,
    path: readonly PathSegment[],
    required: string | null,
  ): string | undefined {
    const value = valueAt(document.value, path);
    if (value === undefined || value === null) {
      if (required !== null) this.problem(document, path, required, 'nothing');
      return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem(document, path, required ?? 'a non-empty string', describeValue(value));
      return undefined;
    }
    return value;
  }

  /** The whole number in [min, max] at `path`, or undefined when absent or bad (a problem). */
  wholeNumber(
    document: ManifestDocument,
    path: readonly PathSegment[],
    min: number,
    max: number,
  ): number | undefined {
    const value = valueAt(document.value, path);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`;
      this.problem(document, path, `a whole number ${range}`, describeValue(value));
      return undefined;
    }
    return value;
  }

  /** The number at `path`, or undefined when absent or not a finite number (a problem). */
  number(document: ManifestDocument, path: readonly PathSegment[]): number | undefined {
    const value = valueAt(document.value, path);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.problem(document, path, 'a number', describeValue(value));
      return undefined;
    }
    return value;
  }

  /** The Go duration (`30s`, `5m`, `1h30m`) at `path`, as written, or undefined when absent or bad. */
  goDuration(document: ManifestDocument, path: readonly PathSegment[]): string | undefined {
    const value = valueAt(document.value, path);
    if (value === undefined || value === null) return undefined;
    const parsed = typeof value === 'string' ? parseGoDurationMs(value, '') : null;
    if (parsed === null || 'problem' in parsed || parsed.ms < 0) {
      this.problem(
        document,
        path,
        'a Go duration such as 30s, 5m or 1h30m (units ns, us, ms, s, m, h)',
        describeValue(value),
      );
      return undefined;
    }
    return value as string;
  }
}
