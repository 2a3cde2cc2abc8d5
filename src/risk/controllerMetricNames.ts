import type { Plan } from '../scenario/plan.js';

/**
 * The names a controller's plan decides by, in a fixed order, for risk's per-metric counts: Argo's
 * metrics (background analysis first, then each analysis step's, each name once), or Flagger's metric
 * checks then its webhooks. Empty for a scenario's own phases.
 *
 * @example controllerMetricNames(plan) // ['success-rate', 'latency-p99']
 */
export function controllerMetricNames(plan: Pick<Plan, 'controller'>): string[] {
  const controller = plan.controller?.plan;
  if (controller === undefined) return [];
  if (controller.kind === 'flagger') {
    return [
      ...new Set([...controller.metrics.map((m) => m.name), ...controller.webhooks.map((w) => w.name)]),
    ];
  }
  const analyses = [
    ...(controller.background === null ? [] : [controller.background.analysis]),
    ...controller.phaseSteps.flat().flatMap((step) => (step.kind === 'analysis' ? [step.analysis] : [])),
  ];
  return [...new Set(analyses.flatMap((analysis) => analysis.metrics.map((m) => m.metric.name)))];
}
