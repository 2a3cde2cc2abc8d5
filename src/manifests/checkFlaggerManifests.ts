import type { FlaggerAnalysis, FlaggerMetric, FlaggerWebhookType } from '../gates/flagger/flaggerAnalysis.js';
import { validateAnalysis } from '../gates/flagger/validateAnalysis.js';
import { type QueryVariables, recognizeQuery } from '../gates/promql/recognizeQuery.js';
import { formatPath, type PathSegment } from '../scenario/problems.js';
import { closestName } from '../scenario/suggest.js';
import { classifyDocuments, nameOf, theOne } from './classifyDocuments.js';
import type { ImportedMetric, ImportResult } from './importedManifests.js';
import { type Fields, ManifestCheck, valueAt } from './manifestCheck.js';
import type { ManifestDocument } from './parseManifests.js';

/** Flagger's metric providers (MetricTemplate `spec.provider.type`). */
const PROVIDERS = [
  'prometheus',
  'datadog',
  'cloudwatch',
  'newrelic',
  'graphite',
  'stackdriver',
  'influxdb',
  'dynatrace',
  'keptn',
  'splunk',
];

const WEBHOOK_TYPES: readonly FlaggerWebhookType[] = [
  'pre-rollout',
  'rollout',
  'confirm-rollout',
  'confirm-traffic-increase',
  'confirm-promotion',
  'post-rollout',
  'rollback',
  'event',
];

const ANALYSIS_NUMBERS = [
  'threshold',
  'maxWeight',
  'stepWeight',
  'stepWeightPromotion',
  'iterations',
] as const;

/**
 * Checks a Flagger plan (a Canary with the MetricTemplates it references) for what a rehearsal needs: a
 * `spec.analysis` whose fields have their types and pass Flagger's own sense checks, webhooks of known
 * types, every `templateRef` given, and each MetricTemplate with a provider and a query. Queries are read
 * by shape, `{{ interval }}`, `{{ namespace }}`, `{{ target }}` and `{{ variables.x }}` filled in as
 * Flagger fills them. Pure: every problem comes back located.
 */
