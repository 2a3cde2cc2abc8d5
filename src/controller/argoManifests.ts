import { effectiveCount } from '../gates/argo/argoMetric.js';
import { parseGoDurationMs } from '../gates/goDuration.js';
import type {
  ArgoAnalysisPlan,
  ArgoControllerPlan,
  ArgoStepPlan,
  DerivedPhase,
} from '../scenario/controllerPlan.js';
import { formatDuration } from '../scenario/duration.js';
import type { PathSegment } from '../scenario/problems.js';
import { closestName } from '../scenario/suggest.js';
import { readAnalysis, type Templates } from './argoAnalysis.js';
import { ARGO_PROVIDERS, checkApiVersions } from './controllerApis.js';
import type { ManifestDocument } from './manifestDocuments.js';
import { type Fields, isMapping, type ManifestReport } from './manifestFields.js';
import type { SourceOptions } from './metricSource.js';
import { phaseName, wholeIntervals } from './phaseNames.js';

const IGNORED_CANARY: Readonly<Record<string, string>> = {
  canaryService: '',
  stableService: '',
  trafficRouting: 'the rehearsal routes exactly the setWeight share',
  maxSurge: 'pod scheduling is not modelled',
  maxUnavailable: 'pod scheduling is not modelled',
  scaleDownDelaySeconds: 'pod scheduling is not modelled',
  scaleDownDelayRevisionLimit: 'pod scheduling is not modelled',
  abortScaleDownDelaySeconds: 'pod scheduling is not modelled',
  dynamicStableScale: 'pod scheduling is not modelled',
  canaryMetadata: '',
  stableMetadata: '',
  antiAffinity: 'pod scheduling is not modelled',
  pingPong: 'pod scheduling is not modelled',
  minPodsPerReplicaSet: 'pod scheduling is not modelled',
};

const IGNORED_STEPS: Readonly<Record<string, string>> = {
  setCanaryScale: 'replica counts do not change the traffic share rehearsed',
  setHeaderRoute: 'header routes are not modelled',
  setMirrorRoute: 'mirrored traffic is not modelled',
  experiment: 'experiments are not rehearsed',
  plugin: 'step plugins are not rehearsed',
};

/** The steps the rehearsal reads; with IGNORED_STEPS, every step Argo Rollouts has. */
const READ_STEPS = ['setWeight', 'pause', 'analysis'];

/**
 * A problem for each metric of an AnalysisTemplate whose provider Argo does not have: a misspelling,
 * which a `controller.metrics` mapping would otherwise cover. Each template once, referenced or not.
 */
function checkProviders(templates: readonly ManifestDocument[], report: ManifestReport): void {
  for (const template of templates) {
    const spec = isMapping(template.value.spec) ? template.value.spec : {};
    const metrics = Array.isArray(spec.metrics) ? spec.metrics : [];
    metrics.forEach((metric, i) => {
      const provider = isMapping(metric) && isMapping(metric.provider) ? Object.keys(metric.provider) : [];
      const name = provider[0];
      if (provider.length !== 1 || name === undefined || ARGO_PROVIDERS.includes(name)) return;
      const hint = closestName(name, ARGO_PROVIDERS);
      report.problem(
        template,
        ['spec', 'metrics', i, 'provider', name],
        `one of Argo's providers: ${ARGO_PROVIDERS.join(', ')}`,
        hint ? `${name} (did you mean ${hint}?)` : name,
        'key',
      );
    });
  }
}

/** Steps of one derived phase while they are read. */
interface PhaseDraft {
  weight: number;
  firstStep: number;
  steps: ArgoStepPlan[];
  described: string[];
}

function pauseDurationMs(
  document: ManifestDocument,
  pause: unknown,
  path: PathSegment[],
  report: ManifestReport,
): number | null | undefined {
  if (!isMapping(pause)) {
    report.problem(document, path, 'a pause { duration? } (no duration waits for a person)');
    return undefined;
  }
  const duration = pause.duration;
  if (duration === undefined) return null;
  if (typeof duration === 'number' && Number.isInteger(duration) && duration >= 0) return duration * 1000;
  const parsed = typeof duration === 'string' ? parseGoDurationMs(duration, '') : null;
  if (parsed !== null && 'ms' in parsed && parsed.ms >= 0) return parsed.ms;
  report.problem(document, [...path, 'duration'], 'a duration such as 30s, 10m or 1h, or whole seconds');
  return undefined;
}

