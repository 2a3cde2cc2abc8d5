import { InternalError } from '../errors.js';
import { defaultLatencyBucketsMs } from '../gates/latencyBuckets.js';
import type { AnalyzerInput } from './analyzerSchema.js';
import { compileFault } from './compileFault.js';
import type { ControllerManifests } from './controllerPlan.js';
import { deepFreeze } from './deepFreeze.js';
import { expandConditions } from './expandConditions.js';
import type { AnalyzerPlan, PhasePlan, Plan, SegmentPlan, UncertainEffect } from './plan.js';
import type { Scenario } from './scenarioSchema.js';
import { validDurationMs } from './validated.js';

/** What compiling needs from outside the scenario's own text. */
export interface CompileExtras {
  /** sha256 (hex) of the scenario file's bytes; '' (the default) for a scenario built in code. */
  scenarioSha256?: string;
  /** The 24 factors of `population.diurnal.file`, read by `readScenario`; required when the scenario names a file. */
  diurnalFactors?: readonly number[];
  /** The controller manifests read by `readScenario`; required when the scenario has a `controller` section. */
  controller?: ControllerManifests;
}

/**
 * Compiles a validated scenario into a {@link Plan}: durations to ms, defaults filled in (phase learners
 * = round(traffic × population), checkpoints = [duration], guard window = one interval, the gates'
 * default latency buckets), diurnal factors scaled to mean 1, per-segment behaviour with overrides,
 * conditions expanded to one per operator, references to indexes. Pure.
 *
 * @throws InternalError when the scenario did not come from `validateScenario`/`parseScenario` and breaks
 *   one of their guarantees, or names a diurnal file without `extras.diurnalFactors`.
 */
export function compileScenario(scenario: Scenario, extras: CompileExtras = {}): Plan {
  const intervalMs = validDurationMs(scenario.monitoring.interval);
  const segments: SegmentPlan[] = scenario.population.segments.map((segment) => ({
    id: segment.id,
    label: segment.label ?? segment.id,
    share: segment.share,
    requestsPerLearnerHour: segment.requestsPerLearnerHour ?? scenario.population.requestsPerLearnerHour,
  }));
  const segmentIds = segments.map((segment) => segment.id);
  const startMs = Date.parse(scenario.start);
  const guardMinRequests = scenario.guards.minRequests;
  const phases = scenario.controller
    ? derivedPhases(scenario, extras)
    : (scenario.phases ?? []).map((phase, index): PhasePlan => {
        const phaseMs = validDurationMs(phase.duration);
        return {
          name: phase.name,
          index,
          traffic: phase.traffic,
          learners: phase.learners ?? Math.round(phase.traffic * scenario.population.learners),
          durationMs: phaseMs,
          checkpointsMs: (phase.checkpoints ?? [phase.duration]).map(validDurationMs),
          gates: expandConditions(phase.gates, undefined),
          require: phase.require,
          advance: phase.advance,
          window: phase.window,
        };
      });
  return deepFreeze({
    name: scenario.name,
    release: scenario.release ?? null,
    seed: scenario.seed,
    startMs,
    startIso: new Date(startMs).toISOString(),
    scenarioSha256: extras.scenarioSha256 ?? '',
    intervalMs,
    guardWindowMs: validDurationMs(scenario.monitoring.window ?? scenario.monitoring.interval),
    latencyBucketsMs: [...(scenario.monitoring.latencyBucketsMs ?? defaultLatencyBucketsMs())],
    population: {
      learners: scenario.population.learners,
      requestsPerLearnerHour: scenario.population.requestsPerLearnerHour,
    },
    segments,
    diurnal: compileDiurnal(scenario, extras),
    analyzers: {
      baseline: compileAnalyzer(scenario.analyzers.baseline, segmentIds),
      candidate: compileAnalyzer(scenario.analyzers.candidate, segmentIds),
    },
    business: compileBusiness(scenario),
    guards: expandConditions(scenario.guards.rollbackWhen, guardMinRequests, scenario.guards.consecutive),
    phases,
    faults: scenario.faults.map((fault) => compileFault(fault, phases, segmentIds)),
    ...(extras.controller === undefined || !scenario.controller ? {} : { controller: extras.controller }),
  });
}

