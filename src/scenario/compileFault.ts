import { InternalError } from '../errors.js';
import { COMMON_FAULT_FIELDS, type FaultInput } from './faultSchema.js';
import type { FaultPlan } from './plan.js';
import { validDurationMs, validIndex } from './validated.js';

/**
 * A fault with its timing in ms and its references as indexes. A scheduled fault without `duration`
 * lasts to the end of its phase; the kind's parameters (defaults included) go to `params`.
 */
export function compileFault(
  fault: FaultInput,
  phases: readonly { name: string; duration: string }[],
  segmentIds: readonly string[],
): FaultPlan {
  const phaseNames = phases.map((phase) => phase.name);
  const phaseIndex = fault.phase === undefined ? null : validIndex(phaseNames, fault.phase, 'phase');
  const atMs = fault.at === undefined ? null : validDurationMs(fault.at);
  let durationMs: number | null = null;
  if (atMs !== null) {
    const phase = phaseIndex === null ? undefined : phases[phaseIndex];
    if (phase === undefined) throw new InternalError('compileScenario got a scheduled fault without a phase');
    durationMs =
      validDurationMs(fault.duration ?? phase.duration) - (fault.duration === undefined ? atMs : 0);
  }
  const params: Record<string, number | string> = {};
  for (const [key, value] of Object.entries(fault)) {
    if (!COMMON_FAULT_FIELDS.includes(key) && (typeof value === 'number' || typeof value === 'string')) {
      params[key] = value;
    }
  }
  return {
    kind: fault.kind,
    target: fault.target,
    phaseIndex,
    atMs,
    durationMs,
    ratePerDay: atMs === null ? (fault.ratePerDay ?? null) : null,
    meanDurationMs:
      atMs === null && fault.meanDuration !== undefined ? validDurationMs(fault.meanDuration) : null,
    segmentIndex: fault.segment === undefined ? null : validIndex(segmentIds, fault.segment, 'segment'),
    params,
  };
}
