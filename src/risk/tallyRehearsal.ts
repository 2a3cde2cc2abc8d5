import type { PhaseResult, Rehearsal } from '../engine/rehearsal.js';
import { InternalError } from '../errors.js';
import { addCount } from './countHistogram.js';
import { faultStruck, type RegressionFacts, regressionByPhase } from './regressionFacts.js';
import {
  keepExamples,
  LEADING_EXAMPLES,
  mergeWarnings,
  type PhaseTally,
  type RiskTally,
} from './riskTally.js';
import { timelineKey } from './timelineKey.js';

/** Measurement results that count as a controller metric failing. */
const FAILED_MEASUREMENTS = new Set(['Failed', 'Error', 'failed']);

/** A controller's metrics in one phase: which failed, and which decided the phase's rollback or halt. */
function tallyController(
  phase: PhaseTally,
  result: PhaseResult,
  decided: Rehearsal['outcome'] | null,
  regression: boolean,
  names: readonly string[],
): void {
  const metrics = phase.controller;
  if (metrics === undefined) return;
  const failed = new Set(
    (result.measurements ?? []).filter((m) => FAILED_MEASUREMENTS.has(m.result)).map((m) => m.name),
  );
  names.forEach((name, m) => {
    if (failed.has(name)) metrics[m]!.failed += 1;
  });
  const cause = decided?.cause;
  if (decided === null || decided === undefined || cause?.kind !== 'controller') return;
  const deciding = metrics[names.indexOf(cause.name)];
  if (deciding === undefined) return;
  if (decided.status === 'halted') deciding.causedHalt += 1;
  else {
    deciding.causedRollback += 1;
    if (regression) deciding.causedTrueRollback += 1;
  }
}

function tallyPhase(
  phase: PhaseTally,
  result: PhaseResult,
  decided: Rehearsal['outcome'] | null,
  regression: boolean,
  regressionHere: boolean,
  names: readonly string[],
): void {
  tallyController(phase, result, decided, regression, names);
  phase.reached += 1;
  if (regressionHere) phase.regressionReached += 1;
  if (result.status === 'passed') {
    phase.passed += 1;
    if (regressionHere) phase.regressionPassed += 1;
  } else if (result.status === 'halted') phase.halted += 1;
  else if (result.status === 'rolled-back') {
    phase.rolledBack += 1;
    if (regression) phase.trueRollbacks += 1;
  }
  // Loops, not forEach and some: this runs for every phase of every run of a study.
  const checkpoints = result.checkpoints;
  for (let g = 0; g < phase.gates.length; g++) {
    let failed = false;
    let inconclusive = false;
    for (let c = 0; c < checkpoints.length; c++) {
      const verdict = checkpoints[c]!.gates[g]?.verdict;
      if (verdict === 'fail') failed = true;
      else if (verdict === 'inconclusive') inconclusive = true;
    }
    const gate = phase.gates[g]!;
    if (failed) gate.failed += 1;
    if (inconclusive) gate.inconclusive += 1;
  }
  const trips = result.guardTrips;
  for (let g = 0; g < phase.guards.length; g++) {
    for (let t = 0; t < trips.length; t++) {
      if (trips[t]!.index !== g) continue;
      phase.guards[g]!.tripped += 1;
      break;
    }
  }
  const cause = decided?.cause ?? null;
  if (decided === null || cause === null || cause.kind === 'controller') return;
  if (cause.kind === 'guard') {
    const guard = phase.guards[cause.index];
    if (guard === undefined) throw new InternalError(`rehearsal names guard ${cause.index}, not in the plan`);
    guard.causedRollback += 1;
    if (regression) guard.causedTrueRollback += 1;
    return;
  }
  const gate = phase.gates[cause.index];
  if (gate === undefined)
    throw new InternalError(`rehearsal names gate ${cause.index} of ${result.name}, not in the plan`);
  if (decided.status === 'halted') gate.causedHalt += 1;
  else {
    gate.causedRollback += 1;
    if (regression) gate.causedTrueRollback += 1;
  }
}

/**
 * Adds one rehearsal (run `run`, rehearsed at `seed`) to a tally in place: its outcome, each phase it
 * reached with the gates that failed or were inconclusive and the guards that tripped, what decided
 * its end, whether a regression was present, its elapsed time, exposure and timeline.
 */
export function tallyRehearsal(
  tally: RiskTally,
  facts: RegressionFacts,
  run: number,
  seed: number,
  rehearsal: Rehearsal,
  controllerMetrics: readonly string[] = [],
): void {
  const { outcome } = rehearsal;
  const episodes = rehearsal.faultEpisodes;
  const inPhase = regressionByPhase(facts, episodes, rehearsal.phases);
  const regression = inPhase.includes(true);
  facts.candidateFaultIndexes.forEach((faultIndex, f) => {
    if (!faultStruck(facts, faultIndex, episodes, rehearsal.phases)) return;
    const fault = tally.faults[f]!;
    fault.struck += 1;
    if (outcome.status === 'rolled-back') fault.rolledBack += 1;
    if (outcome.status === 'completed') fault.completed += 1;
  });
  tally.runs += 1;
  const last = tally.ranges.at(-1);
  if (last !== undefined && last[1] === run) last[1] = run + 1;
  else tally.ranges.push([run, run + 1]);
  rehearsal.phases.forEach((result, p) => {
    if (result.status === 'not-reached') return;
    const ended = outcome.status !== 'completed' && outcome.phase === result.name ? outcome : null;
    tallyPhase(tally.phases[p]!, result, ended, regression, inPhase[p]!, controllerMetrics);
  });
  if (outcome.status === 'completed') {
    tally.completed += 1;
    addCount(tally.completionMs, outcome.elapsedMs);
  } else if (outcome.status === 'halted') tally.halted += 1;
  else {
    tally.rolledBack += 1;
    if (regression) tally.trueRollbacks += 1;
    addCount(tally.rollbackMs, outcome.elapsedMs);
    // An engine rehearsal always counts its learners; only a replay leaves the count null.
    addCount<number>(tally.exposedBeforeRollback, outcome.learnersExposed ?? 0);
  }
  const ran: number[] = [];
  for (const result of rehearsal.phases) if (result.status !== 'not-reached') ran.push(result.ranMs);
  addCount(tally.timelines, timelineKey(outcome.status, ran));
  const cause =
    outcome.cause === null
      ? null
      : `${outcome.cause.kind} ${outcome.cause.kind === 'controller' ? outcome.cause.name : outcome.cause.metric}`;
  const example = {
    run,
    seed,
    status: outcome.status,
    phase: outcome.phase,
    cause,
    elapsedMs: outcome.elapsedMs,
    regression,
  };
  const known = tally.examples.some(
    (kept) => kept.status === example.status && kept.phase === example.phase && kept.cause === example.cause,
  );
  if (!known || run < LEADING_EXAMPLES) tally.examples = keepExamples([...tally.examples, example]);
  if (rehearsal.warnings.some((warning) => !tally.warnings.includes(warning))) {
    tally.warnings = mergeWarnings(tally.warnings, rehearsal.warnings);
  }
}