/** An inline analysis's nominal length: the time of its last scheduled measurement (no errors, no retries). */
function nominalAnalysisMs(
  analysis: ArgoAnalysisPlan,
  document: ManifestDocument,
  path: PathSegment[],
  report: ManifestReport,
): number {
  let longestMs = 0;
  for (const { metric } of analysis.metrics) {
    const count = effectiveCount(metric);
    const ms = (text: string | undefined) => {
      const parsed = text ? parseGoDurationMs(text, '') : { ms: 0 };
      return 'ms' in parsed ? parsed.ms : 0;
    };
    if (count === null) {
      report.problem(
        document,
        path,
        `a count for metric ${metric.name}: in an analysis step, a metric with an interval and no count never completes, so the rollout would wait forever`,
        'interval without count',
      );
      continue;
    }
    longestMs = Math.max(longestMs, ms(metric.initialDelay) + (count - 1) * ms(metric.interval));
  }
  return longestMs;
}

/**
 * Reads a Rollout (canary strategy) and the AnalysisTemplates it names into the controller plan and its
 * derived phases: each `setWeight` starts a phase at that weight, which lasts through the pauses and
 * analysis steps after it; background analysis begins with the phase that holds `startingStep`.
 */
export function readArgo(
  documents: readonly ManifestDocument[],
  options: SourceOptions & { manualPauseMs: number },
  report: ManifestReport,
): { plan: ArgoControllerPlan; phases: DerivedPhase[] } | undefined {
  const rollouts = documents.filter((d) => d.kind === 'Rollout');
  const templates: Templates = {
    namespaced: new Map(documents.filter((d) => d.kind === 'AnalysisTemplate').map((d) => [d.name, d])),
    cluster: new Map(documents.filter((d) => d.kind === 'ClusterAnalysisTemplate').map((d) => [d.name, d])),
  };
  for (const document of documents) {
    if (!['Rollout', 'AnalysisTemplate', 'ClusterAnalysisTemplate'].includes(document.kind))
      report.warn(document, ['kind'], `ignored: a ${document.kind} is not part of an Argo Rollouts plan`);
  }
  checkApiVersions(documents, 'argo', report);
  checkProviders([...templates.namespaced.values(), ...templates.cluster.values()], report);
  const rollout = rollouts[0];
  if (rollout === undefined || rollouts.length > 1) {
    const first = rollouts[1] ?? documents[0]!;
    report.problem(first, ['kind'], 'exactly one Rollout in the manifests', `${rollouts.length} Rollouts`);
    return undefined;
  }
  const spec = isMapping(rollout.value.spec) ? rollout.value.spec : {};
  const strategy = isMapping(spec.strategy) ? spec.strategy : {};
  const canary = strategy.canary;
  if (!isMapping(canary)) {
    const found = strategy.blueGreen !== undefined ? 'blueGreen (not rehearsed)' : undefined;
    report.problem(rollout, ['spec', 'strategy', 'canary'], 'a canary strategy with steps', found);
    return undefined;
  }
  const canaryPath: PathSegment[] = ['spec', 'strategy', 'canary'];
  report.otherFields(rollout, canaryPath, canary, ['steps', 'analysis'], IGNORED_CANARY);
  const steps = report.list(rollout, canary, [...canaryPath, 'steps'], 'a list of steps') ?? [];
  const drafts: PhaseDraft[] = [];
  const before: { steps: ArgoStepPlan[]; described: string[] } = { steps: [], described: [] };
  // A setWeight already reported (out of range, misspelt) says why no weight was read.
  let weightReported = false;
  steps.forEach((step, i) => {
    const path: PathSegment[] = [...canaryPath, 'steps', i];
    if (!isMapping(step) || Object.keys(step).length !== 1) {
      report.problem(rollout, path, 'a step with one field (setWeight, pause, analysis, ...)');
      return;
    }
    const [kind, value] = Object.entries(step)[0]!;
    const current = drafts.at(-1) ?? before;
    if (kind === 'setWeight') {
      const weight = report.number(
        rollout,
        step,
        [...path, 'setWeight'],
        'a weight in 1..100 (percent)',
        (w) => Number.isInteger(w) && w >= 1 && w <= 100,
      );
      if (weight === undefined) weightReported = true;
      else drafts.push({ weight, firstStep: i, steps: [], described: [`setWeight ${weight}`] });
    } else if (kind === 'pause') {
      const durationMs = pauseDurationMs(rollout, value, [...path, 'pause'], report);
      if (durationMs === undefined) return;
      current.steps.push({ kind: 'pause', step: i, durationMs });
      current.described.push(
        durationMs === null ? 'pause {} (manual)' : `pause ${formatDuration(durationMs)}`,
      );
    } else if (kind === 'analysis') {
      if (!isMapping(value)) {
        report.problem(rollout, [...path, 'analysis'], 'an analysis { templates, args? }');
        return;
      }
      const analysis = readAnalysis(
        { document: rollout, path: [...path, 'analysis'], fields: value },
        templates,
        options,
        report,
      );
      if (analysis === undefined) return;
      current.steps.push({ kind: 'analysis', step: i, analysis });
      current.described.push(`analysis ${analysis.templates.join('+')}`);
    } else if (IGNORED_STEPS[kind] !== undefined) {
      report.warn(rollout, [...path, kind], `ignored: ${IGNORED_STEPS[kind]}`);
    } else {
      const known = [...READ_STEPS, ...Object.keys(IGNORED_STEPS)];
      const hint = closestName(kind, known);
      if (hint === 'setWeight') weightReported = true;
      report.problem(
        rollout,
        [...path, kind],
        `a step of Argo Rollouts (${known.join(', ')})`,
        `unknown step '${kind}'${hint === null ? '' : `; did you mean '${hint}'?`}`,
        'key',
      );
    }
  });
  if (drafts.length === 0 && !weightReported) {
    report.problem(
      rollout,
      [...canaryPath, 'steps'],
      'at least one setWeight step (a canary without steps is promoted at once: there is nothing to rehearse)',
    );
    return undefined;
  }
  if (drafts.length === 0) return undefined;
  if (before.steps.length > 0) {
    report.warn(
      rollout,
      [...canaryPath, 'steps', 0],
      `approximated: the steps before the first setWeight run at 0% in Argo; they are rehearsed at ${drafts[0]!.weight}%`,
    );
    drafts[0]!.steps.unshift(...before.steps);
    drafts[0]!.described.splice(1, 0, ...before.described);
  }
  let background: ArgoControllerPlan['background'] = null;
  const backgroundFields = canary.analysis;
  if (isMapping(backgroundFields)) {
    const path = [...canaryPath, 'analysis'];
    const analysis = readAnalysis(
      { document: rollout, path, fields: backgroundFields },
      templates,
      options,
      report,
    );
    const startingStep =
      report.number(
        rollout,
        backgroundFields,
        [...path, 'startingStep'],
        'a step index ≥ 0',
        (s) => Number.isInteger(s) && s >= 0,
      ) ?? 0;
    let phaseIndex = drafts.findLastIndex((draft) => draft.firstStep <= startingStep);
    if (phaseIndex < 0) phaseIndex = 0;
    if (startingStep >= steps.length) {
      report.warn(
        rollout,
        [...path, 'startingStep'],
        'the background analysis starts after the last step, so it never measures during the rollout',
      );
      phaseIndex = drafts.length;
    } else if (drafts[phaseIndex]!.firstStep !== startingStep && startingStep > 0) {
      report.warn(
        rollout,
        [...path, 'startingStep'],
        `approximated: the background analysis starts with the phase of step ${drafts[phaseIndex]!.firstStep} (its setWeight), not at step ${startingStep}`,
      );
    }
    if (analysis !== undefined) background = { analysis, phaseIndex };
  }
  const names = new Set<string>();
  const phases: DerivedPhase[] = drafts.map((draft) => {
    let nominalMs = 0;
    for (const step of draft.steps) {
      if (step.kind === 'pause') nominalMs += step.durationMs ?? options.manualPauseMs;
      else
        nominalMs += nominalAnalysisMs(
          step.analysis,
          rollout,
          [...canaryPath, 'steps', step.step, 'analysis'],
          report,
        );
    }
    const durationMs = wholeIntervals(nominalMs, options.intervalMs, (message) =>
      report.warn(rollout, [...canaryPath, 'steps', draft.firstStep], message),
    );
    return {
      name: phaseName(`weight-${draft.weight}`, names),
      traffic: draft.weight / 100,
      durationMs,
      description: draft.described.join(', '),
    };
  });
  if (report.problems.length > 0) return undefined;
  return {
    plan: {
      kind: 'argo',
      rollout: rollout.name,
      phaseSteps: drafts.map((draft) => draft.steps),
      background,
      manualPauseMs: options.manualPauseMs,
    },
    phases,
  };
}

export type { Fields };
