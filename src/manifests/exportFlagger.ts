import type { MetricName } from '../gates/metrics.js';
import type { ConditionInput } from '../scenario/conditionSchema.js';
import type { Scenario } from '../scenario/scenarioSchema.js';
import { exportQuery, goDurationText, kubernetesName, validMs } from './exportQueries.js';
import { type ExportedManifests, type ExportWarning, nativePhases } from './exportWarning.js';

const API_VERSION = 'flagger.app/v1beta1';
const FLAGGER_METRICS: readonly MetricName[] = ['errorRate', 'p50LatencyMs', 'p95LatencyMs', 'p99LatencyMs'];

/** A gate's bounds as a `thresholdRange` in the query's unit (Flagger's bounds are inclusive). */
function thresholdRange(condition: ConditionInput, toQuery: (value: number) => number, flip: boolean) {
  const low = [condition.above, condition.min].filter((v) => v !== undefined) as number[];
  const high = [condition.below, condition.max].filter((v) => v !== undefined) as number[];
  if (condition.within !== undefined) {
    low.push(-condition.within);
    high.push(condition.within);
  }
  const min = low.length > 0 ? toQuery(Math.max(...low)) : undefined;
  const max = high.length > 0 ? toQuery(Math.min(...high)) : undefined;
  const range = flip ? { min: max, max: min } : { min, max };
  return Object.fromEntries(Object.entries(range).filter(([, v]) => v !== undefined));
}

/**
 * A native scenario's plan as a Flagger Canary and MetricTemplates, where Flagger can express it. Flagger
 * holds each weight for one analysis interval and checks once at its end: the phases' traffic becomes
 * `stepWeights` (whole percent), the first phase's duration the `interval`, the gates the metrics (errorRate
 * as the builtin request-success-rate, p99 as the builtin request-duration, p50 and p95 as MetricTemplates
 * with a histogram_quantile query) with `threshold: 1`, as the rehearsal rolls back at the first failing
 * checkpoint; `advance: manual` becomes a confirm webhook. Other durations, earlier checkpoints, gates
 * that differ between phases, guards and unexpressed metrics are warnings. Pure.
 *
 * @example exportFlagger(scenario).documents.at(-1).kind // 'Canary'
 */
