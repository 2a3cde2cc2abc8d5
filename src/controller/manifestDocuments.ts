import { describeValue } from '../scenario/issuesToProblems.js';
import { locatedProblem } from '../scenario/locatedProblem.js';
import { parseYamlDocuments } from '../scenario/parseYaml.js';
import type { PathSegment, Problem } from '../scenario/problems.js';
import { type Locate, makeLocate, makePositionAt } from '../scenario/sourceMap.js';

/** A manifest file's text, as the caller read it; `file` is the name problems give. */
export interface ManifestText {
  file: string;
  text: string;
}

/** One Kubernetes object of a manifest file: its kind, name, content and a way to point at its lines. */
export interface ManifestDocument {
  file: string;
  apiVersion: string;
  kind: string;
  name: string;
  /** The object as data. */
  value: Record<string, unknown>;
  locate: Locate;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every object of the manifest files (multi-document YAML, `---` separated), each with its positions.
 * YAML faults, and a document that is not a Kubernetes object (no `kind`, no `metadata.name`), are
 * problems with file and line. Pure.
 *
 * @example readManifestDocuments([{ file: 'rollout.yaml', text }]).documents[0].kind // 'Rollout'
 */
export function readManifestDocuments(
  texts: readonly ManifestText[],
): { ok: true; documents: ManifestDocument[] } | { ok: false; problems: Problem[] } {
  const documents: ManifestDocument[] = [];
  const problems: Problem[] = [];
  for (const { file, text } of texts) {
    const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
    const parsed = parseYamlDocuments(body);
    if (!parsed.ok) {
      const positionAt = makePositionAt(body);
      for (const fault of parsed.faults) {
        const position = fault.offset === null ? null : positionAt(fault.offset);
        problems.push(locatedProblem(file, position, fault.path, fault.expected, fault.found));
      }
      continue;
    }
    if (parsed.documents.length === 0) {
      problems.push(locatedProblem(file, null, [], 'Kubernetes manifests (YAML documents)', 'an empty file'));
    }
    for (const document of parsed.documents) {
      const locate = makeLocate(document.tree, body);
      const at = (path: readonly PathSegment[], expected: string, found: string) =>
        problems.push(locatedProblem(file, locate(path), path, expected, found));
      const value = document.value;
      if (!isMapping(value)) {
        at([], 'a Kubernetes object (a mapping with apiVersion, kind, metadata, spec)', describeValue(value));
        continue;
      }
      const kind = value.kind;
      const metadata = value.metadata;
      const name = isMapping(metadata) ? metadata.name : undefined;
      if (typeof kind !== 'string') {
        at(
          ['kind'],
          'the kind of a Kubernetes object (Rollout, AnalysisTemplate, Canary, ...)',
          describeValue(kind),
        );
        continue;
      }
      if (typeof name !== 'string' || name === '') {
        at(['metadata', 'name'], 'the object name', describeValue(name));
        continue;
      }
      const apiVersion = typeof value.apiVersion === 'string' ? value.apiVersion : '';
      documents.push({ file, apiVersion, kind, name, value, locate });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, documents };
}
