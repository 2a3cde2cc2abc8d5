import type { ArgoMetric } from '../gates/argo/argoMetric.js';
import { dryRunMetrics } from '../gates/argo/dryRunMetrics.js';
import { validateMetric } from '../gates/argo/validateMetric.js';
import type { ArgoAnalysisPlan, ArgoMetricPlan } from '../scenario/controllerPlan.js';
import { formatPath, type PathSegment } from '../scenario/problems.js';
import { ARGO_PROVIDERS } from './controllerApis.js';
import type { ManifestDocument } from './manifestDocuments.js';
import { type Fields, isMapping, type ManifestReport } from './manifestFields.js';
import { intervalOf, metricSource, type SourceOptions } from './metricSource.js';

/** A Rollout's reference to an analysis (its background `analysis` or an analysis step), located. */
export interface AnalysisReference {
  document: ManifestDocument;
  path: readonly PathSegment[];
  fields: Fields;
}

/** The AnalysisTemplates and ClusterAnalysisTemplates of the manifests, by name. */
export interface Templates {
  namespaced: ReadonlyMap<string, ManifestDocument>;
  cluster: ReadonlyMap<string, ManifestDocument>;
}

const METRIC_FIELDS = [
  'name',
  'interval',
  'initialDelay',
  'count',
  'failureLimit',
  'inconclusiveLimit',
  'consecutiveErrorLimit',
  'consecutiveSuccessLimit',
  'successCondition',
  'failureCondition',
  'provider',
];
const NUMBER_FIELDS = [
  'count',
  'failureLimit',
  'inconclusiveLimit',
  'consecutiveErrorLimit',
  'consecutiveSuccessLimit',
] as const;

function substitute(text: string, args: ReadonlyMap<string, string>): string {
  return text.replace(
    /\{\{\s*args\.([A-Za-z0-9_.-]+)\s*\}\}/g,
    (whole, name: string) => args.get(name) ?? whole,
  );
}

/** The Rollout's `args` (name → value); a `valueFrom` cannot be resolved offline and is a problem. */
function rolloutArgs(reference: AnalysisReference, report: ManifestReport): Map<string, string> {
  const args = new Map<string, string>();
  const list = report.list(
    reference.document,
    reference.fields,
    [...reference.path, 'args'],
    'a list of { name, value }',
  );
  list?.forEach((item, i) => {
    const path = [...reference.path, 'args', i];
    if (!isMapping(item) || typeof item.name !== 'string') {
      report.problem(reference.document, path, 'an argument { name, value }');
      return;
    }
    if (item.value !== undefined) args.set(item.name, String(item.value));
    else
      report.problem(
        reference.document,
        [...path, 'value'],
        'a value (valueFrom reads the cluster, which a rehearsal cannot)',
        item.valueFrom === undefined ? 'nothing' : 'valueFrom',
      );
  });
  return args;
}

/** One template's metrics with its arguments resolved (the Rollout's values over the template's defaults). */
function templateMetrics(
  template: ManifestDocument,
  given: ReadonlyMap<string, string>,
  options: SourceOptions,
  report: ManifestReport,
): { metrics: ArgoMetricPlan[]; dryRunRules: { metricName: string }[] } {
  const spec = isMapping(template.value.spec) ? template.value.spec : {};
  report.otherFields(template, ['spec'], spec, ['args', 'metrics', 'dryRun'], {
    measurementRetention: 'it changes only the stored history, not a decision',
  });
  const args = new Map<string, string>();
  report.list(template, spec, ['spec', 'args'], 'a list of { name, value? }')?.forEach((item, i) => {
    if (!isMapping(item) || typeof item.name !== 'string') {
      report.problem(template, ['spec', 'args', i], 'an argument { name, value? }');
      return;
    }
    const value = given.get(item.name) ?? (item.value === undefined ? undefined : String(item.value));
    if (value === undefined)
      report.problem(
        template,
        ['spec', 'args', i],
        `a value for argument ${item.name} (from the Rollout's analysis args, or a default here)`,
        'none',
      );
    else args.set(item.name, value);
  });
  const metrics: ArgoMetricPlan[] = [];
  const list = report.list(template, spec, ['spec', 'metrics'], 'a list of metrics') ?? [];
  if (list.length === 0) report.problem(template, ['spec', 'metrics'], 'at least one metric');
  list.forEach((item, i) => {
    const path: PathSegment[] = ['spec', 'metrics', i];
    if (!isMapping(item) || typeof item.name !== 'string') {
      report.problem(template, path, 'a metric with a name');
      return;
    }
    const metric = readMetric(template, item, path, args, report);
    if (metric === undefined) return;
    for (const problem of validateMetric(metric, formatPath(path))) report.specProblem(template, problem);
    const provider = isMapping(item.provider) ? item.provider : {};
    const kinds = Object.keys(provider);
    // A provider Argo does not have is the problem readArgo reports; no source to look for then.
    if (kinds.length === 1 && !ARGO_PROVIDERS.includes(kinds[0]!)) return;
    let query: string | null = null;
    if (kinds.includes('prometheus') && isMapping(provider.prometheus)) {
      const text = provider.prometheus.query;
      query = typeof text === 'string' ? substitute(text, args) : null;
    }
    const fallbackMs = intervalOf(metric.interval, options.intervalMs);
    const source = metricSource(metric.name, query, {}, fallbackMs, options, report, template, [
      ...path,
      'provider',
    ]);
    if (source !== undefined) metrics.push({ metric, dryRun: false, source, template: template.name });
  });
  const dryRunRules: { metricName: string }[] = [];
  report.list(template, spec, ['spec', 'dryRun'], 'a list of { metricName }')?.forEach((rule, i) => {
    if (isMapping(rule) && typeof rule.metricName === 'string')
      dryRunRules.push({ metricName: rule.metricName });
    else report.problem(template, ['spec', 'dryRun', i], 'a rule { metricName }');
  });
  return { metrics, dryRunRules };
}