export function checkFlaggerManifests(
  documents: readonly ManifestDocument[],
  files: readonly string[],
): ImportResult {
  const check = new ManifestCheck();
  const byKind = classifyDocuments(documents, 'flagger', check);
  const canary = theOne(byKind, 'Canary', files, check);
  const templates = byKind.get('MetricTemplate')!;
  for (const template of templates) {
    const type = check.text(
      template,
      ['spec', 'provider', 'type'],
      `a provider type: one of ${PROVIDERS.join(', ')}`,
    );
    if (type !== undefined && !PROVIDERS.includes(type)) {
      const hint = closestName(type, PROVIDERS);
      const found = `${JSON.stringify(type)}${hint ? ` (did you mean ${hint}?)` : ''}`;
      check.problem(template, ['spec', 'provider', 'type'], `one of ${PROVIDERS.join(', ')}`, found);
    }
    check.text(template, ['spec', 'query'], 'a query');
  }
  if (canary === undefined) return { ok: false, problems: check.problems, warnings: check.warnings };

  const analysisPath = ['spec', 'analysis'];
  if (
    valueAt(canary.value, analysisPath) === undefined &&
    valueAt(canary.value, ['spec', 'canaryAnalysis']) !== undefined
  ) {
    check.problem(
      canary,
      ['spec', 'canaryAnalysis'],
      'spec.analysis (canaryAnalysis is its old name: rename it)',
      'canaryAnalysis',
      'key',
    );
    return { ok: false, problems: check.problems, warnings: check.warnings };
  }
  const analysis = check.mapping(
    canary,
    analysisPath,
    'an analysis: { interval, threshold, stepWeight | stepWeights | iterations, metrics }',
  );
  if (analysis === undefined) return { ok: false, problems: check.problems, warnings: check.warnings };
  const typed = typedAnalysis(canary, analysisPath, check);
  const namespace = String(valueAt(canary.value, ['metadata', 'namespace']) ?? 'default');
  const target = check.text(canary, ['spec', 'targetRef', 'name'], 'the target: targetRef.name') ?? '';
  const references: Array<{ metric: FlaggerMetric; index: number; template: ManifestDocument | null }> = [];
  (typed.metrics ?? []).forEach((metric, index) => {
    const at = [...analysisPath, 'metrics', index];
    if (metric.templateRef === undefined) {
      references.push({ metric, index, template: null });
      return;
    }
    const { name, namespace: wanted = namespace } = metric.templateRef;
    const template = templates.find(
      (candidate) =>
        nameOf(candidate) === name &&
        String(valueAt(candidate.value, ['metadata', 'namespace']) ?? wanted) === wanted,
    );
    if (template === undefined) {
      const names = templates.map(nameOf);
      const found = `none named ${JSON.stringify(name)} in namespace ${wanted}${names.length > 0 ? ` (given: ${names.join(', ')})` : ''}`;
      check.problem(
        canary,
        [...at, 'templateRef', 'name'],
        'a MetricTemplate given among the manifests',
        found,
      );
      return;
    }
    references.push({ metric, index, template });
  });
  for (const problem of validateAnalysis(typed, formatPath(analysisPath))) check.specProblem(canary, problem);
  const used = new Set(references.flatMap((reference) => (reference.template ? [reference.template] : [])));
  for (const template of templates) {
    if (!used.has(template)) {
      check.warning(
        template,
        ['metadata', 'name'],
        'a template the Canary references',
        `${nameOf(template)}: not referenced, ignored`,
      );
    }
  }
  if (check.problems.length > 0) return { ok: false, problems: check.problems, warnings: check.warnings };

  const templateVariables = valueAt(canary.value, [...analysisPath, 'metrics']) as Fields[];
  const metrics: ImportedMetric[] = references.map(({ metric, index, template }) => {
    const path: PathSegment[] = template === null ? [...analysisPath, 'metrics', index] : ['spec', 'query'];
    const document = template ?? canary;
    const position = document.locate(path);
    const base = {
      name: metric.name,
      file: document.file,
      line: position?.line ?? null,
      column: position?.column ?? null,
      path: formatPath(path),
    };
    if (metric.templateRef === undefined && metric.query === undefined) {
      return { ...base, source: 'builtin', provider: 'builtin' };
    }
    const provider =
      template === null ? 'prometheus' : String(valueAt(template.value, ['spec', 'provider', 'type']));
    const query = template === null ? metric.query! : String(valueAt(template.value, ['spec', 'query']));
    const variables: QueryVariables = {
      namespace,
      target,
      interval: metric.interval ?? '1m',
      ...variablesOf(templateVariables[index]?.templateVariables),
    };
    const queryPath = template === null ? formatPath([...path, 'query']) : 'spec.query';
    if (provider !== 'prometheus') {
      const found = `metric "${metric.name}": a ${provider} query, which the rehearsal does not read; map it to a modelled metric explicitly`;
      return {
        ...base,
        source: 'query',
        provider,
        unrecognised: { path: queryPath, expected: 'a Prometheus query of a recognised shape', found },
      };
    }
    const recognised = recognizeQuery(metric.name, query, queryPath, variables);
    return recognised.ok
      ? { ...base, source: 'query', provider, mapping: recognised.mapping }
      : { ...base, source: 'query', provider, unrecognised: recognised.problem };
  });
  const weights = typed.stepWeights ?? [];
  const steps =
    weights.length > 0
      ? `stepWeights ${weights.join(', ')}`
      : typed.stepWeight
        ? `stepWeight ${typed.stepWeight} to maxWeight ${typed.maxWeight ?? 100}`
        : `${typed.iterations ?? 0} iterations`;
  const summary = `Canary ${nameOf(canary)}: every ${typed.interval ?? '1m'}, ${steps}, threshold ${typed.threshold ?? 1}`;
  const usedDocuments = documents.filter((document) => document === canary || used.has(document));
  return {
    ok: true,
    manifests: {
      kind: 'flagger',
      name: nameOf(canary),
      documents: usedDocuments,
      metrics,
      summary,
      webhooks: (typed.webhooks ?? []).map(({ name, type }) => ({ name, type: type ?? 'rollout' })),
      warnings: check.warnings,
    },
  };
}

