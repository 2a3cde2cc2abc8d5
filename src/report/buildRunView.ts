import type { MetricName, Operator, Verdict } from '../gates/index.js';
import { NEGATED_OPERATOR_SYMBOLS, OPERATOR_SYMBOLS } from '../gates/index.js';
import { type AppendixView, buildAppendixView } from './buildAppendixView.js';
import { buildComparisonView, type ComparisonView } from './buildComparisonView.js';
import { buildFinanceView, type FinanceView } from './buildFinanceView.js';
import { withActiveFaults } from './describeActiveFaults.js';
import { describeErrorRateEvidence } from './describeErrorRateEvidence.js';
import { describeMargin } from './describeMargin.js';
import { type NextActionView, nextActions } from './nextActions.js';
import type {
  Results,
  ResultsCheckpoint,
  ResultsCondition,
  ResultsDecision,
  ResultsFaultEpisode,
  ResultsPhase,
} from './results.js';
import { NO_CHARTS, type RunCharts } from './runCharts.js';

/** A gated metric's column in a phase's checkpoint table: the condition that must hold. */
export interface GateColumnView {
  metric: MetricName;
  op: Operator;
  threshold: number;
  /** The comparison sign of the condition that must hold: `<`, `≥`, `within`. */
  symbol: string;
}

/** One gate's value at one checkpoint; `observed` null when the window gave no value. */
export interface GateCellView {
  metric: MetricName;
  observed: number | null;
  verdict: Verdict | null;
  failed: boolean;
}

export interface CheckpointRowView {
  label: string;
  at: string;
  offsetMs: number;
  requests: number | null;
  cells: GateCellView[];
  verdict: Verdict;
}

/** What a result's numbers say about the last checkpoint's gates: computed sentences, never typed. */
export interface MarginView {
  metric: MetricName;
  verdict: Verdict;
  text: string;
  /** For error-rate limits: what the error count can show, with its 95% interval; otherwise null. */
  evidence: string | null;
}

export interface GuardTripView {
  phase: string;
  metric: MetricName;
  op: Operator;
  /** The comparison sign of the guard's condition, which held: `>`. */
  symbol: string;
  observed: number | null;
  threshold: number;
  at: string;
  offsetMs: number;
  /** Why it tripped, then the fault episodes active in its window, if any. */
  reason: string;
  /** The fault episodes active in the guard's trailing window (empty: none was). */
  faultEpisodes: ResultsFaultEpisode[];
}

/** A condition that rolls the rollout back when it holds: `errorRate > 1.50%`. */
export interface TriggerView {
  metric: MetricName;
  /** The comparison sign of the triggering condition (a gate's negation). */
  symbol: string;
  op: Operator;
  threshold: number;
  /** Guards: the trailing window, ms; gates: null. */
  windowMs: number | null;
}

export interface PhaseTriggersView {
  phase: string;
  /** Whether any failing checkpoint rolls back at once (`every-checkpoint`) or only the final one decides. */
  everyCheckpoint: boolean;
  gates: TriggerView[];
}

export interface PhaseView {
  name: string;
  status: ResultsPhase['status'];
  reached: boolean;
  /** A replay's phase without a single recorded row: not reached as far as the data can tell. */
  notRecorded: boolean;
  traffic: number;
  learners: number;
  /** Null when not recorded (a replay). */
  learnersExposed: number | null;
  requests: number;
  errors: number;
  /** errors / requests over the phase; null without requests. */
  errorRate: number | null;
  /** p99 latency at the phase's last checkpoint, ms (cumulative unless the phase says otherwise). */
  p99LatencyMs: number | null;
  startedAt: string | null;
  /** When the phase's decision came (startedAt + ranMs); null when not reached. */
  endedAt: string | null;
  /** When the phase would have started had every earlier phase run its planned length. */
  plannedStartAt: string;
  ranMs: number;
  plannedDurationMs: number;
  /** Checkpoint offsets the plan asked for, ms from the phase start (reached or not). */
  plannedCheckpointsMs: number[];
  /** `auto` or `manual` (a passed phase then awaits approval). */
  advance: 'auto' | 'manual';
  /** `every-checkpoint` or `final`. */
  require: 'every-checkpoint' | 'final';
  /**
   * The decision as results.json records it, its reason followed by the fault episodes active in what it
   * judged (`faultEpisodes` empty when none was, or the results name none).
   */
  decision: (ResultsDecision & { faultEpisodes: ResultsFaultEpisode[] }) | null;
  columns: GateColumnView[];
  checkpoints: CheckpointRowView[];
  margins: MarginView[];
  guardTrips: GuardTripView[];
}

