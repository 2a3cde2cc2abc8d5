import type { MetricName } from '../gates/metrics.js';
import type { ConditionInput } from '../scenario/conditionSchema.js';
import type { Scenario } from '../scenario/scenarioSchema.js';
import { EXPORTABLE_METRICS, exportQuery, goDurationText, kubernetesName, validMs } from './exportQueries.js';
import { type ExportedManifests, type ExportWarning, nativePhases } from './exportWarning.js';

const API_VERSION = 'argoproj.io/v1alpha1';

type Comparison = 'below' | 'above' | 'max' | 'min' | 'within';

/** `result[0] op t` that holds when the gate passes, and the one that holds when it fails. */
function comparisons(op: Comparison, t: number): { pass: string; fail: string } {
  const r = 'result[0]';
  switch (op) {
    case 'below':
      return { pass: `${r} < ${t}`, fail: `${r} >= ${t}` };
    case 'max':
      return { pass: `${r} <= ${t}`, fail: `${r} > ${t}` };
    case 'above':
      return { pass: `${r} > ${t}`, fail: `${r} <= ${t}` };
    case 'min':
      return { pass: `${r} >= ${t}`, fail: `${r} < ${t}` };
    case 'within':
      return { pass: `${r} >= ${-t} && ${r} <= ${t}`, fail: `${r} < ${-t} || ${r} > ${t}` };
  }
}

const OPERATORS: readonly Comparison[] = ['below', 'above', 'max', 'min', 'within'];

/**
 * A gate as Argo conditions: the success condition holds when every operator passes, the failure
 * condition when any fails; a NaN (no requests) makes both false, which Argo calls Inconclusive, as the
 * rehearsal calls a window without requests inconclusive. Thresholds are divided into the query's unit.
 */
export function gateConditions(
  condition: ConditionInput,
  divisor: number,
): { success: string; failure: string } {
  const parts = OPERATORS.flatMap((op) => {
    const threshold = condition[op];
    return threshold === undefined ? [] : [comparisons(op, threshold / divisor)];
  });
  // A pass is only ever joined by && and a failure by ||, so no parentheses are needed.
  return {
    success: parts.map((part) => part.pass).join(' && '),
    failure: parts.map((part) => part.fail).join(' || '),
  };
}

/** A guard as an Argo failure condition: the guard names the condition that rolls back. */
function guardCondition(condition: ConditionInput, divisor: number): string {
  return OPERATORS.flatMap((op) => {
    const threshold = condition[op];
    if (threshold === undefined) return [];
    const t = threshold / divisor;
    const r = 'result[0]';
    if (op === 'within') return [`(${r} >= ${-t} && ${r} <= ${t})`];
    const symbol = { below: '<', above: '>', max: '<=', min: '>=' }[op];
    return [`${r} ${symbol} ${t}`];
  }).join(' || ');
}

function prometheus(query: string): Record<string, unknown> {
  return { prometheus: { address: 'http://prometheus.monitoring:9090', query } };
}

/**
 * A native scenario's plan as an Argo Rollout and AnalysisTemplates, where Argo can express it. Each phase
 * becomes `setWeight` (its traffic in whole percent), an inline analysis whose metrics each measure one
 * gate once at one checkpoint (`initialDelay` the checkpoint's offset, the query's range the cumulative
 * window or the time since the last checkpoint; under `require: final` the earlier checkpoints are
 * `dryRun`), a pause for the rest of the phase, and `pause: {}` for `advance: manual`. The guards become a
 * background analysis measuring each guard every monitoring interval over the guard window. Gates on
 * metrics with no Prometheus query of a recognised shape, `minRequests`, and fractional weights are
 * warnings. Pure.
 *
 * @example exportArgo(scenario).documents[0].kind // 'Rollout'
 */
