import { type ManifestText, parseControllerManifests, readManifestDocuments } from '../controller/index.js';
import type { MetricName } from '../gates/metrics.js';
import { argoMetrics } from './argoMetrics.js';
import { flaggerMetrics } from './flaggerMetrics.js';
import { type ControllerKind, DEFAULT_SUCCESS_PROBABILITY, type ImportResult } from './importedManifests.js';
import type { KeptController } from './keptController.js';
import { wrongController } from './wrongController.js';

const CONTROLLER_NAMES = { argo: 'Rollout', flagger: 'Canary' } as const;

/**
 * Checks a controller's manifests as the scenario loader will (`parseControllerManifests`, one parser for
 * both), and lists their metrics for the scenario an import writes. A query of no recognised shape is not
 * a problem here but a line for the user to fill in, so the manifests are checked as if each such query
 * were mapped, and each job or web metric modelled. One problem is the import's own: a document of the
 * other controller (the command names the wrong one). Pure.
 *
 * @example importManifests([{ file: 'rollout.yaml', text }], 'argo', keptController(undefined)).manifests.summary
 * // 'Rollout guestbook: 4 phases (weight-20 → weight-40 → weight-60 → weight-80)'
 */
export function importManifests(
  texts: readonly ManifestText[],
  kind: ControllerKind,
  kept: KeptController,
): ImportResult {
  const read = readManifestDocuments(texts);
  if (!read.ok) return read;
  const wrong = wrongController(read.documents, kind);
  if (wrong.length > 0) return { ok: false, problems: wrong };
  const { metrics, webhooks } =
    kind === 'argo' ? { ...argoMetrics(read.documents), webhooks: [] } : flaggerMetrics(read.documents);
  const mappings: Record<string, MetricName> = Object.fromEntries(kept.metrics) as Record<string, MetricName>;
  const providers: Record<string, { successProbability: number }> = {};
  for (const [name, successProbability] of kept.providers) providers[name] = { successProbability };
  for (const metric of metrics) {
    // Checked as if mapped: the scenario asks the user for the metric it measures.
    if (metric.unrecognised !== undefined && mappings[metric.name] === undefined)
      mappings[metric.name] = 'errorRate';
    if ((metric.source === 'job' || metric.source === 'web') && providers[metric.name] === undefined) {
      providers[metric.name] = { successProbability: DEFAULT_SUCCESS_PROBABILITY };
    }
  }
  const checked = parseControllerManifests(texts, { kind, metrics: mappings, providers });
  if (!checked.ok) return checked;
  const { plan, phases, warnings } = checked.manifests;
  const name = plan.kind === 'argo' ? plan.rollout : plan.canary;
  const summary = `${CONTROLLER_NAMES[kind]} ${name}: ${phases.length} phase${phases.length === 1 ? '' : 's'} (${phases.map((phase) => phase.name).join(' → ')})`;
  return {
    ok: true,
    manifests: { kind, name, documents: read.documents, metrics, summary, webhooks, warnings: [...warnings] },
  };
}
