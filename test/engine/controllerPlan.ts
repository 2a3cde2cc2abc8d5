import { parseControllerManifests } from '../../src/controller/index.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { parseDurationMs } from '../../src/scenario/duration.js';
import type { Plan } from '../../src/scenario/plan.js';
import { formatProblem } from '../../src/scenario/problems.js';
import { validateScenario } from '../../src/scenario/validateScenario.js';

/** The model parts of a controller scenario: flat traffic, always up, one segment. */
export interface ControllerModel {
  learners?: number;
  requestsPerLearnerHour?: number;
  errorRate: number;
  p50Ms?: number;
  p99Ms?: number;
  interval?: string;
}

/**
 * A compiled plan from a controller's manifest texts and a small model, built in code: the scenario is
 * validated and the manifests parsed exactly as `readScenario` does, without files.
 */
export function controllerPlan(
  kind: 'argo' | 'flagger',
  manifests: string,
  model: ControllerModel,
  extra: {
    providers?: Record<string, { successProbability: number }>;
    metrics?: Record<string, string>;
    manualPause?: string;
  } = {},
): Plan {
  const analyzer = {
    errorRate: model.errorRate,
    latencyMs: { p50: model.p50Ms ?? 40, p99: model.p99Ms ?? 150 },
    availability: 1,
  };
  const scenario = validateScenario(
    {
      name: 'controller test',
      population: {
        learners: model.learners ?? 100_000,
        requestsPerLearnerHour: model.requestsPerLearnerHour ?? 1,
      },
      analyzers: { baseline: analyzer, candidate: analyzer },
      monitoring: { interval: model.interval ?? '30s' },
      controller: { kind, manifests: ['manifests.yaml'], ...extra },
    },
    'test.yaml',
  );
  if (!scenario.ok) throw new Error(scenario.problems.map(formatProblem).join('\n'));
  const section = scenario.scenario.controller!;
  const parsed = parseControllerManifests([{ file: 'manifests.yaml', text: manifests }], {
    kind,
    metrics: (section.metrics ?? {}) as never,
    providers: section.providers ?? {},
    manualPauseMs: parseDurationMs(section.manualPause)!,
    intervalMs: parseDurationMs(scenario.scenario.monitoring.interval)!,
  });
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return compileScenario(scenario.scenario, { controller: parsed.manifests });
}

/** Binomial P(X = k) for n trials of probability p, from first principles. */
export function binomialPmf(k: number, n: number, p: number): number {
  let logChoose = 0;
  for (let i = 1; i <= k; i++) logChoose += Math.log(n - k + i) - Math.log(i);
  return Math.exp(logChoose + k * Math.log(p) + (n - k) * Math.log1p(-p));
}
