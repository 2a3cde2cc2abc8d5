import { describeValue } from '../scenario/issuesToProblems.js';
import type { ControllerKind } from './importedManifests.js';
import { isFields, type ManifestCheck } from './manifestCheck.js';
import type { ManifestDocument } from './parseManifests.js';

/** Each controller's API group and the kinds of it that a rehearsal reads. */
export const CONTROLLER_APIS: Readonly<Record<ControllerKind, { group: string; kinds: readonly string[] }>> =
  {
    argo: { group: 'argoproj.io', kinds: ['Rollout', 'AnalysisTemplate', 'ClusterAnalysisTemplate'] },
    flagger: { group: 'flagger.app', kinds: ['Canary', 'MetricTemplate'] },
  };

const OTHER: Readonly<Record<ControllerKind, ControllerKind>> = { argo: 'flagger', flagger: 'argo' };

/** The documents of one kind, in the order given. */
export type DocumentsByKind = Map<string, ManifestDocument[]>;

function expectedKinds(controller: ControllerKind): string {
  const { group, kinds } = CONTROLLER_APIS[controller];
  return `${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1)} (${group}), as \`rehearse import ${controller}\` reads`;
}

/**
 * Sorts manifest documents by kind, checking that each is a Kubernetes object with `apiVersion`, `kind`
 * and `metadata.name`. A kind of the other controller is a problem (the wrong command); other
 * Kubernetes objects (a Service, a Deployment) are ignored with a warning.
 */
export function classifyDocuments(
  documents: readonly ManifestDocument[],
  controller: ControllerKind,
  check: ManifestCheck,
): DocumentsByKind {
  const { group, kinds } = CONTROLLER_APIS[controller];
  const other = CONTROLLER_APIS[OTHER[controller]];
  const byKind: DocumentsByKind = new Map(kinds.map((kind) => [kind, []]));
  for (const document of documents) {
    if (!isFields(document.value)) {
      const expected = 'a Kubernetes object: a mapping with apiVersion, kind, metadata and spec';
      check.problem(document, [], expected, describeValue(document.value));
      continue;
    }
    const kind = check.text(document, ['kind'], expectedKinds(controller));
    const apiVersion = check.text(document, ['apiVersion'], `an apiVersion (${group}/…)`);
    if (kind === undefined || apiVersion === undefined) continue;
    const apiGroup = apiVersion.split('/')[0];
    if (apiGroup === other.group || (other.kinds.includes(kind) && !kinds.includes(kind))) {
      const found = `${kind} (${apiVersion}), ${OTHER[controller] === 'argo' ? 'an Argo Rollouts' : 'a Flagger'} manifest: read it with \`rehearse import ${OTHER[controller]}\``;
      check.problem(document, ['kind'], expectedKinds(controller), found);
      continue;
    }
    if (!kinds.includes(kind)) {
      check.warning(document, ['kind'], expectedKinds(controller), `${kind} (${apiVersion}): ignored`);
      continue;
    }
    if (apiGroup !== group) {
      check.problem(document, ['apiVersion'], `${group}/… for a ${kind}`, JSON.stringify(apiVersion));
      continue;
    }
    if (check.text(document, ['metadata', 'name'], `the ${kind}'s name`) === undefined) continue;
    byKind.get(kind)!.push(document);
  }
  return byKind;
}

/** The one Rollout or Canary among the documents: a problem when there is none, or more than one. */
export function theOne(
  byKind: DocumentsByKind,
  kind: string,
  files: readonly string[],
  check: ManifestCheck,
): ManifestDocument | undefined {
  const found = byKind.get(kind) ?? [];
  if (found.length === 0) {
    // A document of the wrong kind already says why there is none.
    if (check.problems.length > 0) return undefined;
    check.problems.push({
      file: files.join(', '),
      line: null,
      column: null,
      path: '',
      expected: `one ${kind} among the manifests`,
      found: 'none',
    });
    return undefined;
  }
  for (const extra of found.slice(1)) {
    check.problem(extra, ['kind'], `one ${kind} among the manifests`, `a second ${kind}, ${nameOf(extra)}`);
  }
  return found[0];
}

/** A document's `metadata.name` (checked by {@link classifyDocuments}). */
export function nameOf(document: ManifestDocument): string {
  return String((document.value as { metadata: { name: string } }).metadata.name);
}
