import type { ManifestDocument } from '../controller/manifestDocuments.js';
import { locatedProblem } from '../scenario/locatedProblem.js';
import type { Problem } from '../scenario/problems.js';
import type { ControllerKind } from './importedManifests.js';

const KINDS: Readonly<Record<ControllerKind, { name: string; group: string; kinds: readonly string[] }>> = {
  argo: {
    name: 'an Argo Rollouts',
    group: 'argoproj.io',
    kinds: ['Rollout', 'AnalysisTemplate', 'ClusterAnalysisTemplate'],
  },
  flagger: { name: 'a Flagger', group: 'flagger.app', kinds: ['Canary', 'MetricTemplate'] },
};

/**
 * A problem for each document of the other controller (a Canary given to `rehearse import argo`): the
 * command names the wrong controller, which the scenario loader, told one kind, cannot say.
 */
export function wrongController(documents: readonly ManifestDocument[], kind: ControllerKind): Problem[] {
  const other: ControllerKind = kind === 'argo' ? 'flagger' : 'argo';
  const { group, kinds } = KINDS[kind];
  const expected = `${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1)} (${group}), as \`rehearse import ${kind}\` reads`;
  return documents
    .filter((document) => KINDS[other].kinds.includes(document.kind) && !kinds.includes(document.kind))
    .map((document) =>
      locatedProblem(
        document.file,
        document.locate(['kind']),
        ['kind'],
        expected,
        `${document.kind} (${document.apiVersion}), ${KINDS[other].name} manifest: read it with \`rehearse import ${other}\``,
      ),
    );
}
