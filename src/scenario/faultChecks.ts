import { type CheckContext, didYouMean } from './checkContext.js';
import { formatDuration, parseDurationMs } from './duration.js';
import type { FaultInput } from './faultSchema.js';
import { closestName } from './suggest.js';

/** What the fault checks need to know about the rest of the scenario (null when it did not type-check). */
export interface FaultReferences {
  /** Phase durations in ms by name, or null when some phase name is invalid. */
  phaseDurationsMs: Map<string, number | null> | null;
  segmentIds: string[] | null;
}

/**
 * Checks each fault's timing (scheduled with `phase` + `at`, or random with `ratePerDay` +
 * `meanDuration`), that its phase and segment exist, and that `at` falls inside its phase.
 */
export function checkFaults(
  faults: readonly FaultInput[],
  references: FaultReferences,
  check: CheckContext,
): void {
  faults.forEach((fault, index) => {
    if (!check.shaped('faults', index) || !check.clean('faults', index, 'kind')) return;
    const path = ['faults', index];
    const scheduled = fault.at !== undefined;
    const random = fault.ratePerDay !== undefined;
    if (scheduled && random) {
      check.report(
        [...path, 'ratePerDay'],
        'either at (a scheduled fault) or ratePerDay (a random fault), not both',
      );
    } else if (!scheduled && !random) {
      check.report(path, 'a schedule (phase and at) or a rate (ratePerDay and meanDuration)', {
        found: 'neither at nor ratePerDay',
      });
    } else if (scheduled) {
      if (fault.phase === undefined) check.report([...path, 'phase'], 'the phase that at counts from');
      if (fault.meanDuration !== undefined)
        check.report([...path, 'meanDuration'], 'no meanDuration in a scheduled fault (it has duration)');
    } else {
      if (fault.meanDuration === undefined)
        check.report([...path, 'meanDuration'], 'a mean episode duration for a random fault');
      if (fault.duration !== undefined)
        check.report([...path, 'duration'], 'no duration in a random fault (it has meanDuration)');
    }
    checkPhase(fault, path, references, check);
    const segmentIds = references.segmentIds;
    if (fault.segment !== undefined && segmentIds !== null && check.clean(...path, 'segment')) {
      if (!segmentIds.includes(fault.segment)) {
        check.report(
          [...path, 'segment'],
          `a segment id from population.segments (${segmentIds.join(', ')})`,
          {
            found: `${JSON.stringify(fault.segment)}${didYouMean(closestName(fault.segment, segmentIds))}`,
          },
        );
      }
    }
  });
}

function checkPhase(
  fault: FaultInput,
  path: (string | number)[],
  references: FaultReferences,
  check: CheckContext,
): void {
  const durations = references.phaseDurationsMs;
  if (fault.phase === undefined || durations === null || !check.clean(...path, 'phase')) return;
  if (!durations.has(fault.phase)) {
    const names = [...durations.keys()];
    check.report([...path, 'phase'], `the name of a phase (${names.join(', ')})`, {
      found: `${JSON.stringify(fault.phase)}${didYouMean(closestName(fault.phase, names))}`,
    });
    return;
  }
  const phaseMs = durations.get(fault.phase) ?? null;
  const atMs = fault.at === undefined || !check.clean(...path, 'at') ? null : parseDurationMs(fault.at);
  if (phaseMs !== null && atMs !== null && atMs >= phaseMs) {
    check.report(
      [...path, 'at'],
      `a time inside phase ${fault.phase} (less than ${formatDuration(phaseMs)})`,
    );
  }
}
