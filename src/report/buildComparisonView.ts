import {
  METRIC_NAMES,
  type MetricName,
  OPERATOR_SYMBOLS,
  type Operator,
  type Verdict,
} from '../gates/index.js';
import type { Results, ResultsPhase } from './results.js';

/** One phase's cell of a metric row: its gate (if the phase gates the metric) and the value at its last checkpoint. */
export interface ComparisonCellView {
  phase: string;
  reached: boolean;
  /** Whether the phase has a gate on this metric; when false, op, symbol and threshold are null. */
  gated: boolean;
  op: Operator | null;
  symbol: string | null;
  threshold: number | null;
  /** The value at the phase's last checkpoint; null when not reached or no value. */
  observed: number | null;
  /** The gate's verdict at the last checkpoint; null when not gated or not reached. */
  verdict: Verdict | null;
}

export interface ComparisonRowView {
  metric: MetricName;
  cells: ComparisonCellView[];
}

/** The phases side by side: one row per metric gated in any phase, one cell per phase. */
export interface ComparisonView {
  phases: string[];
  rows: ComparisonRowView[];
}

function cellOf(phase: ResultsPhase, metric: MetricName): ComparisonCellView {
  const gate = phase.rules.gates.find((condition) => condition.metric === metric);
  const last = phase.checkpoints.at(-1);
  const result = last?.gates.find((g) => g.metric === metric);
  return {
    phase: phase.name,
    reached: phase.status !== 'not-reached',
    gated: gate !== undefined,
    op: gate?.op ?? null,
    symbol: gate === undefined ? null : OPERATOR_SYMBOLS[gate.op],
    threshold: gate?.threshold ?? null,
    observed: last?.metrics[metric] ?? null,
    verdict: result?.verdict ?? null,
  };
}

/**
 * The comparison of phases the seed report draws by hand (target and actual per phase), computed: for
 * every metric any phase gates, in catalogue order, each phase's limit and its value at the last
 * checkpoint.
 */
export function buildComparisonView(results: Results): ComparisonView {
  const gated = new Set(results.phases.flatMap((phase) => phase.rules.gates.map((gate) => gate.metric)));
  return {
    phases: results.phases.map((phase) => phase.name),
    rows: METRIC_NAMES.filter((metric) => gated.has(metric)).map((metric) => ({
      metric,
      cells: results.phases.map((phase) => cellOf(phase, metric)),
    })),
  };
}
