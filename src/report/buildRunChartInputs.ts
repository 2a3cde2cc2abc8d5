import type {
  GateMetricChartInput,
  RevenueFanChartInput,
  SensitivityChartInput,
  TrafficChartInput,
  TrafficMarker,
  TrafficStep,
} from '../charts/index.js';
import { formatThreshold, METRIC_NAMES, METRICS, OPERATOR_SYMBOLS } from '../gates/index.js';
import { formatDuration } from '../scenario/duration.js';
import { buildFinanceView } from './buildFinanceView.js';
import type { Results, ResultsPhase } from './results.js';

/** The data of a run summary's charts, from `results.json` alone; null where there is nothing to draw. */
export interface RunChartInputs {
  traffic: TrafficChartInput;
  /** One chart per gated metric, in catalogue order. */
  gates: Array<{ metric: string; input: GateMetricChartInput }>;
  revenueFan: RevenueFanChartInput | null;
  sensitivity: SensitivityChartInput | null;
}

function offsetOf(results: Results, iso: string): number {
  return Date.parse(iso) - Date.parse(results.start);
}

/** Each phase back to back at its planned length, then the last phase's share held to the end. */
function plannedSteps(results: Results): TrafficStep[] {
  let fromMs = 0;
  return results.phases.map((phase) => {
    const step = { fromMs, toMs: fromMs + phase.rules.durationMs, share: phase.traffic };
    fromMs = step.toMs;
    return step;
  });
}

/**
 * The share as the rehearsal went: each phase that ran for `ranMs` from its start (between phases the
 * earlier share stays live, as the finance timeline assumes), then, up to `endMs`, the last share when
 * the rollout completed (or a partial replay's data ends) and 0 after a rollback or halt.
 */
function rehearsedSteps(results: Results, endMs: number): TrafficStep[] {
  const steps: TrafficStep[] = [];
  let cursorMs = 0;
  let share = 0;
  for (const phase of results.phases) {
    if (phase.startedAt === null) break;
    const startMs = offsetOf(results, phase.startedAt);
    if (startMs > cursorMs) steps.push({ fromMs: cursorMs, toMs: startMs, share });
    steps.push({ fromMs: startMs, toMs: startMs + phase.ranMs, share: phase.traffic });
    cursorMs = startMs + phase.ranMs;
    share = phase.traffic;
  }
  const { status } = results.outcome;
  const after = status === 'completed' || status === 'partial' ? share : 0;
  if (endMs > cursorMs) steps.push({ fromMs: cursorMs, toMs: endMs, share: after });
  return steps;
}

function markerOf(results: Results, phase: ResultsPhase): TrafficMarker[] {
  const { decision } = phase;
  if (decision === null) return [];
  const atMs = offsetOf(results, decision.at);
  return [
    {
      atMs,
      share: phase.traffic,
      label: `${decision.action} at ${formatDuration(atMs)}`,
      kind: decision.action,
    },
  ];
}

/** How the report names what actually happened: a replay shows recorded metrics, not a rehearsal. */
function asRun(results: Results): string {
  return results.fidelity === 'replay' ? 'as replayed' : 'as rehearsed';
}

function trafficInput(results: Results): TrafficChartInput {
  const planned = plannedSteps(results);
  const endMs = Math.max(planned.at(-1)?.toMs ?? 0, results.outcome.elapsedMs);
  return {
    title: `Traffic on the candidate over time: ${asRun(results)} (filled) and as planned (dashed)`,
    rehearsed: rehearsedSteps(results, endMs),
    planned,
    phases: planned.map((step, index) => ({ name: results.phases[index]?.name ?? '', startMs: step.fromMs })),
    markers: results.phases.flatMap((phase) => markerOf(results, phase)),
  };
}

function gateInputs(results: Results): RunChartInputs['gates'] {
  const gated = new Set(results.phases.flatMap((phase) => phase.rules.gates.map((gate) => gate.metric)));
  return METRIC_NAMES.filter((metric) => gated.has(metric)).map((metric) => ({
    metric,
    input: {
      title: `${metric} at each checkpoint against its limit, by phase`,
      axisTitle: metric,
      unit: METRICS[metric].unit,
      panels: results.phases.flatMap((phase) => {
        const gate = phase.rules.gates.find((condition) => condition.metric === metric);
        if (gate === undefined) return [];
        const condition = `${OPERATOR_SYMBOLS[gate.op]} ${formatThreshold(metric, gate.op, gate.threshold)}`;
        return [
          {
            title: `${phase.name}: ${metric} ${condition}`,
            op: gate.op,
            threshold: gate.threshold,
            durationMs: phase.rules.durationMs,
            points: phase.checkpoints.flatMap((checkpoint) => {
              const result = checkpoint.gates.find((g) => g.metric === metric && g.op === gate.op);
              if (result === undefined) return [];
              const { label, offsetMs } = checkpoint;
              return [{ label, offsetMs, observed: result.observed, verdict: result.verdict }];
            }),
          },
        ];
      }),
    },
  }));
}

function revenueFanInput(results: Results): RevenueFanChartInput | null {
  const finance = results.finance;
  if (finance === null) return null;
  const { rehearsed, planned } = finance.valueOverTime;
  const same = finance.planned.valueUsd === finance.valueUsd;
  return {
    title: `Cumulative revenue impact over ${finance.inputs.horizonDays} days, mean and p10–p90`,
    series: same
      ? [{ name: `${asRun(results)} (= plan)`, points: rehearsed }]
      : [
          { name: asRun(results), points: rehearsed },
          { name: 'plan on schedule', points: planned },
        ],
  };
}

function sensitivityInput(results: Results): SensitivityChartInput | null {
  const finance = buildFinanceView(results);
  if (finance === null || results.finance === null) return null;
  return {
    title: 'What moves the projected net value most (plan on schedule)',
    baseUsd: results.finance.sensitivity.baseNetValueUsd,
    bars: finance.sensitivity.map((row) => ({
      label: `${row.label} (${row.lowText} to ${row.highText})`,
      lowUsd: row.netValueAtLowUsd,
      highUsd: row.netValueAtHighUsd,
    })),
  };
}

/**
 * The data of every chart of a run's summary, from the results alone (pure): the traffic share over
 * time with the decisions, each gated metric per checkpoint against its limit by phase, the revenue fan
 * and the tornado of the projection.
 */
export function buildRunChartInputs(results: Results): RunChartInputs {
  return {
    traffic: trafficInput(results),
    gates: gateInputs(results),
    revenueFan: revenueFanInput(results),
    sensitivity: sensitivityInput(results),
  };
}
