import {
  analysisIntervalMs,
  type FlaggerAnalysis,
  type FlaggerMetric,
  type FlaggerWebhookType,
  maxWeightOf,
  nextStepWeight,
  TOTAL_WEIGHT,
} from '../gates/flagger/flaggerAnalysis.js';
import { validateAnalysis } from '../gates/flagger/validateAnalysis.js';
import type {
  DerivedPhase,
  FlaggerControllerPlan,
  FlaggerMetricPlan,
  FlaggerWebhookPlan,
} from '../scenario/controllerPlan.js';
import { formatDuration } from '../scenario/duration.js';
import type { PathSegment } from '../scenario/problems.js';
import { closestName } from '../scenario/suggest.js';
import { checkApiVersions, FLAGGER_PROVIDERS } from './controllerApis.js';
import type { ManifestDocument } from './manifestDocuments.js';
import { type Fields, isMapping, type ManifestReport } from './manifestFields.js';
import { intervalOf, metricSource, type SourceOptions } from './metricSource.js';
import { phaseName, roundToIntervals, wholeIntervals } from './phaseNames.js';

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

const IGNORED_ANALYSIS: Readonly<Record<string, string>> = {
  mirror: 'mirrored traffic is not modelled (Flagger spends one more check mirroring)',
  mirrorWeight: 'mirrored traffic is not modelled',
  primaryReadyThreshold: 'pod readiness is not modelled',
  canaryReadyThreshold: 'pod readiness is not modelled',
  alerts: 'alerts do not change a decision',
  sessionAffinity: 'session affinity does not change a decision',
};

const BUILTIN_METRICS: Readonly<
  Record<string, { metric: 'errorRate' | 'p99LatencyMs'; scale: number; complement: boolean; what: string }>
> = {
  'request-success-rate': {
    metric: 'errorRate',
    scale: 100,
    complement: true,
    what: 'success rate, percent',
  },
  'request-duration': { metric: 'p99LatencyMs', scale: 1, complement: false, what: 'P99 latency, ms' },
};

function readMetrics(
  canary: ManifestDocument,
  metrics: unknown[],
  path: PathSegment[],
  templates: ReadonlyMap<string, ManifestDocument>,
  options: SourceOptions,
  report: ManifestReport,
): { metrics: FlaggerMetric[]; plans: FlaggerMetricPlan[] } {
  const read: FlaggerMetric[] = [];
  const plans: FlaggerMetricPlan[] = [];
  metrics.forEach((item, i) => {
    const at: PathSegment[] = [...path, i];
    if (!isMapping(item) || typeof item.name !== 'string') {
      report.problem(canary, at, 'a metric with a name');
      return;
    }
    report.otherFields(canary, at, item, [
      'name',
      'interval',
      'thresholdRange',
      'threshold',
      'templateRef',
      'query',
      'templateVariables',
    ]);
    if (options.providers[item.name] !== undefined) {
      report.problem(
        canary,
        [...at, 'name'],
        'a metric measured by a query (controller.providers models Flagger webhooks; map a metric with controller.metrics)',
        `controller.providers.${item.name}`,
      );
      return;
    }
    const metric: FlaggerMetric = { name: item.name };
    const interval = report.text(canary, item, [...at, 'interval'], 'a Go duration such as 1m');
    if (interval !== undefined) metric.interval = interval;
    const range = report.mapping(canary, item, [...at, 'thresholdRange'], 'a range { min?, max? }');
    if (range !== undefined) {
      metric.thresholdRange = {};
      for (const bound of ['min', 'max'] as const) {
        const value = report.number(canary, range, [...at, 'thresholdRange', bound], 'a number');
        if (value !== undefined) metric.thresholdRange[bound] = value;
      }
    }
    const threshold = report.number(canary, item, [...at, 'threshold'], 'a number');
    if (threshold !== undefined) metric.threshold = threshold;
    const windowMs = intervalOf(metric.interval, 60_000);
    const builtin = BUILTIN_METRICS[item.name];
    const warn = (message: string) => report.warn(canary, at, message);
    if (
      builtin !== undefined &&
      options.providers[item.name] === undefined &&
      options.metrics[item.name] === undefined
    ) {
      const rounded = roundToIntervals(windowMs, options.intervalMs);
      if (rounded !== windowMs)
        warn(
          `approximated: the ${formatDuration(windowMs)} window is rehearsed as ${formatDuration(rounded)}`,
        );
      read.push(metric);
      plans.push({
        name: item.name,
        source: {
          kind: 'query',
          metric: builtin.metric,
          scale: builtin.scale,
          complement: builtin.complement,
          windowMs: rounded,
          description: `builtin ${item.name}: ${builtin.what} over ${formatDuration(windowMs)}`,
        },
      });
      return;
    }
    let query: string | null = typeof item.query === 'string' ? item.query : null;
    if (query !== null) metric.query = query;
    const ref = report.mapping(canary, item, [...at, 'templateRef'], 'a reference { name, namespace? }');
    if (ref !== undefined) {
      const name = typeof ref.name === 'string' ? ref.name : '';
      metric.templateRef = { name };
      const template = templates.get(name);
      if (template === undefined) {
        const known = [...templates.keys()];
        report.problem(
          canary,
          [...at, 'templateRef', 'name'],
          `the name of a MetricTemplate in the manifests (${known.length > 0 ? known.join(', ') : 'there is none'})`,
        );
        return;
      }
      const spec = isMapping(template.value.spec) ? template.value.spec : {};
      report.otherFields(template, ['spec'], spec, ['provider', 'query']);
      const provider = isMapping(spec.provider) ? spec.provider : {};
      const type = typeof provider.type === 'string' ? provider.type : 'prometheus';
      // A provider Flagger does not have is the problem readFlagger reports; no source to look for then.
      if (!FLAGGER_PROVIDERS.includes(type)) return;
      query = type === 'prometheus' && typeof spec.query === 'string' ? spec.query : null;
    }
    const canaryName = canary.name;
    const metadata = isMapping(canary.value.metadata) ? canary.value.metadata : {};
    const variables: Record<string, string> = {
      interval: metric.interval ?? '1m',
      name: canaryName,
      target: targetName(canary) ?? canaryName,
      namespace: typeof metadata.namespace === 'string' ? metadata.namespace : 'default',
    };
    if (isMapping(item.templateVariables))
      for (const [k, v] of Object.entries(item.templateVariables)) variables[`variables.${k}`] = String(v);
    const source = metricSource(item.name, query, variables, windowMs, options, report, canary, at);
    if (source === undefined) return;
    read.push(metric);
    plans.push({ name: item.name, source });
  });
  return { metrics: read, plans };
}