/** Everything a run's summary shows, as numbers and names; templates format and lay it out. */
export interface RunView {
  /** What the report is: `Rollout rehearsal`, or `Replay of recorded metrics` for `rehearse replay`. */
  title: string;
  /** Whether the results replay recorded metrics (fidelity `replay`) rather than simulate traffic. */
  replay: boolean;
  /** A replay's phases with recorded rows, in plan order (what it observed); empty for a rehearsal. */
  recordedPhases: string[];
  scenario: Results['scenario'];
  toolVersion: string;
  seed: number;
  fidelity: Results['fidelity'];
  start: string;
  outcome: Results['outcome'] & {
    completed: boolean;
    rolledBack: boolean;
    halted: boolean;
    partial: boolean;
  };
  phases: PhaseView[];
  reachedPhases: PhaseView[];
  guardTrips: GuardTripView[];
  guards: TriggerView[];
  phaseTriggers: PhaseTriggersView[];
  /** The phase in which the rehearsal ended (the last phase when it completed). */
  endPhase: PhaseView | null;
  /** Over every phase that ran: candidate requests and errors, and learners exposed before the end. */
  totals: { requests: number; errors: number; learnersExposed: number | null };
  /** How many checkpoints of the phases that ran ended in each verdict. */
  verdictCounts: { pass: number; inconclusive: number; fail: number };
  /** Every phase decision, in order, with its phase. */
  decisions: Array<ResultsDecision & { phase: string }>;
  comparison: ComparisonView;
  /** The business impact; null when the scenario has no `business` section. */
  finance: FinanceView | null;
  nextActions: NextActionView[];
  appendix: AppendixView;
  /** Rendered charts (HTML only; print one with `{{chart charts.traffic}}`); empty lists and nulls otherwise. */
  charts: RunCharts;
}

function countVerdicts(phases: readonly PhaseView[], verdict: Verdict): number {
  return phases.reduce(
    (sum, phase) => sum + phase.checkpoints.filter((row) => row.verdict === verdict).length,
    0,
  );
}

function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

function columnOf(condition: ResultsCondition): GateColumnView {
  const { metric, op, threshold } = condition;
  return { metric, op, threshold, symbol: OPERATOR_SYMBOLS[op] };
}

function rowOf(checkpoint: ResultsCheckpoint, columns: readonly GateColumnView[]): CheckpointRowView {
  const cells = columns.map((column): GateCellView => {
    const gate = checkpoint.gates.find((g) => g.metric === column.metric && g.op === column.op);
    return {
      metric: column.metric,
      observed: gate?.observed ?? null,
      verdict: gate?.verdict ?? null,
      failed: gate?.verdict === 'fail',
    };
  });
  const { label, at, offsetMs, verdict } = checkpoint;
  return { label, at, offsetMs, requests: checkpoint.metrics.requests, cells, verdict };
}

/** The error count behind an error rate (exact: the rate is errors / requests). */
function errorsOf(checkpoint: ResultsCheckpoint): { errors: number; requests: number } | null {
  const { errorRate, requests } = checkpoint.metrics;
  if (errorRate === null || requests === null) return null;
  return { errors: Math.round(errorRate * requests), requests };
}

function marginsOf(last: ResultsCheckpoint | undefined): MarginView[] {
  if (last === undefined) return [];
  const counts = errorsOf(last);
  return last.gates.flatMap((gate) => {
    const text = describeMargin(gate);
    if (text === null) return [];
    const evidence =
      gate.metric === 'errorRate' && counts !== null
        ? describeErrorRateEvidence(counts.errors, counts.requests, gate.op, gate.threshold)
        : null;
    return [{ metric: gate.metric, verdict: gate.verdict, text, evidence }];
  });
}

