import type { PhaseResult, Rehearsal } from '../engine/rehearsal.js';
import type { Condition } from '../gates/index.js';
import type { Plan } from '../scenario/plan.js';
import { addCount } from './countHistogram.js';
import {
  candidateFaultWindows,
  faultStruck,
  type RegressionFacts,
  regressionByPhase,
} from './regressionFacts.js';
import {
  keepExamples,
  LEADING_EXAMPLES,
  mergeWarnings,
  type PhaseTally,
  type RiskTally,
} from './riskTally.js';

/** What tallying needs of the plan: each phase's gates and the guards. */
export type TallyPlan = Pick<Plan, 'guards'> & { phases: ReadonlyArray<{ gates: readonly Condition[] }> };

function sameCondition(
  condition: Condition,
  trip: { metric: string; op: string; threshold: number },
): boolean {
  return (
    condition.metric === trip.metric && condition.op === trip.op && condition.threshold === trip.threshold
  );
}

/** The gate that decided a rollback (`fail`) or halt (`inconclusive`): the first such gate of the metric. */
function decidingGate(result: PhaseResult, metric: string, verdict: 'fail' | 'inconclusive'): number {
  let fallback = -1;
  for (const checkpoint of result.checkpoints) {
    for (const [g, gate] of checkpoint.gates.entries()) {
      if (gate.metric !== metric) continue;
      if (gate.verdict === verdict) return g;
      if (fallback < 0) fallback = g;
    }
  }
  return fallback;
}

function tallyPhase(
  phase: PhaseTally,
  result: PhaseResult,
  plan: TallyPlan,
  decided: Rehearsal['outcome'] | null,
  regression: boolean,
  regressionHere: boolean,
): void {
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
  phase.gates.forEach((gate, g) => {
    let failed = false;
    let inconclusive = false;
    for (const checkpoint of result.checkpoints) {
      const verdict = checkpoint.gates[g]?.verdict;
      if (verdict === 'fail') failed = true;
      else if (verdict === 'inconclusive') inconclusive = true;
    }
    if (failed) gate.failed += 1;
    if (inconclusive) gate.inconclusive += 1;
  });
  plan.guards.forEach((guard, g) => {
    if (result.guardTrips.some((trip) => sameCondition(guard, trip))) phase.guards[g]!.tripped += 1;
  });
  const cause = decided?.cause ?? null;
  if (decided === null || cause === null) return;
  if (cause.kind === 'guard') {
    const g = plan.guards.findIndex(
      (guard) =>
        guard.metric === cause.metric && result.guardTrips.some((trip) => sameCondition(guard, trip)),
    );
    const guard = phase.guards[g];
    if (guard === undefined) return;
    guard.causedRollback += 1;
    if (regression) guard.causedTrueRollback += 1;
    return;
  }
  const rolledBack = decided.status === 'rolled-back';
  const gate = phase.gates[decidingGate(result, cause.metric, rolledBack ? 'fail' : 'inconclusive')];
  if (gate === undefined) return;
  if (!rolledBack) gate.causedHalt += 1;
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
  plan: TallyPlan,
  facts: RegressionFacts,
  run: number,
  seed: number,
  rehearsal: Rehearsal,
): void {
  const { outcome } = rehearsal;
  const windows = candidateFaultWindows(facts, seed);
  const inPhase = regressionByPhase(facts, windows, rehearsal.phases);
  const regression = inPhase.includes(true);
  windows.forEach((episodes, f) => {
    if (!faultStruck(facts, episodes, rehearsal.phases)) return;
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
    tallyPhase(tally.phases[p]!, result, plan, ended, regression, inPhase[p]!);
  });
  if (outcome.status === 'completed') {
    tally.completed += 1;
    addCount(tally.completionMs, outcome.elapsedMs);
  } else if (outcome.status === 'halted') tally.halted += 1;
  else {
    tally.rolledBack += 1;
    if (regression) tally.trueRollbacks += 1;
    addCount(tally.rollbackMs, outcome.elapsedMs);
    addCount(tally.exposedBeforeRollback, outcome.learnersExposed);
  }
  const ran = rehearsal.phases
    .filter((result) => result.status !== 'not-reached')
    .map((result) => result.ranMs);
  addCount(tally.timelines, `${outcome.status}|${ran.join(',')}`);
  const cause = outcome.cause === null ? null : `${outcome.cause.kind} ${outcome.cause.metric}`;
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
