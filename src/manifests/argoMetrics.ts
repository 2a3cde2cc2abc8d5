import type { ManifestDocument } from '../controller/manifestDocuments.js';
import { type Fields, isMapping, listAt, valueAt } from '../controller/manifestFields.js';
import { type QueryVariables, recognizeQuery } from '../gates/promql/recognizeQuery.js';
import { formatPath, type PathSegment } from '../scenario/problems.js';
import type { ImportedMetric } from './importedManifests.js';

const PASS_FAIL_PROVIDERS = ['job', 'web'];

/** The `args` of an analysis or a template as name → value (one with `valueFrom` has no value here). */
function argumentValues(value: unknown, path: readonly PathSegment[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const arg of listAt(value, path)) {
    if (isMapping(arg) && typeof arg.name === 'string' && arg.value !== undefined)
      values[arg.name] = String(arg.value);
  }
  return values;
}

/**
 * The metrics of an Argo Rollouts plan, each once, in the order the controller runs them (background
 * analysis first, then the analysis steps), with what the rehearsal makes of each: a Prometheus query
 * read by its shape (`{{args.x}}` filled in from the Rollout's and the template's arguments), a query to
 * map by hand, or a job or web measurement. Reads manifests the scenario loader has accepted or will
 * judge: anything malformed is skipped here, not reported (a provider Argo does not have, too: the
 * loader reports it). Pure.
 */
export function argoMetrics(documents: readonly ManifestDocument[]): {
  metrics: ImportedMetric[];
} {
  const rollout = documents.find((document) => document.kind === 'Rollout');
  if (rollout === undefined) return { metrics: [] };
  const canary: PathSegment[] = ['spec', 'strategy', 'canary'];
  const analyses: PathSegment[][] = [];
  if (isMapping(valueAt(rollout.value, [...canary, 'analysis']))) analyses.push([...canary, 'analysis']);
  listAt(rollout.value, [...canary, 'steps']).forEach((step, i) => {
    if (isMapping(step) && isMapping(step.analysis)) analyses.push([...canary, 'steps', i, 'analysis']);
  });
  const metrics: ImportedMetric[] = [];
  const seen = new Set<string>();
  for (const path of analyses) {
    const args = argumentValues(rollout.value, [...path, 'args']);
    for (const reference of listAt(rollout.value, [...path, 'templates'])) {
      if (!isMapping(reference)) continue;
      const kind = reference.clusterScope === true ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate';
      const template = documents.find((d) => d.kind === kind && d.name === reference.templateName);
      if (template === undefined) continue;
      const values = { ...argumentValues(template.value, ['spec', 'args']), ...args };
      const variables = Object.fromEntries(
        Object.entries(values).map(([name, value]) => [`args.${name}`, value]),
      );
      listAt(template.value, ['spec', 'metrics']).forEach((metric, i) => {
        if (!isMapping(metric) || typeof metric.name !== 'string' || seen.has(metric.name)) return;
        seen.add(metric.name);
        const path: PathSegment[] = ['spec', 'metrics', i];
        const imported = importedMetric(template, metric, path, variables);
        if (imported !== null) metrics.push(imported);
      });
    }
  }
  return { metrics };
}

function importedMetric(
  template: ManifestDocument,
  metric: Fields,
  path: PathSegment[],
  variables: QueryVariables,
): ImportedMetric | null {
  const name = String(metric.name);
  const providers = isMapping(metric.provider) ? Object.keys(metric.provider) : [];
  const provider = providers[0];
  if (provider === undefined || providers.length !== 1) return null;
  const queryPath = [...path, 'provider', provider, 'query'];
  const query = valueAt(template.value, queryPath);
  const position = template.locate(typeof query === 'string' ? queryPath : path);
  const base = {
    name,
    provider,
    file: template.file,
    line: position?.line ?? null,
    column: position?.column ?? null,
    path: formatPath(path),
  };
  if (PASS_FAIL_PROVIDERS.includes(provider)) return { ...base, source: provider as 'job' | 'web' };
  if (provider !== 'prometheus' || typeof query !== 'string') {
    const found = `metric "${name}": a ${provider} metric, which the rehearsal does not read; map it to a modelled metric explicitly`;
    const unrecognised = {
      path: formatPath([...path, 'provider', provider]),
      expected: 'a Prometheus query of a recognised shape',
      found,
    };
    return { ...base, source: 'query', unrecognised };
  }
  const recognised = recognizeQuery(name, query, formatPath(queryPath), variables);
  return recognised.ok
    ? { ...base, source: 'query', mapping: recognised.mapping }
    : { ...base, source: 'query', unrecognised: recognised.problem };
}
