import { Document, isMap, isScalar, parseDocument, YAMLMap } from 'yaml';
import { METRIC_NAMES } from '../gates/metrics.js';
import {
  DEFAULT_SUCCESS_PROBABILITY,
  type ImportedManifests,
  type ImportedMetric,
} from './importedManifests.js';
import type { KeptController } from './keptController.js';

/** The scenario sections an import copies from `--model-from`, in the order it writes them. */
const HEAD_KEYS = ['name', 'release', 'seed', 'start'];
const MODEL_KEYS = ['population', 'analyzers', 'business', 'monitoring', 'faults'];

const CONTROLLER_NAMES = { argo: 'Argo Rollouts', flagger: 'Flagger' } as const;

const DEFAULT_MODEL = `population:
  learners: 100000 # the users the rollout reaches at 100% (edit)
  requestsPerLearnerHour: 2 # requests each user sends per hour (edit)
analyzers:
  # The version running now and the release: error rate (a fraction), latency percentiles (ms) and
  # availability. Edit the candidate to rehearse what you expect of the release (docs/scenario.md).
  baseline:
    errorRate: 0.001
    latencyMs: { p50: 50, p99: 200 }
    availability: 0.9995
  candidate:
    errorRate: 0.001
    latencyMs: { p50: 50, p99: 200 }
    availability: 0.9995
# Uncomment to project revenue and ROI (docs/scenario.md, business):
# business:
#   baselineAnnualRevenue: 10000000
#   revenueUplift: { mean: 0.01, sd: 0.005 }
monitoring:
  interval: 30s # how often the service's metrics are sampled
`;

/** What an import writes: the scenario's text, and the metrics the user must map by hand. */
export interface ImportedScenario {
  text: string;
  toFill: ImportedMetric[];
}

export interface ImportScenarioInput {
  manifests: ImportedManifests;
  /** The manifest files as the user named them, in the order given. */
  files: readonly string[];
  /** The same files relative to the scenario's folder, with `/`. */
  manifestPaths: readonly string[];
  /**
   * The text of a scenario (`--model-from`) whose name, seed, start, release, population, analyzers,
   * business, monitoring and faults are copied, comments and all, in place of the defaults; its
   * controller's `metrics` and `providers` values are kept for the metrics and webhooks the manifests
   * still have, and its `manualPause`.
   */
  modelText?: string;
  /** What the `--model-from` scenario said about the manifests (`keptController`). */
  kept: KeptController;
}

/**
 * The text of a scenario that rehearses a controller's manifests: a header saying where it came from, the
 * `controller` section (kind, the manifests, a `metrics` line to fill in for each query the rehearsal does
 * not read by shape, and a comment for each it does; a success probability per job or web measurement),
 * and the model sections, as defaults with comments or copied from another scenario. Pure.
 *
 * @example importScenarioText({ manifests, files: ['rollout.yaml'], manifestPaths: ['rollout.yaml'] }).text
 * // '# A rehearsal of the Argo Rollouts plan "guestbook" …\nname: guestbook\n…'
 */
