import type { ArgoMetric } from '../gates/argo/argoMetric.js';
import { validateMetric } from '../gates/argo/validateMetric.js';
import { type QueryVariables, recognizeQuery } from '../gates/promql/recognizeQuery.js';
import { formatPath, type PathSegment } from '../scenario/problems.js';
import { closestName } from '../scenario/suggest.js';
import { classifyDocuments, nameOf, theOne } from './classifyDocuments.js';
import type { ImportedMetric, ImportResult } from './importedManifests.js';
import { type Fields, isFields, ManifestCheck, valueAt } from './manifestCheck.js';
import type { ManifestDocument } from './parseManifests.js';

/** The canary steps a rehearsal models, and those it skips with a warning. */
const STEPS = ['setWeight', 'pause', 'analysis'];
const UNMODELLED_STEPS = ['setCanaryScale', 'experiment', 'setHeaderRoute', 'setMirrorRoute', 'plugin'];

/** Argo's metric providers: Prometheus queries are read by shape, job and web measure pass/fail. */
const QUERY_PROVIDERS = [
  'prometheus',
  'datadog',
  'newRelic',
  'wavefront',
  'cloudWatch',
  'graphite',
  'influxdb',
  'skywalking',
  'kayenta',
  'plugin',
];
const PASS_FAIL_PROVIDERS = ['job', 'web'];
const PROVIDERS = [...QUERY_PROVIDERS, ...PASS_FAIL_PROVIDERS];

interface TemplateReference {
  document: ManifestDocument;
  path: PathSegment[];
  variables: QueryVariables;
}

/**
 * Checks an Argo Rollouts plan (a Rollout with the AnalysisTemplates it references) for what a rehearsal
 * needs: a canary strategy with steps (`setWeight` 0–100, `pause` with a duration or none, `analysis`),
 * a background analysis with a valid `startingStep`, every referenced template given, and each metric
 * valid as the controller validates it, with a provider the rehearsal can model. Prometheus queries are
 * read by shape (`{{args.x}}` filled from the Rollout's and the template's arguments). Pure: every
 * problem comes back located.
 */
export function checkArgoManifests(
  documents: readonly ManifestDocument[],
  files: readonly string[],
): ImportResult {
  const check = new ManifestCheck();
  const byKind = classifyDocuments(documents, 'argo', check);
  const rollout = theOne(byKind, 'Rollout', files, check);
  const templates = [...byKind.get('AnalysisTemplate')!, ...byKind.get('ClusterAnalysisTemplate')!];
  for (const template of templates) checkTemplate(template, check);
  if (rollout === undefined) return { ok: false, problems: check.problems, warnings: check.warnings };

  const strategy = check.mapping(rollout, ['spec', 'strategy'], 'a strategy: { canary: { steps: […] } }');
  const canaryPath = ['spec', 'strategy', 'canary'];
  let steps: unknown[] = [];
  if (strategy !== undefined) {
    if (strategy.canary === undefined) {
      const found = Object.keys(strategy).join(', ') || 'nothing';
      check.problem(rollout, canaryPath, 'a canary strategy (the rehearsal models canary steps)', found);
    } else {
      steps = check.list(rollout, [...canaryPath, 'steps'], null) ?? [];
    }
  }
  const references: TemplateReference[] = [];
  const weights: number[] = [];
  steps.forEach((step, i) => {
    const path = [...canaryPath, 'steps', i];
    const kind = checkStep(rollout, path, step, check);
    if (kind === 'setWeight') weights.push((step as { setWeight: number }).setWeight);
    if (kind === 'analysis')
      references.push(...analysisReferences(rollout, [...path, 'analysis'], byKind, check));
  });
  if (strategy?.canary !== undefined && weights.length === 0 && check.problems.length === 0) {
    // As the scenario loader rules: Argo promotes a canary without steps at once.
    const expected =
      'at least one setWeight step (a canary without steps is promoted at once: there is nothing to rehearse)';
    check.problem(
      rollout,
      [...canaryPath, 'steps'],
      expected,
      steps.length === 0 ? 'nothing' : 'no setWeight',
    );
  }
  const background = valueAt(rollout.value, [...canaryPath, 'analysis']);
  let backgroundNames: string[] = [];
  if (background !== undefined) {
    const path = [...canaryPath, 'analysis'];
    const found = analysisReferences(rollout, path, byKind, check);
    references.unshift(...found);
    const startingStep = check.wholeNumber(
      rollout,
      [...path, 'startingStep'],
      0,
      Math.max(0, steps.length - 1),
    );
    const from = startingStep === undefined ? '' : ` from step ${startingStep}`;
    backgroundNames = found.map((reference) => `${nameOf(reference.document)}${from}`);
  }
  const used = new Set(references.map((reference) => reference.document));
  for (const template of templates) {
    if (!used.has(template)) {
      check.warning(
        template,
        ['metadata', 'name'],
        'a template the Rollout references',
        `${nameOf(template)}: not referenced, ignored`,
      );
    }
  }
  if (check.problems.length > 0) return { ok: false, problems: check.problems, warnings: check.warnings };

  const metrics = templateMetrics(references);
  const summary = [
    `${steps.length} steps`,
    `setWeight ${weights.join(' → ')}`,
    backgroundNames.length > 0 ? `background analysis ${backgroundNames.join(', ')}` : null,
  ]
    .filter((part) => part !== null)
    .join(', ');
  const usedDocuments = documents.filter((document) => document === rollout || used.has(document));
  return {
    ok: true,
    manifests: {
      kind: 'argo',
      name: nameOf(rollout),
      documents: usedDocuments,
      metrics,
      summary: `Rollout ${nameOf(rollout)}: ${summary}`,
      webhooks: [],
      warnings: check.warnings,
    },
  };
}

