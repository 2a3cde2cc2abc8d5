import type {
  CheckpointResult,
  CohortTotals,
  GuardTrip,
  MetricValues,
  Outcome,
  PhaseDecision,
  PhaseResult,
  Rehearsal,
} from '../engine/rehearsal.js';
import { InternalError } from '../errors.js';
import { type Condition, type GateResult, isOperator, METRIC_NAMES, type Operator } from '../gates/index.js';
import { type PlanGuardFix, planGuardFix } from '../risk/planGuardFix.js';
import type { Plan } from '../scenario/plan.js';
import { activeFaultEpisodes, type TimelineSpan } from './activeFaultEpisodes.js';
import { buildFinanceResults } from './buildFinanceResults.js';
import { buildModelResults } from './buildModelResults.js';
import {
  RESULTS_SCHEMA_VERSION,
  type Results,
  type ResultsCheckpoint,
  type ResultsCohort,
  type ResultsCondition,
  type ResultsFaultEpisode,
  type ResultsGate,
  type ResultsGuardTrip,
  type ResultsOutcome,
  type ResultsPhase,
} from './results.js';
import { stringifyStable } from './stringifyStable.js';

/** What `results.json` records besides the plan and the rehearsal: who wrote it and from which file. */
export interface ResultsMeta {
  tool: { name: string; version: string };
  /** The scenario file as the user named it. */
  scenarioFile: string;
}

function conditionOf(condition: Condition): ResultsCondition {
  const { metric, op, threshold } = condition;
  return { metric, op, threshold, minRequests: condition.minRequests ?? 0 };
}

/** Metric values in catalogue order, whatever order the engine filled them in. */
function metricsOf(values: MetricValues): MetricValues {
  const ordered = {} as MetricValues;
  for (const metric of METRIC_NAMES) ordered[metric] = values[metric] ?? null;
  return ordered;
}

function gateOf(gate: GateResult): ResultsGate {
  const { metric, op, threshold, observed, verdict, reason } = gate;
  return { metric, op, threshold, observed, verdict, reason };
}

function checkpointOf(checkpoint: CheckpointResult): ResultsCheckpoint {
  return {
    label: checkpoint.label,
    at: checkpoint.at,
    offsetMs: checkpoint.offsetMs,
    window: { fromMs: checkpoint.windowFromMs, toMs: checkpoint.windowToMs },
    metrics: metricsOf(checkpoint.metrics),
    baselineMetrics: checkpoint.baselineMetrics === null ? null : metricsOf(checkpoint.baselineMetrics),
    gates: checkpoint.gates.map(gateOf),
    verdict: checkpoint.verdict,
  };
}

function operatorOf(op: string): Operator {
  if (!isOperator(op)) throw new InternalError(`guard trip with unknown operator ${JSON.stringify(op)}`);
  return op;
}

/** Where a run's fault episodes are, and how long a guard's trailing window is, to name those active. */
interface EpisodeClock {
  plan: Plan;
  episodes: Rehearsal['faultEpisodes'];
  /** The rollout's start, epoch ms. */
  startMs: number;
  /** Whether results name active episodes at all: a rehearsal of a plan with faults (a replay simulates none). */
  named: boolean;
}

/** `{ faultEpisodes }` active in `span`, or nothing when the results do not name episodes. */
function episodesIn(clock: EpisodeClock, span: TimelineSpan): { faultEpisodes?: ResultsFaultEpisode[] } {
  if (!clock.named) return {};
  return { faultEpisodes: activeFaultEpisodes(clock.plan, clock.episodes, clock.startMs, span) };
}

/** A guard's trailing window when it trips at `offsetMs` into a phase that started at `phaseStartMs`. */
function tripWindow(plan: Plan, phaseStartMs: number, offsetMs: number): TimelineSpan {
  const toMs = phaseStartMs + offsetMs;
  return { fromMs: toMs - plan.guardWindowMs, toMs };
}

function guardTripOf(clock: EpisodeClock, phaseStartMs: number, trip: GuardTrip): ResultsGuardTrip {
  const { metric, threshold, observed, at, offsetMs, reason } = trip;
  const window = tripWindow(clock.plan, phaseStartMs, offsetMs);
  return {
    metric,
    op: operatorOf(trip.op),
    threshold,
    observed,
    at,
    offsetMs,
    reason,
    ...episodesIn(clock, window),
  };
}

/**
 * What a decision judged, on the rollout's timeline: the trailing window of the guard whose trip rolled
 * the phase back at that moment, else the phase from its start until the decision.
 */
function decisionSpan(
  plan: Plan,
  phase: PhaseResult,
  phaseStartMs: number,
  decision: PhaseDecision,
): TimelineSpan {
  const trippedNow =
    decision.action === 'rollback' && phase.guardTrips.some((trip) => trip.offsetMs === decision.atMs);
  if (trippedNow) return tripWindow(plan, phaseStartMs, decision.atMs);
  return { fromMs: phaseStartMs, toMs: phaseStartMs + decision.atMs };
}

function cohortOf(cohort: CohortTotals): ResultsCohort {
  const { learners, learnersExposed, requests, errors, revenueUsd, learnerHours } = cohort;
  return { learners, learnersExposed, requests, errors, revenueUsd, learnerHours };
}