export function importScenarioText(input: ImportScenarioInput): ImportedScenario {
  const { manifests, manifestPaths } = input;
  const relativeFile = (file: string) => manifestPaths[input.files.indexOf(file)] ?? file;
  const model = input.modelText === undefined ? null : parseDocument(input.modelText);
  const kept = input.kept;
  const lines = [
    // Nothing here depends on where the command ran, so importing the same manifests from the same
    // folder writes the same bytes.
    `# A rehearsal of the ${CONTROLLER_NAMES[manifests.kind]} plan "${manifests.name}", written by \`rehearse import ${manifests.kind}\`.`,
    `# ${manifests.summary}.`,
    '# The manifests are the source of truth for the plan: change it there. The other sections model',
    '# the traffic and the service: edit their values.',
  ];
  lines.push(model === null ? `name: ${scalar(manifests.name)}\nseed: 1` : sectionText(model, HEAD_KEYS));
  lines.push('controller:', `  kind: ${manifests.kind}`, '  manifests:');
  for (const path of manifestPaths) lines.push(`    - ${scalar(path)}`);
  const queries = manifests.metrics.filter(
    (metric) => metric.source === 'query' || metric.source === 'builtin',
  );
  const read = queries.filter((metric) => metric.mapping !== undefined || metric.source === 'builtin');
  const toFill = queries.filter(
    (metric) => metric.unrecognised !== undefined && kept.metrics.get(metric.name) === undefined,
  );
  const mapped = queries.filter(
    (metric) => metric.unrecognised !== undefined || kept.metrics.has(metric.name),
  );
  if (read.length > 0) {
    lines.push('  # The metrics the rehearsal reads by their query:');
    for (const metric of read) lines.push(`  #   ${metric.name}: ${readAs(metric)}`);
  }
  if (mapped.length > 0) {
    lines.push('  metrics:');
    for (const metric of mapped) {
      const value = kept.metrics.get(metric.name);
      // No line number: a re-import of the same plan writes the same comment wherever its query moved.
      if (metric.unrecognised !== undefined) {
        lines.push(
          `    # ${metric.name}, in ${relativeFile(metric.file)}: ${whyUnread(metric)}.`,
          `    # The modelled metric it measures (${METRIC_NAMES.slice(0, 5).join(', ')}, …):`,
        );
      }
      lines.push(`    ${key(metric.name)}: ${value ?? 'null'}`);
    }
  }
  const passFail = manifests.metrics.filter((metric) => metric.source === 'job' || metric.source === 'web');
  const hooks = manifests.webhooks.filter(({ type }) => type === 'rollout' || type === 'pre-rollout');
  const modelledHooks = hooks.filter((hook) => kept.providers.has(hook.name));
  if (passFail.length > 0 || modelledHooks.length > 0) {
    lines.push(
      '  # Job and web measurements: the chance that one measurement succeeds (edit).',
      '  providers:',
    );
    for (const metric of passFail) {
      const probability = kept.providers.get(metric.name) ?? DEFAULT_SUCCESS_PROBABILITY;
      lines.push(`    ${key(metric.name)}: { successProbability: ${probability} } # ${metric.provider}`);
    }
    for (const hook of modelledHooks) {
      const probability = kept.providers.get(hook.name);
      lines.push(`    ${key(hook.name)}: { successProbability: ${probability} } # ${hook.type} webhook`);
    }
  }
  const restingHooks = hooks.filter((hook) => !kept.providers.has(hook.name));
  if (restingHooks.length > 0) {
    lines.push(
      '  # Webhooks pass every check; to model one that can fail, give its chance of success:',
      passFail.length > 0 || modelledHooks.length > 0 ? '  # (under providers)' : '  # providers:',
    );
    for (const hook of restingHooks)
      lines.push(`  #   ${key(hook.name)}: { successProbability: 0.999 } # ${hook.type} webhook`);
  }
  if (kept.manualPause !== undefined) lines.push(`  manualPause: ${scalar(kept.manualPause)}`);
  lines.push(model === null ? DEFAULT_MODEL.trimEnd() : sectionText(model, MODEL_KEYS));
  return { text: `${lines.filter((line) => line !== '').join('\n')}\n`, toFill };
}

/** How the rehearsal reads a recognised query or a builtin check, in words. */
function readAs(metric: ImportedMetric): string {
  if (metric.mapping !== undefined) return `${metric.mapping.metric} (${metric.mapping.description})`;
  return metric.name === 'request-duration'
    ? "p99LatencyMs (Flagger's builtin request duration, ms)"
    : "errorRate (Flagger's builtin request success rate, percent: 100 × (1 − errorRate))";
}

/** Why a query is not read, from the recogniser's problem, without its "map it explicitly" tail. */
export function whyUnread(metric: ImportedMetric): string {
  const found = metric.unrecognised?.found ?? '';
  return found
    .replace(/^metric "[^"]*": /, '')
    .replace(/; map it to a modelled metric explicitly$/, '')
    .replace(/, which the rehearsal does not read$/, ', not read by the rehearsal');
}

/** The sections `keys` of a scenario document as YAML text, with their comments. */
function sectionText(document: ReturnType<typeof parseDocument>, keys: readonly string[]): string {
  const contents = document.contents;
  if (!isMap(contents)) return '';
  const picked = new YAMLMap();
  for (const name of keys) {
    const pair = contents.items.find((item) => isScalar(item.key) && item.key.value === name);
    if (pair === undefined) continue;
    const copy = pair.clone();
    // A comment above the file's first key is the header of the file it came from (yaml attaches it to
    // that key when no blank line follows it): it does not describe this one.
    if (pair === contents.items[0] && isScalar(copy.key)) copy.key.commentBefore = null;
    picked.items.push(copy);
  }
  if (picked.items.length === 0) return '';
  const section = new Document();
  section.contents = picked;
  // A blank line before the first section belongs to the scenario it came from, not to this one.
  return section.toString({ lineWidth: 0 }).replace(/^\n+/, '').trimEnd();
}

/** A mapping key as YAML writes it: plain when it can be, else double-quoted. */
function key(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name) ? name : JSON.stringify(name);
}

/** A string value as YAML writes it: plain when it can be, else double-quoted. */
function scalar(text: string): string {
  return /^[A-Za-z0-9_./][A-Za-z0-9_./ -]*$/.test(text) &&
    !/^(true|false|null|~|\d[\d.]*)$/i.test(text) &&
    !text.endsWith(' ')
    ? text
    : JSON.stringify(text);
}