/** `{{ variables.x }}` values from a metric's `templateVariables`. */
function variablesOf(values: unknown): QueryVariables {
  if (typeof values !== 'object' || values === null) return {};
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [`variables.${name}`, String(value)]),
  );
}

/** `spec.analysis` with each field type-checked, as the gates library's `FlaggerAnalysis`. */
function typedAnalysis(canary: ManifestDocument, path: PathSegment[], check: ManifestCheck): FlaggerAnalysis {
  const analysis: FlaggerAnalysis = {};
  const interval = check.goDuration(canary, [...path, 'interval']);
  if (interval !== undefined) analysis.interval = interval;
  for (const field of ANALYSIS_NUMBERS) {
    const value = check.wholeNumber(canary, [...path, field], 0, Number.MAX_SAFE_INTEGER);
    if (value !== undefined) analysis[field] = value;
  }
  const stepWeights = check.list(canary, [...path, 'stepWeights'], null);
  if (stepWeights !== undefined) analysis.stepWeights = stepWeights as number[];
  if (valueAt(canary.value, [...path, 'match']) !== undefined) analysis.match = true;
  analysis.metrics = (check.list(canary, [...path, 'metrics'], null) ?? []).flatMap((_, i) => {
    const at = [...path, 'metrics', i];
    if (check.mapping(canary, at, 'a metric: { name, thresholdRange, interval }') === undefined) return [];
    const name = check.text(canary, [...at, 'name'], 'a metric name');
    if (name === undefined) return [];
    const metric: FlaggerMetric = { name };
    const metricInterval = check.goDuration(canary, [...at, 'interval']);
    if (metricInterval !== undefined) metric.interval = metricInterval;
    const min = check.number(canary, [...at, 'thresholdRange', 'min']);
    const max = check.number(canary, [...at, 'thresholdRange', 'max']);
    if (valueAt(canary.value, [...at, 'thresholdRange']) !== undefined) {
      metric.thresholdRange = {
        ...(min === undefined ? {} : { min }),
        ...(max === undefined ? {} : { max }),
      };
    }
    const threshold = check.number(canary, [...at, 'threshold']);
    if (threshold !== undefined) metric.threshold = threshold;
    if (valueAt(canary.value, [...at, 'templateRef']) !== undefined) {
      const ref = check.text(canary, [...at, 'templateRef', 'name'], 'a templateRef: { name, namespace? }');
      const namespace = check.text(canary, [...at, 'templateRef', 'namespace'], null);
      if (ref === undefined) return [];
      metric.templateRef = { name: ref, ...(namespace === undefined ? {} : { namespace }) };
    }
    const query = check.text(canary, [...at, 'query'], null);
    if (query !== undefined) metric.query = query;
    return [metric];
  });
  analysis.webhooks = (check.list(canary, [...path, 'webhooks'], null) ?? []).flatMap((_, i) => {
    const at = [...path, 'webhooks', i];
    const name = check.text(canary, [...at, 'name'], 'a webhook name');
    const type = check.text(canary, [...at, 'type'], null) as FlaggerWebhookType | undefined;
    if (type !== undefined && !WEBHOOK_TYPES.includes(type)) {
      const hint = closestName(type, WEBHOOK_TYPES);
      check.problem(
        canary,
        [...at, 'type'],
        `one of ${WEBHOOK_TYPES.join(', ')}`,
        `${JSON.stringify(type)}${hint ? ` (did you mean ${hint}?)` : ''}`,
      );
    }
    return name === undefined ? [] : [{ name, ...(type === undefined ? {} : { type }) }];
  });
  return analysis;
}