function targetName(canary: ManifestDocument): string | undefined {
  const spec = isMapping(canary.value.spec) ? canary.value.spec : {};
  const target = isMapping(spec.targetRef) ? spec.targetRef : {};
  return typeof target.name === 'string' ? target.name : undefined;
}

function readWebhooks(
  canary: ManifestDocument,
  hooks: unknown[],
  path: PathSegment[],
  options: SourceOptions,
  report: ManifestReport,
): FlaggerWebhookPlan[] {
  const plans: FlaggerWebhookPlan[] = [];
  hooks.forEach((item, i) => {
    const at: PathSegment[] = [...path, i];
    if (!isMapping(item) || typeof item.name !== 'string') {
      report.problem(canary, at, 'a webhook with a name');
      return;
    }
    const type = (item.type ?? 'rollout') as FlaggerWebhookType;
    if (!WEBHOOK_TYPES.includes(type)) {
      report.problem(canary, [...at, 'type'], `a webhook type (${WEBHOOK_TYPES.join(', ')})`);
      return;
    }
    const provider = options.providers[item.name];
    if (type === 'confirm-rollout')
      report.warn(canary, at, 'ignored: the rehearsal starts after the confirm-rollout gate');
    if (type === 'post-rollout' || type === 'event') return;
    plans.push({ name: item.name, type, successProbability: provider?.successProbability ?? null });
  });
  return plans;
}

/** The canary weights the analysis steps through when every check passes: one derived phase each. */
export function nominalWeights(analysis: FlaggerAnalysis): number[] {
  const weights: number[] = [];
  const maxWeight = maxWeightOf(analysis);
  let weight = 0;
  while (weight < maxWeight && weights.length <= TOTAL_WEIGHT) {
    const step = nextStepWeight(analysis, weight);
    if (step <= 0) break;
    weight = Math.min(TOTAL_WEIGHT, weight + step);
    weights.push(weight);
  }
  return weights;
}

/**
 * Reads a Canary (progressive weights) and its MetricTemplates into the controller plan and its derived
 * phases: one phase per weight the canary passes through, each nominally one check interval long.
 */