export function exportArgo(scenario: Scenario): ExportedManifests {
  const warnings: ExportWarning[] = [];
  const name = kubernetesName(scenario.name);
  const selector = `service="${name}"`;
  const documents: Record<string, unknown>[] = [];
  const templates: Record<string, unknown>[] = [];
  const steps: Record<string, unknown>[] = [];
  nativePhases(scenario).forEach((phase, p) => {
    const weight = phase.traffic * 100;
    if (!Number.isInteger(Math.round(weight * 1e9) / 1e9)) {
      warnings.push({
        path: ['phases', p, 'traffic'],
        expected: 'a traffic share in whole percent (setWeight is an integer)',
        found: `${phase.traffic}: written as setWeight ${Math.round(weight)}`,
      });
    }
    steps.push({ setWeight: Math.round(weight) });
    const durationMs = validMs(phase.duration);
    const checkpointsMs = (phase.checkpoints ?? [phase.duration]).map(validMs);
    const metrics: Record<string, unknown>[] = [];
    const dryRun: Array<{ metricName: string }> = [];
    for (const [metric, condition] of Object.entries(phase.gates) as Array<[MetricName, ConditionInput]>) {
      const gatePath = ['phases', p, 'gates', metric];
      if (!EXPORTABLE_METRICS.includes(metric)) {
        warnings.push({
          path: gatePath,
          expected: `a gate on ${EXPORTABLE_METRICS.join(', ')} (a Prometheus query of a recognised shape)`,
          found: `${metric}: not exported`,
        });
        continue;
      }
      if (condition.minRequests !== undefined) {
        warnings.push({
          path: [...gatePath, 'minRequests'],
          expected: 'a condition on the query alone',
          found: `minRequests ${condition.minRequests}: not exported`,
        });
      }
      checkpointsMs.forEach((offsetMs, k) => {
        const windowMs =
          phase.window === 'since-last-checkpoint' && k > 0 ? offsetMs - checkpointsMs[k - 1]! : offsetMs;
        const { query, divisor } = exportQuery(metric, windowMs, selector)!;
        const { success, failure } = gateConditions(condition, divisor);
        const metricName = `${kubernetesName(phase.name)}-${metric}-${goDurationText(offsetMs)}`;
        metrics.push({
          name: metricName,
          initialDelay: goDurationText(offsetMs),
          successCondition: success,
          failureCondition: failure,
          provider: prometheus(query),
        });
        if (phase.require === 'final' && k < checkpointsMs.length - 1)
          dryRun.push({ metricName: `^${metricName.replace(/\./g, '\\.')}$` });
      });
    }
    const lastMs = checkpointsMs.at(-1) ?? 0;
    if (metrics.length > 0) {
      const templateName = `${name}-${kubernetesName(phase.name)}`;
      templates.push({
        apiVersion: API_VERSION,
        kind: 'AnalysisTemplate',
        metadata: { name: templateName },
        spec: { metrics, ...(dryRun.length > 0 ? { dryRun } : {}) },
      });
      steps.push({ analysis: { templates: [{ templateName }] } });
    }
    const restMs = metrics.length > 0 ? durationMs - lastMs : durationMs;
    if (restMs > 0) steps.push({ pause: { duration: goDurationText(restMs) } });
    if (phase.advance === 'manual') steps.push({ pause: {} });
  });
  const canary: Record<string, unknown> = { steps };
  const guards = guardTemplate(scenario, name, selector, warnings);
  if (guards !== null) {
    canary.analysis = { templates: [{ templateName: guards.metadata.name }] };
    templates.unshift(guards);
  }
  documents.push(
    { apiVersion: API_VERSION, kind: 'Rollout', metadata: { name }, spec: { strategy: { canary } } },
    ...templates,
  );
  return { documents, warnings };
}

/** The guards as one background AnalysisTemplate, or null when there are none to export. */
function guardTemplate(
  scenario: Scenario,
  name: string,
  selector: string,
  warnings: ExportWarning[],
): ({ metadata: { name: string } } & Record<string, unknown>) | null {
  const intervalMs = validMs(scenario.monitoring.interval);
  const windowMs =
    scenario.monitoring.window === undefined ? intervalMs : validMs(scenario.monitoring.window);
  if (scenario.guards.minRequests !== undefined) {
    warnings.push({
      path: ['guards', 'minRequests'],
      expected: 'a condition on the query alone',
      found: `minRequests ${scenario.guards.minRequests}: not exported`,
    });
  }
  const metrics: Record<string, unknown>[] = [];
  for (const [metric, condition] of Object.entries(scenario.guards.rollbackWhen) as Array<
    [MetricName, ConditionInput]
  >) {
    const path = ['guards', 'rollbackWhen', metric];
    const query = exportQuery(metric, windowMs, selector);
    if (query === null) {
      warnings.push({
        path,
        expected: `a guard on ${EXPORTABLE_METRICS.join(', ')} (a Prometheus query of a recognised shape)`,
        found: `${metric}: not exported`,
      });
      continue;
    }
    if (condition.minRequests !== undefined) {
      warnings.push({
        path: [...path, 'minRequests'],
        expected: 'a condition on the query alone',
        found: `minRequests ${condition.minRequests}: not exported`,
      });
    }
    metrics.push({
      name: `guard-${metric}`,
      interval: goDurationText(intervalMs),
      initialDelay: goDurationText(intervalMs),
      failureCondition: guardCondition(condition, query.divisor),
      provider: prometheus(query.query),
    });
  }
  if (metrics.length === 0) return null;
  return {
    apiVersion: API_VERSION,
    kind: 'AnalysisTemplate',
    metadata: { name: `${name}-guards` },
    spec: { metrics },
  };
}
