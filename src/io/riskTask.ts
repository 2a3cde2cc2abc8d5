// Straight from the modules, not risk/index.js: the index pulls in the report renderer (Handlebars), and
// every worker would load it at start (170 ms against 35 ms).
import { EngineContext } from '../engine/engineContext.js';
import type { RiskTally } from '../risk/riskTally.js';
import { type StudySettings, tallyRuns } from '../risk/tallyRuns.js';
import type { Plan } from '../scenario/plan.js';

/** What every risk worker is handed at start. */
export interface RiskWorkerData {
  plan: Plan;
  settings: StudySettings;
}

/** A study as one thread tallies it: with the engine context its ranges share (one per thread and study). */
export interface PreparedRiskStudy extends RiskWorkerData {
  engine: EngineContext;
}

/** The {@link PreparedRiskStudy} of `study`: each thread makes its own once per study. */
export function prepareRiskStudy(study: RiskWorkerData): PreparedRiskStudy {
  return { ...study, engine: new EngineContext() };
}

/** One task: the half-open range of runs [from, to). */
export type RiskTask = [from: number, to: number];

/** Runs between progress reports: often enough for a smooth bar, rare enough to cost nothing. */
const PROGRESS_EVERY = 25;

/**
 * Tallies one task's runs, reporting the runs finished since the previous report through `progress`. The
 * same function on the main thread and in `riskWorker.js`, so a run's tally does not depend on where it ran.
 *
 * @example riskTask(prepareRiskStudy({ plan, settings }), [0, 250], (done) => bar.tick(done))
 */
export function riskTask(
  { plan, settings, engine }: PreparedRiskStudy,
  [from, to]: RiskTask,
  progress: (done: number) => void,
): RiskTally {
  let reported = 0;
  return tallyRuns(
    plan,
    settings,
    from,
    to,
    (done) => {
      progress(done - reported);
      reported = done;
    },
    PROGRESS_EVERY,
    engine,
  );
}