/** One canary step: its kind, or null when it is not one the rehearsal models (a problem or a warning). */
function checkStep(
  rollout: ManifestDocument,
  path: PathSegment[],
  step: unknown,
  check: ManifestCheck,
): string | null {
  const expected = `a step with one of ${STEPS.join(', ')}`;
  if (!isFields(step) || Object.keys(step).length !== 1) {
    const found = isFields(step)
      ? `${Object.keys(step).join(', ') || 'an empty mapping'}`
      : JSON.stringify(step);
    check.problem(rollout, path, expected, found);
    return null;
  }
  const kind = Object.keys(step)[0]!;
  if (UNMODELLED_STEPS.includes(kind)) {
    check.warning(rollout, [...path, kind], expected, `${kind}, which the rehearsal does not model: skipped`);
    return null;
  }
  if (kind === 'setWeight') {
    const weight = check.wholeNumber(rollout, [...path, 'setWeight'], 0, 100);
    if (weight === undefined && (step.setWeight === undefined || step.setWeight === null)) {
      check.problem(rollout, [...path, 'setWeight'], 'a whole number in [0, 100]', 'nothing');
    }
    return 'setWeight';
  }
  if (kind === 'pause') {
    const pause = step.pause;
    if (pause !== null && !isFields(pause)) {
      check.problem(
        rollout,
        [...path, 'pause'],
        'a pause: {} (until promoted) or { duration: 10m }',
        JSON.stringify(pause),
      );
    } else if (isFields(pause) && pause.duration !== undefined) {
      checkPauseDuration(rollout, [...path, 'pause', 'duration'], pause.duration, check);
    }
    return 'pause';
  }
  if (kind === 'analysis') return 'analysis';
  const hint = closestName(kind, [...STEPS, ...UNMODELLED_STEPS]);
  check.problem(rollout, [...path, kind], expected, hint ? `${kind} (did you mean ${hint}?)` : kind, 'key');
  return null;
}

/** A pause's duration: whole seconds (a number) or a duration with a unit (`10m`, `1h`), as Argo reads it. */
function checkPauseDuration(
  rollout: ManifestDocument,
  path: PathSegment[],
  value: unknown,
  check: ManifestCheck,
): void {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return;
  if (typeof value === 'string' && /^\d+$/.test(value)) return;
  if (typeof value === 'string' && check.goDuration(rollout, path) !== undefined) return;
  if (typeof value !== 'string') {
    check.problem(
      rollout,
      path,
      'a duration: whole seconds, or a number with a unit (s, m, h) such as 10m',
      JSON.stringify(value),
    );
  }
}

/** The templates an analysis (a step's or the background one) references, each checked to be given. */
function analysisReferences(
  rollout: ManifestDocument,
  path: PathSegment[],
  byKind: Map<string, ManifestDocument[]>,
  check: ManifestCheck,
): TemplateReference[] {
  if (check.mapping(rollout, path, 'an analysis: { templates: [{ templateName }] }') === undefined) return [];
  const list =
    check.list(rollout, [...path, 'templates'], 'a list of templates: [{ templateName }]', true) ?? [];
  const args = argumentValues(rollout, [...path, 'args'], check);
  const references: TemplateReference[] = [];
  list.forEach((_, i) => {
    const at = [...path, 'templates', i];
    const name = check.text(rollout, [...at, 'templateName'], 'a templateName');
    if (name === undefined) return;
    const cluster = valueAt(rollout.value, [...at, 'clusterScope']) === true;
    const kind = cluster ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate';
    const given = byKind.get(kind)!;
    const document = given.find((template) => nameOf(template) === name);
    if (document === undefined) {
      const names = given.map(nameOf);
      const hint = closestName(name, names);
      const found = `none named ${JSON.stringify(name)}${hint ? ` (did you mean ${hint}?)` : names.length > 0 ? ` (given: ${names.join(', ')})` : ''}`;
      check.problem(rollout, [...at, 'templateName'], `an ${kind} given among the manifests`, found);
      return;
    }
    const defaults = argumentValues(document, ['spec', 'args'], new ManifestCheck());
    references.push({ document, path: at, variables: prefixed({ ...defaults, ...args }) });
  });
  return references;
}

