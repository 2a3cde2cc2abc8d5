import type { OutcomeShare, OutcomesChartInput } from '../charts/index.js';
import type { Risk } from '../risk/risk.js';
import { type ChartView, markRendered } from './index.js';

/** The risk report's charts (HTML only; print one with `{{chart charts.outcomes}}`). */
export interface RiskCharts {
  outcomes: ChartView | null;
}

/** A probability as risk.json records it: `p` is null when there were no runs. */
interface RecordedProbability {
  p: number | null;
  ci95: [number, number];
}

function share(label: string, probability: RecordedProbability, kind: OutcomeShare['kind']): OutcomeShare[] {
  const { p, ci95 } = probability;
  return typeof p === 'number' && Number.isFinite(p) ? [{ label, p, ci95, kind }] : [];
}

/**
 * The outcomes chart's data from risk.json alone: completed, rolled back (split into true and false
 * rollbacks when the candidate is no worse than the baseline) and halted, each with its Wilson interval.
 * Null when there is nothing to draw.
 */
export function buildRiskChartInputs(risk: Risk): { outcomes: OutcomesChartInput | null } {
  const byCause = risk.rollbacks.candidateWorse.length === 0;
  const outcomes = [
    ...share('completed', risk.pComplete, 'completed'),
    ...(byCause
      ? [
          ...share('rolled back: regression or fault (true)', risk.rollbacks.pTrue, 'rolled-back'),
          ...share('rolled back: noise alone (false)', risk.rollbacks.pFalse, 'rolled-back'),
        ]
      : share('rolled back (candidate worse)', risk.pRollback, 'rolled-back')),
    ...share('halted', risk.pHalt, 'halted'),
  ];
  return {
    outcomes:
      outcomes.length === 0
        ? null
        : {
            title: `How ${risk.runs} rehearsals of the plan ended (share of runs, 95% Wilson interval)`,
            outcomes,
          },
  };
}

/**
 * Renders the risk report's charts to SVG from risk.json's content alone (pass it as recorded, so a
 * re-render gives the same bytes). Deterministic; the chart library is loaded on first use.
 */
export async function renderRiskCharts(risk: Risk): Promise<RiskCharts> {
  const inputs = buildRiskChartInputs(risk);
  if (inputs.outcomes === null) return { outcomes: null };
  const { outcomesChart } = await import('../charts/index.js');
  return {
    outcomes: markRendered({
      id: 'outcomes',
      title: inputs.outcomes.title,
      svg: outcomesChart(inputs.outcomes),
    }),
  };
}
