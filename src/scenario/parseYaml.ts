import { type Document, isAlias, isMap, isScalar, isSeq, type Node, parseAllDocuments } from 'yaml';
import type { PathSegment } from './problems.js';
import type { ParsedSource, SourceFault, SourceNode } from './sourceMap.js';

/** Alias expansions allowed when building the data: enough for sharing, far too few for an alias bomb. */
export const MAX_ALIAS_COUNT = 100;

/**
 * Duplicate keys are errors, messages are plain; yaml logs nothing (`logLevel: 'error'`): its warnings
 * are problems here, and the one it would log, a collection used as a key (stringified), is left to the
 * schema's problem about that key.
 */
const YAML_OPTIONS = { uniqueKeys: true, prettyErrors: false, logLevel: 'error' } as const;

/**
 * Reads one YAML 1.2 document keeping the offset of every value and key. Reports, each once: the
 * first syntax error (with a count of the ones after it), yaml's warnings, duplicate keys, more than one
 * document, an alias that contains itself, and an alias bomb (more than {@link MAX_ALIAS_COUNT}
 * alias expansions).
 */
export function parseYaml(text: string): ParsedSource {
  const documents = parseAllDocuments(text, YAML_OPTIONS);
  if (!Array.isArray(documents) || documents.length === 0) return { ok: true, value: undefined, tree: null };
  const [document, second] = documents;
  if (document === undefined) return { ok: true, value: undefined, tree: null };
  const faults: SourceFault[] = [];
  if (second !== undefined) {
    faults.push({
      offset: second.range[0],
      path: [],
      expected: 'a single YAML document',
      found: `${documents.length} documents (the second starts here)`,
    });
  }
  return readDocument(document, faults);
}

/** One document of a multi-document YAML text, with where it starts (an offset into the text). */
export interface YamlDocument {
  value: unknown;
  tree: SourceNode | null;
  offset: number;
}

/**
 * Reads every document of a YAML text (`---` separated, as Kubernetes manifests are), each with the offset
 * of every value and key, and the same faults as {@link parseYaml} in each; empty documents are left out.
 */
export function parseYamlDocuments(
  text: string,
): { ok: true; documents: YamlDocument[] } | { ok: false; faults: SourceFault[] } {
  const parsed = parseAllDocuments(text, YAML_OPTIONS);
  const all = Array.isArray(parsed) ? parsed : [];
  const documents: YamlDocument[] = [];
  const faults: SourceFault[] = [];
  for (const document of all) {
    const read = readDocument(document, []);
    if (!read.ok) faults.push(...read.faults);
    else if (read.value !== undefined)
      documents.push({ value: read.value, tree: read.tree, offset: document.range[0] });
  }
  return faults.length > 0 ? { ok: false, faults } : { ok: true, documents };
}

/** One parsed document as data with its source tree, or every fault found in it (after `faults` given). */
function readDocument(document: Document, faults: SourceFault[]): ParsedSource {
  const keyPaths = new Map<number, PathSegment[]>();
  const tree =
    document.contents === null
      ? null
      : buildTree(document, document.contents, [], new Set(), keyPaths, faults);
  const syntaxErrors = [];
  for (const issue of [...document.errors, ...document.warnings]) {
    const offset = issue.pos[0];
    if (issue.code === 'DUPLICATE_KEY') {
      const path = keyPaths.get(offset) ?? [];
      faults.push({ offset, path, expected: 'unique keys', found: `a second ${quote(path.at(-1) ?? '')}` });
    } else if (document.errors.includes(issue as (typeof document.errors)[number])) {
      syntaxErrors.push(issue);
    } else {
      faults.push({ offset, path: [], expected: 'valid YAML', found: `a syntax error (${issue.message})` });
    }
  }
  // After the first syntax error the parser's view of the rest is guesswork: a Markdown file read as
  // YAML gives one error per line. Only the first is a problem of its own; the others are counted.
  const [firstSyntaxError] = syntaxErrors.sort((a, b) => a.pos[0] - b.pos[0]);
  if (firstSyntaxError !== undefined) {
    const more = syntaxErrors.length - 1;
    const after = more === 0 ? '' : `; ${more} more after it, not listed, as they may follow from this one`;
    faults.push({
      offset: firstSyntaxError.pos[0],
      path: [],
      expected: 'valid YAML',
      found: `a syntax error (${firstSyntaxError.message})${after}`,
    });
  }
  if (faults.length > 0) return { ok: false, faults };
  if (tree === null || isEmptyScalar(document.contents)) return { ok: true, value: undefined, tree: null };
  try {
    return { ok: true, value: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), tree };
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    return {
      ok: false,
      faults: [
        {
          offset: firstAliasOffset(tree),
          path: [],
          expected: `at most ${MAX_ALIAS_COUNT} alias expansions`,
          found: 'more (an alias bomb, as in "billion laughs"?)',
        },
      ],
    };
  }
}

/** The source tree of a node; an alias is a leaf at the alias itself, so building it never expands aliases. */
function buildTree(
  document: Document,
  node: Node,
  path: PathSegment[],
  ancestors: Set<Node>,
  keyPaths: Map<number, PathSegment[]>,
  faults: SourceFault[],
): SourceNode {
  const offset = node.range?.[0] ?? 0;
  if (isAlias(node)) {
    const target = node.resolve(document);
    if (target !== undefined && ancestors.has(target)) {
      faults.push({
        offset,
        path: [...path],
        expected: 'an alias to a complete node',
        found: `*${node.source}, which contains itself`,
      });
    }
    return { offset, alias: true };
  }
  if (!isMap(node) && !isSeq(node)) return { offset };
  const children = new Map<PathSegment, SourceNode>();
  ancestors.add(node);
  if (isMap(node)) {
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const keyOffset = keyNode?.range?.[0] ?? offset;
      const childPath = [...path, key];
      keyPaths.set(keyOffset, childPath);
      const value = pair.value as Node | null;
      const child =
        value === null || isEmptyScalar(value)
          ? { offset: keyOffset }
          : buildTree(document, value, childPath, ancestors, keyPaths, faults);
      children.set(key, { ...child, keyOffset });
    }
  } else {
    node.items.forEach((item, index) => {
      const value = item as Node | null;
      const child =
        value === null
          ? { offset }
          : buildTree(document, value, [...path, index], ancestors, keyPaths, faults);
      children.set(index, child);
    });
  }
  ancestors.delete(node);
  return { offset, children };
}

function isEmptyScalar(node: unknown): boolean {
  return (
    isScalar(node) && node.value === null && node.range !== undefined && node.range?.[0] === node.range?.[1]
  );
}

function firstAliasOffset(tree: SourceNode): number | null {
  if (tree.alias) return tree.offset;
  for (const child of tree.children?.values() ?? []) {
    const found = firstAliasOffset(child);
    if (found !== null) return found;
  }
  return null;
}

function quote(segment: PathSegment): string {
  return typeof segment === 'number' ? `[${segment}]` : `'${segment}'`;
}