function phaseView(phase: ResultsPhase, plannedStartAt: string, notRecorded: boolean): PhaseView {
  const columns = phase.rules.gates.map(columnOf);
  const last = phase.checkpoints.at(-1);
  const { requests, errors } = phase.candidate;
  return {
    name: phase.name,
    status: phase.status,
    reached: phase.status !== 'not-reached',
    notRecorded,
    traffic: phase.traffic,
    learners: phase.learners,
    learnersExposed: phase.candidate.learnersExposed,
    requests,
    errors,
    errorRate: requests > 0 ? errors / requests : null,
    p99LatencyMs: last?.metrics.p99LatencyMs ?? null,
    startedAt: phase.startedAt,
    endedAt: phase.startedAt === null ? null : addMs(phase.startedAt, phase.ranMs),
    plannedStartAt,
    ranMs: phase.ranMs,
    plannedDurationMs: phase.rules.durationMs,
    plannedCheckpointsMs: phase.rules.checkpointsMs,
    advance: phase.rules.advance,
    require: phase.rules.require,
    decision:
      phase.decision === null
        ? null
        : {
            ...phase.decision,
            reason: withActiveFaults(phase.decision.reason, phase.decision.faultEpisodes ?? []),
            faultEpisodes: phase.decision.faultEpisodes ?? [],
          },
    columns,
    checkpoints: phase.checkpoints.map((checkpoint) => rowOf(checkpoint, columns)),
    margins: marginsOf(last),
    guardTrips: phase.guardTrips.map((trip) => ({
      phase: phase.name,
      ...trip,
      reason: withActiveFaults(trip.reason, trip.faultEpisodes ?? []),
      faultEpisodes: trip.faultEpisodes ?? [],
      symbol: OPERATOR_SYMBOLS[trip.op],
    })),
  };
}

function gateTrigger(condition: ResultsCondition): TriggerView {
  const { metric, op, threshold } = condition;
  return { metric, op, threshold, symbol: NEGATED_OPERATOR_SYMBOLS[op], windowMs: null };
}

/**
 * The view model of a run's summary, from `results.json` alone (so `rehearse report` can render again
 * without the scenario): per-phase totals, checkpoint tables, computed margins, guard trips and what
 * would trigger a rollback, the phases side by side, the business impact, computed next actions, the
 * appendix of assumptions, and (for HTML) the rendered charts. Numbers stay numbers; the template's
 * helpers format them. Documented for users' own templates in docs/templates.md.
 */
export function buildRunView(results: Results, charts: RunCharts = NO_CHARTS): RunView {
  let plannedOffsetMs = 0;
  const recorded = results.replay?.recordedPhases;
  const phases = results.phases.map((phase) => {
    const notRecorded = recorded !== undefined && !recorded.includes(phase.name);
    const view = phaseView(phase, addMs(results.start, plannedOffsetMs), notRecorded);
    plannedOffsetMs += phase.rules.durationMs;
    return view;
  });
  const reachedPhases = phases.filter((phase) => phase.reached);
  const { status } = results.outcome;
  const replay = results.fidelity === 'replay';
  return {
    title: replay ? 'Replay of recorded metrics' : 'Rollout rehearsal',
    replay,
    recordedPhases: [...(recorded ?? [])],
    scenario: results.scenario,
    toolVersion: results.tool.version,
    seed: results.seed,
    fidelity: results.fidelity,
    start: results.start,
    outcome: {
      ...results.outcome,
      completed: status === 'completed',
      rolledBack: status === 'rolled-back',
      halted: status === 'halted',
      partial: status === 'partial',
    },
    phases,
    reachedPhases,
    guardTrips: phases.flatMap((phase) => phase.guardTrips),
    guards: results.guards.map(({ metric, op, threshold, windowMs }) => ({
      metric,
      op,
      threshold,
      symbol: OPERATOR_SYMBOLS[op],
      windowMs,
    })),
    phaseTriggers: results.phases.map((phase) => ({
      phase: phase.name,
      everyCheckpoint: phase.rules.require === 'every-checkpoint',
      gates: phase.rules.gates.map(gateTrigger),
    })),
    endPhase: phases.find((phase) => phase.name === results.outcome.phase) ?? null,
    totals: {
      requests: reachedPhases.reduce((sum, phase) => sum + phase.requests, 0),
      errors: reachedPhases.reduce((sum, phase) => sum + phase.errors, 0),
      learnersExposed: results.outcome.learnersExposed,
    },
    verdictCounts: {
      pass: countVerdicts(reachedPhases, 'pass'),
      inconclusive: countVerdicts(reachedPhases, 'inconclusive'),
      fail: countVerdicts(reachedPhases, 'fail'),
    },
    decisions: phases.flatMap((phase) =>
      phase.decision === null ? [] : [{ phase: phase.name, ...phase.decision }],
    ),
    comparison: buildComparisonView(results),
    finance: buildFinanceView(results),
    nextActions: nextActions(results),
    appendix: buildAppendixView(results),
    charts,
  };
}
