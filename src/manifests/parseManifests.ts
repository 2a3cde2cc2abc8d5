import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from 'yaml';
import { locatedProblem } from '../scenario/locatedProblem.js';
import { type PathSegment, type Problem, sortProblems } from '../scenario/problems.js';
import type { Locate } from '../scenario/sourceMap.js';

/** Alias expansions allowed when building a document's data: enough for sharing, too few for a bomb. */
const MAX_ALIAS_COUNT = 100;

/**
 * One YAML document of a manifest file (a Rollout, an AnalysisTemplate, a Canary, …): its data, where it
 * is, and a way to point at the line of any of its fields.
 */
export interface ManifestDocument {
  /** The file as the user named it. */
  file: string;
  /** 0-based position of the document in its file (empty documents are not counted). */
  index: number;
  value: unknown;
  locate: Locate;
}

/** A file's documents, or every problem found reading it. */
export type ManifestsResult =
  | { ok: true; documents: ManifestDocument[] }
  | { ok: false; problems: Problem[] };

/**
 * Reads a multi-document YAML manifest file (documents separated by `---`, as `kubectl` takes them).
 * Documents that are empty or hold only comments are skipped. The first syntax error (with a count of
 * those after it), duplicate keys and alias bombs are problems located by line. Pure and total: it never
 * throws on input.
 *
 * @example parseManifests('kind: Rollout\n---\nkind: AnalysisTemplate\n', 'r.yaml') // { ok: true, documents: [2 documents] }
 */
export function parseManifests(text: string, file: string): ManifestsResult {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(body, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const all = Array.isArray(parsed) ? parsed : [];
  const problems: Problem[] = [];
  const documents: ManifestDocument[] = [];
  const positionAt = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const syntaxErrors: Array<{ offset: number; message: string }> = [];
  for (const document of all) {
    for (const issue of [...document.errors, ...document.warnings]) {
      const offset = issue.pos[0];
      if (issue.code === 'DUPLICATE_KEY') {
        const key = /^[^:\n]*/.exec(body.slice(offset))?.[0].trim() ?? '';
        problems.push(
          locatedProblem(file, positionAt(offset), [], 'unique keys', `a second ${JSON.stringify(key)}`),
        );
      } else syntaxErrors.push({ offset, message: issue.message });
    }
    if (document.errors.length > 0 || document.contents === null) continue;
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error;
      const found = 'more (an alias bomb?)';
      problems.push(
        locatedProblem(
          file,
          positionAt(document.range[0]),
          [],
          `at most ${MAX_ALIAS_COUNT} alias expansions`,
          found,
        ),
      );
      continue;
    }
    if (value === null || value === undefined) continue;
    documents.push({ file, index: documents.length, value, locate: documentLocate(document, positionAt) });
  }
  // After the first syntax error the parser's view of the rest is guesswork, as in parseYaml: only the
  // first is a problem of its own; the others are counted.
  const [first] = syntaxErrors.sort((a, b) => a.offset - b.offset);
  if (first !== undefined) {
    const more = syntaxErrors.length - 1;
    const after = more === 0 ? '' : `; ${more} more after it, not listed, as they may follow from this one`;
    const found = `a syntax error (${first.message})${after}`;
    problems.push(locatedProblem(file, positionAt(first.offset), [], 'valid YAML', found));
  }
  return problems.length > 0 ? { ok: false, problems: sortProblems(problems) } : { ok: true, documents };
}

/**
 * A {@link Locate} over one document: the value at `path`, or its key with `at: 'key'` or when the value
 * is a mapping or a list (the key is what a reader looks for); for a path that does not exist, the key of
 * the deepest field that does.
 */
function documentLocate(
  document: Document,
  positionAt: (offset: number) => { line: number; column: number },
): Locate {
  return (path, at = 'value') => {
    let node: unknown = document.contents;
    let keyOffset: number | undefined;
    let valueOffset = document.contents?.range?.[0] ?? document.range?.[0] ?? 0;
    let complete = true;
    for (const segment of path) {
      const step = child(node, segment);
      if (step === null) {
        complete = false;
        break;
      }
      node = step.node;
      keyOffset = step.keyOffset;
      valueOffset = (step.node as Node | null)?.range?.[0] ?? keyOffset ?? valueOffset;
    }
    const collection = isMap(node) || isSeq(node);
    const atKey = !complete || at === 'key' || collection || node === null;
    return positionAt(atKey && keyOffset !== undefined ? keyOffset : valueOffset);
  };
}

function child(node: unknown, segment: PathSegment): { node: unknown; keyOffset?: number } | null {
  if (isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
    if (pair === undefined) return null;
    const key = pair.key as Node;
    return { node: pair.value, ...(key.range ? { keyOffset: key.range[0] } : {}) };
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return item === undefined ? null : { node: item };
  }
  return null;
}
