import { type MetricName, OPERATOR_SYMBOLS, type Operator } from '../gates/index.js';
import type { Results, ResultsAnalyzer } from './results.js';

/** How one version was modeled: one line when every segment behaves alike, else a line per segment. */
export interface AnalyzerView {
  name: 'baseline' | 'candidate';
  availability: number;
  meanOutageMs: number;
  /** True when every segment has the same error rate and latency (then `segments` has one row, id null). */
  uniform: boolean;
  segments: Array<{ id: string | null; errorRate: number; latencyP50Ms: number; latencyP99Ms: number }>;
}

export interface AppendixConditionView {
  metric: MetricName;
  op: Operator;
  symbol: string;
  threshold: number;
  minRequests: number;
}

/** What the rehearsal assumed and how it decided: every input a reader may want to check. */
export interface AppendixView {
  population: Results['model']['population'];
  diurnal: boolean;
  segments: Results['model']['segments'];
  analyzers: AnalyzerView[];
  monitoring: {
    intervalMs: number;
    guardWindowMs: number;
    bucketCount: number;
    smallestBucketMs: number | null;
    largestBucketMs: number | null;
  };
  guards: Array<AppendixConditionView & { windowMs: number }>;
  phaseRules: Array<{
    name: string;
    traffic: number;
    learners: number;
    durationMs: number;
    checkpointsMs: number[];
    window: string;
    require: string;
    advance: string;
    gates: AppendixConditionView[];
  }>;
  faults: Results['model']['faults'];
  warnings: string[];
}

function analyzerView(name: AnalyzerView['name'], analyzer: ResultsAnalyzer): AnalyzerView {
  const rows = analyzer.segments.map(({ id, errorRate, latencyP50Ms, latencyP99Ms }) => ({
    id,
    errorRate,
    latencyP50Ms,
    latencyP99Ms,
  }));
  const first = rows[0];
  const uniform = rows.every(
    (row) =>
      row.errorRate === first?.errorRate &&
      row.latencyP50Ms === first.latencyP50Ms &&
      row.latencyP99Ms === first.latencyP99Ms,
  );
  return {
    name,
    availability: analyzer.availability,
    meanOutageMs: analyzer.meanOutageMs,
    uniform,
    segments: uniform && first !== undefined ? [{ ...first, id: null }] : rows,
  };
}

function conditionView(condition: {
  metric: MetricName;
  op: Operator;
  threshold: number;
  minRequests: number;
}) {
  const { metric, op, threshold, minRequests } = condition;
  return { metric, op, symbol: OPERATOR_SYMBOLS[op], threshold, minRequests };
}

/** The appendix of a run's summary: the model's inputs, the monitoring, every phase's rules, faults, warnings. */
export function buildAppendixView(results: Results): AppendixView {
  const { model, monitoring } = results;
  return {
    population: model.population,
    diurnal: model.diurnal,
    segments: model.segments,
    analyzers: [
      analyzerView('baseline', model.analyzers.baseline),
      analyzerView('candidate', model.analyzers.candidate),
    ],
    monitoring: {
      intervalMs: monitoring.intervalMs,
      guardWindowMs: monitoring.guardWindowMs,
      bucketCount: monitoring.latencyBucketsMs.length,
      smallestBucketMs: monitoring.latencyBucketsMs[0] ?? null,
      largestBucketMs: monitoring.latencyBucketsMs.at(-1) ?? null,
    },
    guards: results.guards.map((guard) => ({ ...conditionView(guard), windowMs: guard.windowMs })),
    phaseRules: results.phases.map((phase) => ({
      name: phase.name,
      traffic: phase.traffic,
      learners: phase.learners,
      durationMs: phase.rules.durationMs,
      checkpointsMs: phase.rules.checkpointsMs,
      window: phase.rules.window,
      require: phase.rules.require,
      advance: phase.rules.advance,
      gates: phase.rules.gates.map(conditionView),
    })),
    faults: model.faults,
    warnings: results.warnings,
  };
}