export function readFlagger(
  documents: readonly ManifestDocument[],
  options: SourceOptions & { manualPauseMs: number },
  report: ManifestReport,
): { plan: FlaggerControllerPlan; phases: DerivedPhase[] } | undefined {
  const canaries = documents.filter((d) => d.kind === 'Canary');
  const templates = new Map(documents.filter((d) => d.kind === 'MetricTemplate').map((d) => [d.name, d]));
  for (const document of documents) {
    if (!['Canary', 'MetricTemplate'].includes(document.kind))
      report.warn(document, ['kind'], `ignored: a ${document.kind} is not part of a Flagger plan`);
  }
  checkApiVersions(documents, 'flagger', report);
  for (const template of templates.values()) {
    // A provider that Flagger does not have: a misspelling, which a controller.metrics mapping would cover.
    const spec = isMapping(template.value.spec) ? template.value.spec : {};
    const type = isMapping(spec.provider) ? spec.provider.type : undefined;
    if (typeof type !== 'string' || FLAGGER_PROVIDERS.includes(type)) continue;
    const hint = closestName(type, FLAGGER_PROVIDERS);
    report.problem(
      template,
      ['spec', 'provider', 'type'],
      `one of Flagger's providers: ${FLAGGER_PROVIDERS.join(', ')}`,
      `${JSON.stringify(type)}${hint ? ` (did you mean ${hint}?)` : ''}`,
    );
  }
  const canary = canaries[0];
  if (canary === undefined || canaries.length > 1) {
    report.problem(
      canaries[1] ?? documents[0]!,
      ['kind'],
      'exactly one Canary in the manifests',
      `${canaries.length} Canaries`,
    );
    return undefined;
  }
  const spec = isMapping(canary.value.spec) ? canary.value.spec : {};
  report.otherFields(canary, ['spec'], spec, ['analysis', 'canaryAnalysis'], {
    targetRef: '',
    service: '',
    autoscalerRef: '',
    ingressRef: '',
    upstreamRef: '',
    provider: '',
    revertOnDeletion: '',
    suspend: '',
    progressDeadlineSeconds: 'pod readiness is not modelled',
    skipAnalysis: 'the rehearsal always runs the analysis',
  });
  const path: PathSegment[] = ['spec', 'analysis'];
  const fields: Fields | undefined = report.mapping(
    canary,
    spec,
    path,
    'an analysis { interval, threshold, stepWeight, metrics, ... }',
  );
  if (fields === undefined) {
    if (spec.analysis !== undefined) return undefined;
    if (spec.canaryAnalysis !== undefined)
      report.problem(
        canary,
        ['spec', 'canaryAnalysis'],
        'analysis (flagger.app/v1beta1 renamed canaryAnalysis to analysis: rename the field)',
        'canaryAnalysis',
        'key',
      );
    else report.problem(canary, path, 'an analysis { interval, threshold, stepWeight, metrics, ... }');
    return undefined;
  }
  report.otherFields(
    canary,
    path,
    fields,
    [
      'interval',
      'threshold',
      'maxWeight',
      'stepWeight',
      'stepWeights',
      'stepWeightPromotion',
      'iterations',
      'match',
      'metrics',
      'webhooks',
    ],
    IGNORED_ANALYSIS,
  );
  const analysis: FlaggerAnalysis = {};
  const interval = report.text(canary, fields, [...path, 'interval'], 'a Go duration such as 1m');
  if (interval !== undefined) analysis.interval = interval;
  const whole = (value: number) => Number.isInteger(value);
  for (const key of ['threshold', 'maxWeight', 'stepWeight', 'stepWeightPromotion', 'iterations'] as const) {
    const value = report.number(canary, fields, [...path, key], 'a whole number', whole);
    if (value !== undefined) analysis[key] = value;
  }
  const stepWeights = report.list(canary, fields, [...path, 'stepWeights'], 'a list of weights');
  if (stepWeights !== undefined) analysis.stepWeights = stepWeights.map(Number);
  if (fields.match !== undefined) {
    report.problem(
      canary,
      [...path, 'match'],
      'progressive traffic weights (A/B testing with match is not rehearsed yet)',
      'match',
    );
    return undefined;
  }
  if ((analysis.iterations ?? 0) > 0) {
    report.problem(
      canary,
      [...path, 'iterations'],
      'progressive traffic weights (Blue/Green iterations are not rehearsed yet)',
      String(analysis.iterations),
    );
    return undefined;
  }
  const metrics = readMetrics(
    canary,
    report.list(canary, fields, [...path, 'metrics'], 'a list of metrics') ?? [],
    [...path, 'metrics'],
    templates,
    options,
    report,
  );
  analysis.metrics = metrics.metrics;
  const webhooks = readWebhooks(
    canary,
    report.list(canary, fields, [...path, 'webhooks'], 'a list of webhooks') ?? [],
    [...path, 'webhooks'],
    options,
    report,
  );
  analysis.webhooks = webhooks.map((hook) => ({ name: hook.name, type: hook.type }));
  for (const problem of validateAnalysis(analysis, 'spec.analysis')) report.specProblem(canary, problem);
  if (report.problems.length > 0) return undefined;
  const checkIntervalMs = analysisIntervalMs(analysis);
  if (interval !== undefined && checkIntervalMs !== intervalOf(interval, checkIntervalMs)) {
    report.warn(
      canary,
      [...path, 'interval'],
      `Flagger checks at most every 10s: ${interval} runs as ${formatDuration(checkIntervalMs)}`,
    );
  }
  const weights = nominalWeights(analysis);
  const names = new Set<string>();
  const durationMs = wholeIntervals(checkIntervalMs, options.intervalMs, (message) =>
    report.warn(canary, [...path, 'interval'], message),
  );
  return {
    plan: {
      kind: 'flagger',
      canary: canary.name,
      analysis,
      checkIntervalMs: durationMs,
      metrics: metrics.plans,
      webhooks,
      phaseWeights: weights,
      manualPauseMs: options.manualPauseMs,
    },
    phases: weights.map((weight) => ({
      name: phaseName(`weight-${weight}`, names),
      traffic: weight / 100,
      durationMs,
      description: `canary weight ${weight}%, checked every ${formatDuration(checkIntervalMs)}`,
    })),
  };
}