function readMetric(
  template: ManifestDocument,
  item: Fields,
  path: PathSegment[],
  args: ReadonlyMap<string, string>,
  report: ManifestReport,
): ArgoMetric | undefined {
  report.otherFields(template, path, item, METRIC_FIELDS);
  const resolved: Fields = {};
  for (const [key, value] of Object.entries(item))
    resolved[key] = typeof value === 'string' ? substitute(value, args) : value;
  const metric: ArgoMetric = { name: item.name as string };
  const problemsBefore = report.problems.length;
  for (const key of ['interval', 'initialDelay', 'successCondition', 'failureCondition'] as const) {
    const value = report.text(template, resolved, [...path, key], 'a string');
    if (value !== undefined) metric[key] = value;
  }
  for (const key of NUMBER_FIELDS) {
    const value = report.number(template, resolved, [...path, key], 'a whole number', Number.isInteger);
    if (value !== undefined) metric[key] = value;
  }
  return report.problems.length > problemsBefore ? undefined : metric;
}

/**
 * The AnalysisRun a Rollout's analysis reference starts: its templates (`templateName`, `clusterScope`)
 * merged, arguments resolved, each metric checked with the controller's `ValidateMetric` rules and given
 * a source (src/controller/metricSource.ts), dry-run rules of the templates and the reference applied.
 */
export function readAnalysis(
  reference: AnalysisReference,
  templates: Templates,
  options: SourceOptions,
  report: ManifestReport,
): ArgoAnalysisPlan | undefined {
  const { document, path, fields } = reference;
  report.otherFields(document, path, fields, ['templates', 'args', 'dryRun', 'startingStep'], {
    measurementRetention: 'it changes only the stored history, not a decision',
    analysisRunMetadata: 'labels and annotations do not change a decision',
  });
  const args = rolloutArgs(reference, report);
  const list = report.list(document, fields, [...path, 'templates'], 'a list of { templateName }') ?? [];
  if (list.length === 0)
    report.problem(document, [...path, 'templates'], 'at least one template { templateName }');
  const names: string[] = [];
  const metrics: ArgoMetricPlan[] = [];
  const dryRunRules: { metricName: string }[] = [];
  list.forEach((item, i) => {
    const at = [...path, 'templates', i];
    if (!isMapping(item) || typeof item.templateName !== 'string') {
      report.problem(document, at, 'a template reference { templateName, clusterScope? }');
      return;
    }
    const byName = item.clusterScope === true ? templates.cluster : templates.namespaced;
    const template = byName.get(item.templateName);
    if (template === undefined) {
      const kind = item.clusterScope === true ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate';
      const known = [...byName.keys()];
      report.problem(
        document,
        [...at, 'templateName'],
        `the name of ${kind === 'AnalysisTemplate' ? 'an' : 'a'} ${kind} in the manifests (${known.length > 0 ? known.join(', ') : 'there is none'})`,
      );
      return;
    }
    names.push(template.name);
    const read = templateMetrics(template, args, options, report);
    metrics.push(...read.metrics);
    dryRunRules.push(...read.dryRunRules);
  });
  report.list(document, fields, [...path, 'dryRun'], 'a list of { metricName }')?.forEach((rule) => {
    if (isMapping(rule) && typeof rule.metricName === 'string')
      dryRunRules.push({ metricName: rule.metricName });
  });
  const dryRun = dryRunMetrics(
    dryRunRules,
    metrics.map((m) => m.metric.name),
    formatPath([...path, 'dryRun']),
  );
  for (const problem of dryRun.problems) report.specProblem(document, problem);
  if (report.problems.length > 0) return undefined;
  return {
    templates: names,
    metrics: metrics.map((metric) => ({ ...metric, dryRun: dryRun.names.has(metric.metric.name) })),
  };
}
