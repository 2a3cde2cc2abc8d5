import type { Condition, MetricName } from '../gates/index.js';
import {
  apportionLearners,
  fitLognormal,
  type LatencyMixture,
  lognormalMixture,
  normaliseDiurnalProfile,
  revenueModel,
  sameMixture,
} from '../model/index.js';
import type { ControllerPlan, MetricSource } from '../scenario/controllerPlan.js';
import { formatDuration } from '../scenario/duration.js';
import type { AnalyzerPlan, BusinessPlan, PhasePlan, Plan } from '../scenario/plan.js';
import type { CohortParams, EngineSetup, GuardNeeds, PhaseSetup } from './engineSetup.js';

const LATENCY_METRICS: readonly MetricName[] = ['p50LatencyMs', 'p95LatencyMs', 'p99LatencyMs'];
const TIME_METRICS: readonly MetricName[] = ['availability', 'incidents'];
const SPAN_METRICS: readonly MetricName[] = ['revenueImpact', 'churnRate', 'completionRate'];

/** What a controller's queries need every interval: counts, and the histogram for a latency query. */
function controllerNeeds(plan: ControllerPlan): GuardNeeds {
  const sources = controllerSources(plan);
  return {
    counts: true,
    latency: sources.some((source) => source.kind === 'query' && LATENCY_METRICS.includes(source.metric)),
    segments: false,
    spanDraws: false,
  };
}

/** Every metric source of a controller's plan: background and step analyses (Argo) or metric checks (Flagger). */
export function controllerSources(plan: ControllerPlan): MetricSource[] {
  if (plan.kind === 'flagger') return plan.metrics.map((metric) => metric.source);
  const analyses = [
    ...(plan.background === null ? [] : [plan.background.analysis]),
    ...plan.phaseSteps.flat().flatMap((step) => (step.kind === 'analysis' ? [step.analysis] : [])),
  ];
  return analyses.flatMap((analysis) => analysis.metrics.map((metric) => metric.source));
}

function guardNeeds(guards: readonly Condition[]): GuardNeeds {
  const any = (metrics: readonly MetricName[]) => guards.some((guard) => metrics.includes(guard.metric));
  return {
    counts: guards.some((guard) => !TIME_METRICS.includes(guard.metric) || (guard.minRequests ?? 0) > 0),
    latency: any(LATENCY_METRICS),
    segments: any(['segmentVariance']),
    spanDraws: any(SPAN_METRICS),
  };
}

/** Latency mixtures built so far, so segments (and cohorts) with equal parameters share one object. */
function mixtureInterner(): (mixture: LatencyMixture) => LatencyMixture {
  const known: LatencyMixture[] = [];
  return (mixture) => {
    const same = known.find((other) => sameMixture(other, mixture));
    if (same) return same;
    known.push(mixture);
    return mixture;
  };
}

function cohortParams(
  analyzer: AnalyzerPlan,
  business: BusinessPlan | null,
  isCandidate: boolean,
  intern: (mixture: LatencyMixture) => LatencyMixture,
): CohortParams {
  const behaviour = analyzer.bySegment;
  const churnPerMonth = business?.baselineChurnPerMonth ?? 0;
  const completionsPerMonth = business?.baselineCompletionsPerLearnerMonth ?? 0;
  const churnChange = isCandidate ? (business?.churnChange?.mean ?? 0) : 0;
  const completionUplift = isCandidate ? (business?.completionUplift?.mean ?? 0) : 0;
  const defaultUplift = isCandidate ? (business?.revenueUplift.mean ?? 0) : 0;
  return {
    errorRate: Float64Array.from(behaviour, (segment) => segment.errorRate),
    latency: behaviour.map((segment) => {
      const { mu, sigma } = fitLognormal(segment.latencyP50Ms, segment.latencyP99Ms);
      return intern(lognormalMixture(mu, sigma));
    }),
    availability: analyzer.availability,
    meanOutageMs: analyzer.meanOutageMs,
    revenueUplift: Float64Array.from(behaviour, (segment) => segment.revenueUplift ?? defaultUplift),
    churnPerLearnerMonth: churnPerMonth * (1 + churnChange),
    completionsPerLearnerMonth: completionsPerMonth * (1 + completionUplift),
  };
}