function phaseOf(clock: EpisodeClock, phase: PhaseResult, index: number): ResultsPhase {
  const { plan } = clock;
  const rules = plan.phases[index];
  if (rules === undefined || rules.name !== phase.name) {
    throw new InternalError(`rehearsal phase ${index} (${phase.name}) does not match the plan`);
  }
  const { decision } = phase;
  const phaseStartMs = phase.startOffsetMs ?? 0;
  return {
    name: phase.name,
    status: phase.status,
    traffic: phase.traffic,
    learners: phase.learners,
    startedAt: phase.startedAt,
    ranMs: phase.ranMs,
    rules: {
      durationMs: rules.durationMs,
      checkpointsMs: [...rules.checkpointsMs],
      window: rules.window,
      require: rules.require,
      advance: rules.advance,
      gates: rules.gates.map(conditionOf),
    },
    checkpoints: phase.checkpoints.map(checkpointOf),
    guardTrips: phase.guardTrips.map((trip) => guardTripOf(clock, phaseStartMs, trip)),
    decision:
      decision === null
        ? null
        : {
            action: decision.action,
            at: decision.at,
            offsetMs: decision.atMs,
            reason: decision.reason,
            ...episodesIn(clock, decisionSpan(plan, phase, phaseStartMs, decision)),
          },
    candidate: cohortOf(phase.candidate),
    baseline: cohortOf(phase.baseline),
    ...(phase.measurements === undefined
      ? {}
      : {
          measurements: phase.measurements.map(({ name, offsetMs, value, result, reason }) => ({
            name,
            offsetMs,
            value,
            result,
            reason,
          })),
        }),
  };
}

function causeOf(cause: Outcome['cause']): ResultsOutcome['cause'] {
  if (cause === null) return null;
  if (cause.kind !== 'controller') return { kind: cause.kind, metric: cause.metric };
  const { controller, name, metric, rule } = cause;
  return { kind: 'controller', controller, name, metric, rule };
}

/**
 * The content of `results.json` from the plan, one rehearsal of it, and where it came from. Pure: the
 * keys are created here in a fixed order, so the same inputs always serialise to the same bytes
 * (`stringifyResults`). `finance` is the projection of this rehearsal's timeline (null without `business`).
 *
 * @example buildResults(plan, rehearse(plan, { seed: 7 }), { tool, scenarioFile: 'scenarios/x.yaml' }).outcome.status
 */
export function buildResults(plan: Plan, rehearsal: Rehearsal, meta: ResultsMeta): Results {
  if (rehearsal.phases.length !== plan.phases.length) {
    throw new InternalError(
      `rehearsal has ${rehearsal.phases.length} phases, the plan ${plan.phases.length}`,
    );
  }
  const { outcome } = rehearsal;
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: { name: meta.tool.name, version: meta.tool.version },
    scenario: {
      name: plan.name,
      file: meta.scenarioFile,
      sha256: plan.scenarioSha256,
      release: plan.release,
    },
    seed: rehearsal.seed,
    fidelity: rehearsal.fidelity,
    start: rehearsal.startedAt,
    monitoring: {
      intervalMs: plan.intervalMs,
      guardWindowMs: plan.guardWindowMs,
      latencyBucketsMs: [...plan.latencyBucketsMs],
    },
    model: buildModelResults(plan),
    guards: plan.guards.map((guard) => ({ ...conditionOf(guard), windowMs: plan.guardWindowMs })),
    outcome: {
      status: outcome.status,
      phase: outcome.phase,
      at: outcome.at,
      offsetMs: outcome.offsetMs,
      elapsedMs: outcome.elapsedMs,
      reason: outcome.reason,
      cause: causeOf(outcome.cause),
      learnersExposed: outcome.learnersExposed,
    },
    phases: rehearsal.phases.map((phase, index) =>
      phaseOf(
        {
          plan,
          episodes: rehearsal.faultEpisodes,
          startMs: Date.parse(rehearsal.startedAt),
          named: plan.faults.length > 0 && rehearsal.fidelity !== 'replay',
        },
        phase,
        index,
      ),
    ),
    warnings: [...rehearsal.warnings],
    finance: buildFinanceResults(plan, rehearsal),
    ...guardFixesOf(plan, rehearsal),
  };
}

/**
 * The recommended setting of the error-rate guard that rolled a rehearsal back, when there is one: the
 * reports' next actions quote it rather than work out a fix of their own. Replays and runs no guard ended
 * keep their bytes.
 */
function guardFixesOf(plan: Plan, rehearsal: Rehearsal): { guardFixes?: PlanGuardFix[] } {
  const cause = rehearsal.outcome.cause;
  if (rehearsal.fidelity === 'replay' || cause === null || cause.kind !== 'guard') return {};
  if (cause.metric !== 'errorRate' || (cause.op !== 'above' && cause.op !== 'min')) return {};
  const fix = planGuardFix(plan, cause.index);
  // As results.json records it (12 significant digits), so results read back are these very results.
  return fix === null ? {} : { guardFixes: [JSON.parse(stringifyStable(fix)) as PlanGuardFix] };
}
