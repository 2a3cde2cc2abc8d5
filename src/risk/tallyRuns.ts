import { EngineContext, rehearseSetup } from '../engine/index.js';
import type { Fidelity } from '../engine/rehearsal.js';
import type { Plan } from '../scenario/plan.js';
import { controllerMetricNames } from './controllerMetricNames.js';
import { candidateFaults, regressionFacts } from './regressionFacts.js';
import { emptyTally, type RiskTally, type TallyShape } from './riskTally.js';
import { runSeed } from './runSeed.js';
import { tallyRehearsal } from './tallyRehearsal.js';

/** What every run of a study shares: the master seed, the fidelity and the approval of manual phases. */
export interface StudySettings {
  /** Master seed; run i is rehearsed at `runSeed(seed, i)`. */
  seed: number;
  fidelity: Fidelity;
  /** Whether phases with `advance: manual` are approved (as `rehearse run`, default true). */
  approve: boolean;
}

/** The shape of a plan's tally: gates per phase, guards and candidate faults. */
export function tallyShape(plan: Pick<Plan, 'phases' | 'guards' | 'faults' | 'controller'>): TallyShape {
  return {
    gatesPerPhase: plan.phases.map((phase) => phase.gates.length),
    guards: plan.guards.length,
    faults: candidateFaults(plan).length,
    ...(plan.controller === undefined ? {} : { controllerMetrics: controllerMetricNames(plan).length }),
  };
}

/**
 * Rehearses runs `from` (inclusive) to `to` (exclusive) of a study and tallies them. Run i is exactly
 * `rehearse(plan, { seed: runSeed(settings.seed, i), fidelity, approve })`, so its result does not
 * depend on which worker or machine rehearses it, nor on the other runs. Pure but for CPU time.
 *
 * @param onProgress called after every `progressEvery` runs with the number done so far in this range.
 * @param context what the runs share (the plan's setup, buffers): a study passes its own to every range
 *   it tallies on a thread; results do not depend on it.
 */
export function tallyRuns(
  plan: Plan,
  settings: StudySettings,
  from: number,
  to: number,
  onProgress?: (done: number) => void,
  progressEvery = 50,
  context: EngineContext = new EngineContext(),
): RiskTally {
  const setup = context.setup(plan);
  const facts = regressionFacts(plan);
  const tally = emptyTally(tallyShape(plan));
  const names = controllerMetricNames(plan);
  for (let run = from; run < to; run++) {
    const seed = runSeed(settings.seed, run);
    const rehearsal = rehearseSetup(setup, {
      seed,
      fidelity: settings.fidelity,
      approve: settings.approve,
      detail: 'verdicts',
      context,
    });
    tallyRehearsal(tally, facts, run, seed, rehearsal, names);
    const done = run - from + 1;
    if (onProgress !== undefined && (done % progressEvery === 0 || run === to - 1)) onProgress(done);
  }
  return tally;
}
