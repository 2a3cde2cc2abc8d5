import type { AnalyzerPlan, Plan } from '../scenario/plan.js';
import type { ResultsAnalyzer, ResultsModel } from './results.js';

function analyzerOf(plan: Plan, analyzer: AnalyzerPlan): ResultsAnalyzer {
  return {
    availability: analyzer.availability,
    meanOutageMs: analyzer.meanOutageMs,
    segments: analyzer.bySegment.map((behaviour, index) => ({
      id: plan.segments[index]?.id ?? String(index),
      errorRate: behaviour.errorRate,
      latencyP50Ms: behaviour.latencyP50Ms,
      latencyP99Ms: behaviour.latencyP99Ms,
      revenueUplift: behaviour.revenueUplift,
    })),
  };
}

/**
 * `results.json`'s `model`: what the rehearsal assumed about traffic and the two versions, so that a
 * report rendered from the results alone can state every assumption. Pure; keys in a fixed order.
 */
export function buildModelResults(plan: Plan): ResultsModel {
  const factors = plan.diurnal;
  return {
    population: {
      learners: plan.population.learners,
      requestsPerLearnerHour: plan.population.requestsPerLearnerHour,
    },
    diurnal: factors !== null,
    ...(factors === null ? {} : { diurnalFactors: [...factors] }),
    segments: plan.segments.map(({ id, label, share, requestsPerLearnerHour }) => ({
      id,
      label,
      share,
      requestsPerLearnerHour,
    })),
    analyzers: {
      baseline: analyzerOf(plan, plan.analyzers.baseline),
      candidate: analyzerOf(plan, plan.analyzers.candidate),
    },
    faults: plan.faults.map((fault) => ({
      kind: fault.kind,
      target: fault.target,
      phase: fault.phaseIndex === null ? null : (plan.phases[fault.phaseIndex]?.name ?? null),
    })),
  };
}
