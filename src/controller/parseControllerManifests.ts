import type { MetricName } from '../gates/metrics.js';
import type { ControllerManifests } from '../scenario/controllerPlan.js';
import { type Problem, sortProblems } from '../scenario/problems.js';
import { readArgo } from './argoManifests.js';
import { readFlagger } from './flaggerManifests.js';
import { type ManifestText, readManifestDocuments } from './manifestDocuments.js';
import { ManifestReport } from './manifestFields.js';

/** What reading manifests needs beyond their text: the scenario's `controller` section and monitoring interval. */
export interface ControllerOptions {
  kind: 'argo' | 'flagger';
  /** Controller metric name → modelled metric, for queries of no recognised shape. */
  metrics?: Readonly<Record<string, MetricName>>;
  /** Controller metric or webhook name → `{ successProbability }`, for job/web providers and webhooks. */
  providers?: Readonly<Record<string, { successProbability: number }>>;
  /** How long a manual gate holds before the rehearsal approves it, ms (default 1 h). */
  manualPauseMs?: number;
  /** The scenario's monitoring interval, ms (default 30 s): phases and windows are whole numbers of it. */
  intervalMs?: number;
}

/** The controller's plan and derived phases with warnings, or every problem found. */
export type ControllerManifestsResult =
  | { ok: true; manifests: ControllerManifests }
  | { ok: false; problems: Problem[] };

/**
 * Reads Argo Rollouts (Rollout + AnalysisTemplate/ClusterAnalysisTemplate) or Flagger (Canary +
 * MetricTemplate) manifests, given as texts, into the plan the rehearsal runs: the derived phases, each
 * metric's modelled source, the controller's fields with their defaults. Every problem comes back
 * located (file, line, field path, expected, found); fields the rehearsal ignores or approximates come
 * back as warnings (docs/controllers.md). Pure: `loadControllerManifests` (src/io) reads the files.
 *
 * @example parseControllerManifests([{ file: 'rollout.yaml', text }], { kind: 'argo' }).manifests.phases[0].name // 'weight-20'
 */
export function parseControllerManifests(
  texts: readonly ManifestText[],
  options: ControllerOptions,
): ControllerManifestsResult {
  const read = readManifestDocuments(texts);
  if (!read.ok) return read;
  const report = new ManifestReport();
  const sourceOptions = {
    metrics: options.metrics ?? {},
    providers: options.providers ?? {},
    intervalMs: options.intervalMs ?? 30_000,
    manualPauseMs: options.manualPauseMs ?? 3_600_000,
  };
  const result =
    options.kind === 'argo'
      ? readArgo(read.documents, sourceOptions, report)
      : readFlagger(read.documents, sourceOptions, report);
  if (result === undefined || report.problems.length > 0) {
    return { ok: false, problems: sortProblems(report.problems) };
  }
  return { ok: true, manifests: { plan: result.plan, phases: result.phases, warnings: report.warnings } };
}
