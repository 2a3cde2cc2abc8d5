import { isoAt } from '../engine/phaseClock.js';
import { InternalError } from '../errors.js';
import type { FaultEpisode } from '../model/index.js';
import type { Plan } from '../scenario/plan.js';
import type { ResultsFaultEpisode } from './results.js';

/** A span of the rollout's timeline, ms from its start: `(fromMs, toMs]`, as a guard's trailing window is. */
export interface TimelineSpan {
  fromMs: number;
  toMs: number;
}

/**
 * The fault episodes of a run that were active in `span`: each episode `[startMs, endMs)` that overlaps
 * it, as `results.json` names it (the fault's index in `model.faults`, its kind, the cohort it hit, its
 * times). The episodes of a fault on both cohorts share their windows and are named once, cohort `both`.
 * Ordered by start, then by fault. Pure.
 *
 * @param episodes the run's episodes, as its rehearsal recorded them (`Rehearsal.faultEpisodes`).
 * @param startMs the rollout's start, epoch ms (for the ISO times).
 * @example activeFaultEpisodes(plan, rehearsal.faultEpisodes, Date.parse(rehearsal.startedAt), { fromMs: 600_000, toMs: 630_000 })
 */
export function activeFaultEpisodes(
  plan: Plan,
  episodes: readonly FaultEpisode[],
  startMs: number,
  span: TimelineSpan,
): ResultsFaultEpisode[] {
  const active: ResultsFaultEpisode[] = [];
  for (const episode of episodes) {
    if (episode.startMs >= span.toMs || episode.endMs <= span.fromMs) continue;
    const twin = active.find(
      (named) =>
        named.fault === episode.fault && named.startMs === episode.startMs && named.endMs === episode.endMs,
    );
    if (twin !== undefined) {
      if (twin.cohort !== episode.cohort) twin.cohort = 'both';
      continue;
    }
    const fault = plan.faults[episode.fault];
    if (fault === undefined)
      throw new InternalError(`fault episode of fault ${episode.fault}, not in the plan`);
    active.push({
      fault: episode.fault,
      kind: fault.kind,
      cohort: episode.cohort,
      startedAt: isoAt(startMs, episode.startMs),
      endedAt: isoAt(startMs, episode.endMs),
      startMs: episode.startMs,
      endMs: episode.endMs,
    });
  }
  return active.sort((a, b) => a.startMs - b.startMs || a.fault - b.fault);
}
