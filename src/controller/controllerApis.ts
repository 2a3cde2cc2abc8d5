import type { ManifestDocument } from './manifestDocuments.js';
import type { ManifestReport } from './manifestFields.js';

/**
 * The API versions each controller serves for the kinds the rehearsal reads: Argo Rollouts serves
 * argoproj.io/v1alpha1 only; Flagger serves flagger.app/v1beta1 (v1alpha3, with `canaryAnalysis`, was
 * replaced by it in Flagger 1.0 and is no longer served).
 */
export const API_VERSIONS = {
  argo: {
    kinds: ['Rollout', 'AnalysisTemplate', 'ClusterAnalysisTemplate'],
    versions: ['argoproj.io/v1alpha1'],
  },
  flagger: { kinds: ['Canary', 'MetricTemplate'], versions: ['flagger.app/v1beta1'] },
} as const;

/** Argo's metric providers (`provider.<name>`). */
export const ARGO_PROVIDERS: readonly string[] = [
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
  'job',
  'web',
];

/** Flagger's metric providers (a MetricTemplate's `spec.provider.type`). */
export const FLAGGER_PROVIDERS: readonly string[] = [
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

/**
 * A problem for each document of the controller's kinds under another API version (a Rollout under
 * `apps/v1`): the controller would not read it as that kind.
 */
export function checkApiVersions(
  documents: readonly ManifestDocument[],
  controller: keyof typeof API_VERSIONS,
  report: ManifestReport,
): void {
  const { kinds, versions } = API_VERSIONS[controller];
  for (const document of documents) {
    if (!(kinds as readonly string[]).includes(document.kind)) continue;
    if ((versions as readonly string[]).includes(document.apiVersion)) continue;
    report.problem(
      document,
      ['apiVersion'],
      `${versions.join(' or ')} (the API version of ${/^[AEIOU]/.test(document.kind) ? 'an' : 'a'} ${document.kind})`,
    );
  }
}
