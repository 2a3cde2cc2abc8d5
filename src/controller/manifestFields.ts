import type { SpecProblem } from '../gates/specProblem.js';
import { describeValue } from '../scenario/issuesToProblems.js';
import { locatedProblem } from '../scenario/locatedProblem.js';
import { formatPath, type PathSegment, type Problem } from '../scenario/problems.js';
import type { ManifestDocument } from './manifestDocuments.js';

/** A mapping's fields, when the value is one. */
export type Fields = Record<string, unknown>;

export function isMapping(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string';
}

/** Reads `spec.metrics[0]` back into segments, for locating a problem a gates validator returned. */
export function pathSegments(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (match === null) {
      segments.push(part);
      continue;
    }
    if (match[1] !== '') segments.push(match[1]!);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

/**
 * Collects the problems and warnings of reading manifests: every problem located by file, line and field
 * path (`rollout.yaml:14:11 spec.strategy.canary.steps[2].setWeight: expected ..., found ...`), every
 * warning one line with file:line. Field readers return undefined (after recording a problem) when a
 * value has the wrong type, so reading goes on and every problem is found in one pass.
 */
export class ManifestReport {
  readonly problems: Problem[] = [];
  readonly warnings: string[] = [];

  /** A problem at `path`, located at its value, or at its key with `at: 'key'` (an unknown field). */
  problem(
    document: ManifestDocument,
    path: readonly PathSegment[],
    expected: string,
    found?: string,
    at: 'key' | 'value' = 'value',
  ): void {
    const value = valueAt(document.value, path);
    this.problems.push(
      locatedProblem(document.file, document.locate(path, at), path, expected, found ?? describeValue(value)),
    );
  }

  /** A problem from the gates library, whose path is text (`spec.metrics[0].count`). */
  specProblem(document: ManifestDocument, problem: SpecProblem): void {
    // `found` already names the character position within an expression or a query, where there is one.
    const path = pathSegments(problem.path);
    this.problems.push(
      locatedProblem(document.file, document.locate(path), path, problem.expected, problem.found),
    );
  }

  warn(document: ManifestDocument, path: readonly PathSegment[], message: string): void {
    const position = document.locate(path, 'key');
    const where = position === null ? document.file : `${document.file}:${position.line}`;
    this.warnings.push(`${where} ${formatPath(path)}: ${message}`);
  }

  /**
   * Warns once for each field of `fields` outside `supported`: the reason given in `ignored`, or that the
   * field is unknown to the rehearsal. Both are ignored, as docs/controllers.md lists.
   */
  otherFields(
    document: ManifestDocument,
    path: readonly PathSegment[],
    fields: Fields,
    supported: readonly string[],
    ignored: Readonly<Record<string, string>> = {},
  ): void {
    for (const key of Object.keys(fields)) {
      if (supported.includes(key)) continue;
      const reason = ignored[key];
      if (reason === '') continue;
      this.warn(
        document,
        [...path, key],
        reason === undefined ? 'not a field the rehearsal knows; ignored' : `ignored: ${reason}`,
      );
    }
  }

  /** The field at the end of `path` when it passes `is`; a problem (and undefined) when it is there but does not. */
  private field<T>(
    document: ManifestDocument,
    fields: Fields,
    path: readonly PathSegment[],
    expected: string,
    is: (value: unknown) => value is T,
  ): T | undefined {
    const value = fields[path.at(-1) as string];
    if (value === undefined) return undefined;
    if (is(value)) return value;
    this.problem(document, path, expected);
    return undefined;
  }

  mapping(
    document: ManifestDocument,
    fields: Fields,
    path: readonly PathSegment[],
    expected: string,
  ): Fields | undefined {
    return this.field(document, fields, path, expected, isMapping);
  }

  list(
    document: ManifestDocument,
    fields: Fields,
    path: readonly PathSegment[],
    expected: string,
  ): unknown[] | undefined {
    return this.field(document, fields, path, expected, Array.isArray);
  }

  text(
    document: ManifestDocument,
    fields: Fields,
    path: readonly PathSegment[],
    expected: string,
  ): string | undefined {
    return this.field(document, fields, path, expected, isText);
  }

  /** A number, or a whole number with `integer`; numbers written as strings (`"3"`, as intstr allows) too. */
  number(
    document: ManifestDocument,
    fields: Fields,
    path: readonly PathSegment[],
    expected: string,
    check: (value: number) => boolean = () => true,
  ): number | undefined {
    const value = fields[path.at(-1) as string];
    if (value === undefined) return undefined;
    const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof parsed === 'number' && Number.isFinite(parsed) && check(parsed)) return parsed;
    this.problem(document, path, expected);
    return undefined;
  }
}

/** The value at `path` inside `root`, or undefined when any step is missing. */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let value = root;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
    else if (isMapping(value)) value = value[String(segment)];
    else return undefined;
  }
  return value;
}

/** The list at `path`, or an empty one when there is none (the scenario loader reports a bad value). */
export function listAt(root: unknown, path: readonly PathSegment[]): unknown[] {
  const list = valueAt(root, path);
  return Array.isArray(list) ? list : [];
}