/** `args: [{ name, value }]` as a name → value table; an argument with `valueFrom` has no value here. */
function argumentValues(
  document: ManifestDocument,
  path: PathSegment[],
  check: ManifestCheck,
): Record<string, string> {
  const values: Record<string, string> = {};
  (check.list(document, path, null) ?? []).forEach((_, i) => {
    const name = check.text(document, [...path, i, 'name'], 'an argument name');
    const value = valueAt(document.value, [...path, i, 'value']);
    if (name !== undefined && typeof value === 'string') values[name] = value;
  });
  return values;
}

function prefixed(values: Record<string, string>): QueryVariables {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [`args.${name}`, value]));
}

/** An AnalysisTemplate's metrics, each checked as the controller validates it. */
function checkTemplate(template: ManifestDocument, check: ManifestCheck): void {
  const metrics = check.list(template, ['spec', 'metrics'], 'a list of metrics', true) ?? [];
  metrics.forEach((_, i) => {
    const path = ['spec', 'metrics', i];
    const metric = check.mapping(template, path, 'a metric: { name, provider, … }');
    if (metric === undefined) return;
    const name = check.text(template, [...path, 'name'], 'a metric name');
    const interval = check.goDuration(template, [...path, 'interval']);
    const initialDelay = check.goDuration(template, [...path, 'initialDelay']);
    for (const field of ['successCondition', 'failureCondition'])
      check.text(template, [...path, field], null);
    const provider = check.mapping(
      template,
      [...path, 'provider'],
      `a provider: one of ${PROVIDERS.join(', ')}`,
    );
    if (provider !== undefined) checkProvider(template, [...path, 'provider'], provider, check);
    if (name === undefined) return;
    const typed: ArgoMetric = { name };
    for (const field of [
      'count',
      'failureLimit',
      'inconclusiveLimit',
      'consecutiveErrorLimit',
      'consecutiveSuccessLimit',
    ] as const) {
      const value = metric[field];
      if (value === undefined) continue;
      if (typeof value === 'number') typed[field] = value;
      else check.problem(template, [...path, field], 'a whole number', JSON.stringify(value));
    }
    if (interval !== undefined) typed.interval = interval;
    if (initialDelay !== undefined) typed.initialDelay = initialDelay;
    if (typeof metric.successCondition === 'string') typed.successCondition = metric.successCondition;
    if (typeof metric.failureCondition === 'string') typed.failureCondition = metric.failureCondition;
    for (const problem of validateMetric(typed, formatPath(path))) {
      if (problem.path.endsWith('.interval') && interval === undefined && metric.interval !== undefined)
        continue;
      check.specProblem(template, problem);
    }
  });
}

function checkProvider(
  template: ManifestDocument,
  path: PathSegment[],
  provider: Fields,
  check: ManifestCheck,
): void {
  const names = Object.keys(provider);
  const expected = `one provider of ${PROVIDERS.join(', ')}`;
  if (names.length !== 1) {
    check.problem(template, path, expected, names.length === 0 ? 'none' : names.join(', '));
    return;
  }
  const name = names[0]!;
  if (!PROVIDERS.includes(name)) {
    const hint = closestName(name, PROVIDERS);
    check.problem(
      template,
      [...path, name],
      expected,
      hint ? `${name} (did you mean ${hint}?)` : name,
      'key',
    );
    return;
  }
  if (name === 'prometheus') check.text(template, [...path, 'prometheus', 'query'], 'a Prometheus query');
}

/** Each referenced template's metrics once, in the order the controller runs them, read by shape. */
function templateMetrics(references: readonly TemplateReference[]): ImportedMetric[] {
  const metrics: ImportedMetric[] = [];
  const seen = new Set<string>();
  for (const { document, variables } of references) {
    const list = valueAt(document.value, ['spec', 'metrics']) as Fields[];
    list.forEach((metric, i) => {
      const name = String(metric.name);
      if (seen.has(name)) return;
      seen.add(name);
      const path: PathSegment[] = ['spec', 'metrics', i];
      const provider = Object.keys(metric.provider as Fields)[0]!;
      const queryAt = [...path, 'provider', provider, 'query'];
      const position = document.locate(valueAt(metric, queryAt.slice(3)) === undefined ? path : queryAt);
      const base = {
        name,
        provider,
        file: document.file,
        line: position?.line ?? null,
        column: position?.column ?? null,
        path: formatPath(path),
      };
      if (PASS_FAIL_PROVIDERS.includes(provider)) {
        metrics.push({ ...base, source: provider as 'job' | 'web' });
        return;
      }
      const queryPath = formatPath(queryAt);
      const query = valueAt(metric, ['provider', provider, 'query']);
      if (provider !== 'prometheus' || typeof query !== 'string') {
        const why = `a ${provider} metric, which the rehearsal does not read; map it to a modelled metric explicitly`;
        metrics.push({
          ...base,
          source: 'query',
          unrecognised: {
            path: formatPath([...path, 'provider', provider]),
            expected: 'a Prometheus query of a recognised shape',
            found: `metric "${name}": ${why}`,
          },
        });
        return;
      }
      const recognised = recognizeQuery(name, query, queryPath, variables);
      metrics.push(
        recognised.ok
          ? { ...base, source: 'query', mapping: recognised.mapping }
          : { ...base, source: 'query', unrecognised: recognised.problem },
      );
    });
  }
  return metrics;
}