/** The phases of a controller's manifests: no gates of their own, one checkpoint at the nominal end. */
function derivedPhases(scenario: Scenario, extras: CompileExtras): PhasePlan[] {
  if (extras.controller === undefined) {
    throw new InternalError(
      'compileScenario needs the manifests of a controller section in extras.controller',
    );
  }
  return extras.controller.phases.map((phase, index) => ({
    name: phase.name,
    index,
    traffic: phase.traffic,
    learners: Math.max(1, Math.round(phase.traffic * scenario.population.learners)),
    durationMs: phase.durationMs,
    checkpointsMs: [phase.durationMs],
    gates: [],
    require: 'every-checkpoint',
    advance: 'auto',
    window: 'cumulative',
  }));
}

/** The 24 factors scaled to mean 1, so they shape the day without changing the daily volume. */
function compileDiurnal(scenario: Scenario, extras: CompileExtras): number[] | null {
  const diurnal = scenario.population.diurnal;
  if (diurnal === undefined) return null;
  const factors = Array.isArray(diurnal) ? diurnal : extras.diurnalFactors;
  if (factors === undefined || factors.length !== 24) {
    throw new InternalError(
      'compileScenario needs the 24 factors of population.diurnal.file in extras.diurnalFactors',
    );
  }
  const mean = factors.reduce((sum, factor) => sum + factor, 0) / factors.length;
  return factors.map((factor) => factor / mean);
}

function compileAnalyzer(analyzer: AnalyzerInput, segmentIds: readonly string[]): AnalyzerPlan {
  return {
    availability: analyzer.availability,
    meanOutageMs: validDurationMs(analyzer.meanOutage),
    bySegment: segmentIds.map((id) => {
      const override = analyzer.segments?.[id];
      const latency = override?.latencyMs ?? analyzer.latencyMs;
      return {
        errorRate: override?.errorRate ?? analyzer.errorRate,
        latencyP50Ms: latency.p50,
        latencyP99Ms: latency.p99,
        revenueUplift: override?.revenueUplift ?? null,
      };
    }),
  };
}

function compileBusiness(scenario: Scenario): Plan['business'] {
  const business = scenario.business;
  if (business === undefined) return null;
  const effect = (value: UncertainEffect | undefined): UncertainEffect | null =>
    value === undefined ? null : { mean: value.mean, sd: value.sd };
  return {
    baselineAnnualRevenueUsd: business.baselineAnnualRevenue,
    revenueUplift: { mean: business.revenueUplift.mean, sd: business.revenueUplift.sd },
    completionUplift: effect(business.completionUplift),
    churnChange: effect(business.churnChange),
    purchasesPerLearnerYear: business.purchasesPerLearnerYear,
    purchaseAmountCv: business.purchaseAmountCv,
    baselineChurnPerMonth: business.baselineChurnPerMonth,
    baselineCompletionsPerLearnerMonth: business.baselineCompletionsPerLearnerMonth,
    horizonDays: business.horizonDays,
    costs: { oneOffUsd: business.costs.oneOffUsd, monthlyUsd: business.costs.monthlyUsd },
    discountRatePerYear: business.discountRatePerYear,
    followOn: business.followOn.map((item) => ({
      name: item.name,
      revenueUplift: { mean: item.revenueUplift.mean, sd: item.revenueUplift.sd },
      startsAfterMs: validDurationMs(item.startsAfter),
    })),
    ...(business.revenueIncludesChurnAndCompletion === undefined
      ? {}
      : { revenueIncludesChurnAndCompletion: business.revenueIncludesChurnAndCompletion }),
    ...(business.revenuePerCompletion === undefined
      ? {}
      : { revenuePerCompletionUsd: business.revenuePerCompletion }),
    ...(business.effectSamples === undefined ? {} : { effectSamples: { file: business.effectSamples.file } }),
  };
}