export function exportFlagger(scenario: Scenario): ExportedManifests {
  const warnings: ExportWarning[] = [];
  const name = kubernetesName(scenario.name);
  const phases = nativePhases(scenario);
  const intervalMs = validMs(phases[0]!.duration);
  const stepWeights: number[] = [];
  const gates = new Map<MetricName, { condition: ConditionInput; phase: number }>();
  phases.forEach((phase, p) => {
    const weight = Math.round(phase.traffic * 100);
    if (Math.abs(weight - phase.traffic * 100) > 1e-9) {
      warnings.push({
        path: ['phases', p, 'traffic'],
        expected: 'a traffic share in whole percent (stepWeights are integers)',
        found: `${phase.traffic}: written as ${weight}`,
      });
    }
    if (stepWeights.length > 0 && weight <= stepWeights.at(-1)!) {
      warnings.push({
        path: ['phases', p, 'traffic'],
        expected: 'more traffic than the phase before (stepWeights increase)',
        found: `${phase.traffic}: left out`,
      });
    } else stepWeights.push(weight);
    if (validMs(phase.duration) !== intervalMs) {
      warnings.push({
        path: ['phases', p, 'duration'],
        expected: `the same duration as every phase (Flagger holds each weight one interval, ${goDurationText(intervalMs)})`,
        found: `${phase.duration}: held ${goDurationText(intervalMs)}`,
      });
    }
    const checkpoints = phase.checkpoints ?? [phase.duration];
    if (checkpoints.length > 1 || validMs(checkpoints[0]!) !== validMs(phase.duration)) {
      warnings.push({
        path: ['phases', p, 'checkpoints'],
        expected: 'one check at the end of the phase (Flagger checks once per interval)',
        found: `${checkpoints.join(', ')}: checked at ${goDurationText(intervalMs)} only`,
      });
    }
    for (const [metric, condition] of Object.entries(phase.gates) as Array<[MetricName, ConditionInput]>) {
      const path = ['phases', p, 'gates', metric];
      if (!FLAGGER_METRICS.includes(metric)) {
        warnings.push({
          path,
          expected: `a gate on ${FLAGGER_METRICS.join(', ')}`,
          found: `${metric}: not exported`,
        });
        continue;
      }
      const first = gates.get(metric);
      if (first === undefined) gates.set(metric, { condition, phase: p });
      else if (JSON.stringify(first.condition) !== JSON.stringify(condition)) {
        warnings.push({
          path,
          expected: `the same gate in every phase (Flagger's metrics apply to every check)`,
          found: `a different ${metric} gate: phase ${phases[first.phase]!.name}'s is exported`,
        });
      }
      if (condition.minRequests !== undefined) {
        warnings.push({
          path: [...path, 'minRequests'],
          expected: 'a condition on the query alone',
          found: `minRequests ${condition.minRequests}: not exported`,
        });
      }
    }
    if (
      phase.advance === 'manual' &&
      p < phases.length - 1 &&
      !phases.slice(0, -1).every((other) => other.advance === 'manual')
    ) {
      warnings.push({
        path: ['phases', p, 'advance'],
        expected: 'every phase manual or none (confirm-traffic-increase gates every step)',
        found: 'manual: every step is gated',
      });
    }
  });
  for (const metric of Object.keys(scenario.guards.rollbackWhen)) {
    warnings.push({
      path: ['guards', 'rollbackWhen', metric],
      expected: 'a gate (Flagger has no rollback guard of its own; its metrics are checked every interval)',
      found: `a guard on ${metric}: not exported`,
    });
  }
  const selector = `service="${name}"`;
  const window = goDurationText(intervalMs);
  const templates: Record<string, unknown>[] = [];
  const metrics = [...gates].map(([metric, { condition }]) => {
    if (metric === 'errorRate') {
      return {
        name: 'request-success-rate',
        interval: window,
        thresholdRange: thresholdRange(condition, (v) => Number((100 * (1 - v)).toPrecision(12)), true),
      };
    }
    if (metric === 'p99LatencyMs') {
      return {
        name: 'request-duration',
        interval: window,
        thresholdRange: thresholdRange(condition, (v) => v, false),
      };
    }
    const { query, divisor } = exportQuery(metric, intervalMs, selector)!;
    const templateName = `${name}-${metric.toLowerCase()}`;
    templates.push({
      apiVersion: API_VERSION,
      kind: 'MetricTemplate',
      metadata: { name: templateName },
      spec: {
        provider: { type: 'prometheus', address: 'http://prometheus.monitoring:9090' },
        query: query.replace(`[${window}]`, '[{{ interval }}]'),
      },
    });
    return {
      name: metric,
      templateRef: { name: templateName },
      interval: window,
      thresholdRange: thresholdRange(condition, (v) => v / divisor, false),
    };
  });
  const webhooks: Record<string, unknown>[] = [];
  const gateUrl = 'http://flagger-loadtester.test/gate/check';
  if (phases.slice(0, -1).some((phase) => phase.advance === 'manual'))
    webhooks.push({ name: 'approve-traffic-increase', type: 'confirm-traffic-increase', url: gateUrl });
  if (phases.at(-1)!.advance === 'manual')
    webhooks.push({ name: 'approve-promotion', type: 'confirm-promotion', url: gateUrl });
  const analysis: Record<string, unknown> = { interval: window, threshold: 1, stepWeights, metrics };
  if (webhooks.length > 0) analysis.webhooks = webhooks;
  const canary = {
    apiVersion: API_VERSION,
    kind: 'Canary',
    metadata: { name },
    spec: { targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name }, service: { port: 80 }, analysis },
  };
  return { documents: [...templates, canary], warnings };
}
