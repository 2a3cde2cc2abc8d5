import type { ManifestDocument } from '../controller/manifestDocuments.js';
import type { QueryMapping } from '../gates/promql/recognizeQuery.js';
import type { SpecProblem } from '../gates/specProblem.js';
import type { Problem } from '../scenario/problems.js';

/** The success probability an import writes for a job or web measurement until the user edits it. */
export const DEFAULT_SUCCESS_PROBABILITY = 0.99;

/** The controllers whose manifests a scenario can rehearse. */
export const CONTROLLER_KINDS = ['argo', 'flagger'] as const;
export type ControllerKind = (typeof CONTROLLER_KINDS)[number];

/**
 * One metric of the manifests as a rehearsal will read it: a Prometheus query whose shape was recognised
 * (`mapping`), a query that needs an explicit mapping in the scenario (`unrecognised`), a Flagger builtin
 * check, or a job or web measurement, modelled as a success probability.
 */
export interface ImportedMetric {
  name: string;
  source: 'query' | 'builtin' | 'job' | 'web';
  /** The provider as the manifest names it: prometheus, datadog, job, web, builtin. */
  provider: string;
  file: string;
  /** Where the metric's query is (or the metric, without one). */
  line: number | null;
  column: number | null;
  /** The field path of the query (or the metric) inside its document (`spec.metrics[0]…`). */
  path: string;
  mapping?: QueryMapping;
  unrecognised?: SpecProblem;
}

/** A controller's manifests, checked by the scenario loader: what an import writes a scenario from. */
export interface ImportedManifests {
  kind: ControllerKind;
  /** The Rollout's or Canary's `metadata.name`. */
  name: string;
  /** Every document given, in order. */
  documents: ManifestDocument[];
  /** The metrics, in the order the controller runs them; a name appears once. */
  metrics: ImportedMetric[];
  /** The plan in one line: `Rollout guestbook: 4 phases (weight-20 → weight-40 → weight-60 → weight-80)`. */
  summary: string;
  /** Flagger's webhooks by name and type (`rollout` when not given); none for Argo. */
  webhooks: Array<{ name: string; type: string }>;
  /** What the loader ignored or approximated, one line each with file:line. */
  warnings: string[];
}

/** What checking manifests gives: the checked plan, or every problem. */
export type ImportResult = { ok: true; manifests: ImportedManifests } | { ok: false; problems: Problem[] };