function phaseSetup(
  phase: PhasePlan,
  shares: readonly number[],
  segmentLearners: readonly number[],
): PhaseSetup {
  const wanted = apportionLearners(phase.learners, shares);
  const candidateBySegment = wanted.map((learners, s) => Math.min(learners, segmentLearners[s]!));
  const inPhase = phase.checkpointsMs.filter((offsetMs) => offsetMs > 0 && offsetMs <= phase.durationMs);
  const checkpointsMs = inPhase.length > 0 ? inPhase : [phase.durationMs];
  return {
    index: phase.index,
    name: phase.name,
    traffic: phase.traffic,
    durationMs: phase.durationMs,
    checkpoints: checkpointsMs.map((offsetMs) => {
      const label = formatDuration(offsetMs);
      return { label, offsetMs, gateContext: { phase: phase.name, label: `${label} checkpoint` } };
    }),
    gates: phase.gates,
    rules: { require: phase.require, advance: phase.advance },
    sinceLastCheckpoint: phase.window === 'since-last-checkpoint',
    candidateBySegment,
    baselineBySegment: segmentLearners.map((learners, s) => learners - candidateBySegment[s]!),
  };
}

function usesMetric(plan: Plan, metric: MetricName): boolean {
  const uses = (conditions: readonly Condition[]) =>
    conditions.some((condition) => condition.metric === metric);
  return uses(plan.guards) || plan.phases.some((phase) => uses(phase.gates));
}

/**
 * Resolves a plan into the engine's setup: learners per segment (largest remainder; learners are
 * numbered segment by segment and each phase's candidates are the first ones of each segment, so
 * cohorts are nested), fitted and shared latency mixtures, per-segment parameters, the revenue model.
 */
export function planSetup(plan: Plan): EngineSetup {
  const shares = plan.segments.map((segment) => segment.share);
  const segmentLearners = apportionLearners(plan.population.learners, shares);
  const segmentFirstLearner: number[] = [];
  let first = 0;
  for (const learners of segmentLearners) {
    segmentFirstLearner.push(first);
    first += learners;
  }
  const intern = mixtureInterner();
  const business = plan.business;
  return {
    name: plan.name,
    startMs: plan.startMs,
    learners: plan.population.learners,
    segmentIds: plan.segments.map((segment) => segment.id),
    requestsPerLearnerHour: Float64Array.from(plan.segments, (segment) => segment.requestsPerLearnerHour),
    segmentFirstLearner,
    segmentLearners,
    intervalMs: plan.intervalMs,
    guardWindowIntervals: Math.max(1, Math.round(plan.guardWindowMs / plan.intervalMs)),
    latencyBoundsMs: plan.latencyBucketsMs,
    guards: plan.guards,
    phases: plan.phases.map((phase) => phaseSetup(phase, shares, segmentLearners)),
    candidate: cohortParams(plan.analyzers.candidate, business, true, intern),
    baseline: cohortParams(plan.analyzers.baseline, business, false, intern),
    revenue:
      business === null
        ? null
        : revenueModel(
            business.baselineAnnualRevenueUsd,
            plan.population.learners,
            business.purchasesPerLearnerYear,
            business.purchaseAmountCv,
          ),
    diurnal: normaliseDiurnalProfile(plan.diurnal),
    guardNeeds:
      plan.controller === undefined ? guardNeeds(plan.guards) : controllerNeeds(plan.controller.plan),
    needsChurn: usesMetric(plan, 'churnRate'),
    needsCompletions: usesMetric(plan, 'completionRate'),
    faults: plan.faults,
    controller: plan.controller?.plan ?? null,
  };
}
