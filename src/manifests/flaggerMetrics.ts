import type { ManifestDocument } from '../controller/manifestDocuments.js';
import { isMapping, listAt, valueAt } from '../controller/manifestFields.js';
import { recognizeQuery } from '../gates/promql/recognizeQuery.js';
import { formatPath, type PathSegment } from '../scenario/problems.js';
import type { ImportedMetric } from './importedManifests.js';

const BUILTIN = ['request-success-rate', 'request-duration'];

/**
 * The metric checks and webhooks of a Flagger plan, in the order Flagger runs them, with what the
 * rehearsal makes of each metric: a builtin check, a query read by its shape (`{{ interval }}`,
 * `{{ namespace }}`, `{{ target }}` and `{{ variables.x }}` filled in as Flagger fills them), or a query to
 * map by hand. Reads manifests the scenario loader has accepted or will judge: anything malformed is
 * skipped here, not reported (a provider type Flagger does not have, too: the loader reports it). Pure.
 */
export function flaggerMetrics(documents: readonly ManifestDocument[]): {
  metrics: ImportedMetric[];
  webhooks: Array<{ name: string; type: string }>;
} {
  const canary = documents.find((document) => document.kind === 'Canary');
  if (canary === undefined) return { metrics: [], webhooks: [] };
  const analysis: PathSegment[] = ['spec', 'analysis'];
  const namespace = String(valueAt(canary.value, ['metadata', 'namespace']) ?? 'default');
  const target = String(valueAt(canary.value, ['spec', 'targetRef', 'name']) ?? '');
  const metrics: ImportedMetric[] = [];
  listAt(canary.value, [...analysis, 'metrics']).forEach((metric, i) => {
    if (!isMapping(metric) || typeof metric.name !== 'string') return;
    const name = metric.name;
    const at: PathSegment[] = [...analysis, 'metrics', i];
    const ref = isMapping(metric.templateRef) ? metric.templateRef : null;
    const template =
      ref === null
        ? null
        : documents.find(
            (d) =>
              d.kind === 'MetricTemplate' &&
              d.name === ref.name &&
              String(valueAt(d.value, ['metadata', 'namespace']) ?? ref.namespace ?? namespace) ===
                String(ref.namespace ?? namespace),
          );
    const document = template ?? canary;
    const path: PathSegment[] = template ? ['spec', 'query'] : [...at, 'query'];
    const query = valueAt(document.value, path);
    const position = document.locate(typeof query === 'string' ? path : at);
    const base = {
      name,
      file: document.file,
      line: position?.line ?? null,
      column: position?.column ?? null,
      path: formatPath(typeof query === 'string' ? path : at),
    };
    if (ref === null && typeof metric.query !== 'string') {
      if (BUILTIN.includes(name)) metrics.push({ ...base, source: 'builtin', provider: 'builtin' });
      return;
    }
    if (ref !== null && template === undefined) return;
    const provider = template
      ? String(valueAt(template.value, ['spec', 'provider', 'type']) ?? '')
      : 'prometheus';
    if (provider !== 'prometheus' || typeof query !== 'string') {
      const found = `metric "${name}": a ${provider} query, which the rehearsal does not read; map it to a modelled metric explicitly`;
      metrics.push({
        ...base,
        source: 'query',
        provider,
        unrecognised: { path: base.path, expected: 'a Prometheus query of a recognised shape', found },
      });
      return;
    }
    const variables: Record<string, string> = {
      namespace,
      target,
      interval: typeof metric.interval === 'string' ? metric.interval : '1m',
    };
    if (isMapping(metric.templateVariables)) {
      for (const [key, value] of Object.entries(metric.templateVariables))
        variables[`variables.${key}`] = String(value);
    }
    const recognised = recognizeQuery(name, query, base.path, variables);
    metrics.push(
      recognised.ok
        ? { ...base, source: 'query', provider, mapping: recognised.mapping }
        : { ...base, source: 'query', provider, unrecognised: recognised.problem },
    );
  });
  const webhooks = listAt(canary.value, [...analysis, 'webhooks']).flatMap((hook) =>
    isMapping(hook) && typeof hook.name === 'string'
      ? [{ name: hook.name, type: typeof hook.type === 'string' ? hook.type : 'rollout' }]
      : [],
  );
  return { metrics, webhooks };
}
