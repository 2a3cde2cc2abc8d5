import { InternalError } from '../errors.js';
import { COMMON_FAULT_FIELDS, type FaultInput } from './faultSchema.js';
import type { FaultPlan } from './plan.js';
import { validDurationMs, validIndex } from './validated.js';

/**
 * A validated fault with its timing in ms and its references as indexes into `phases` and
 * `segmentIds`. A scheduled fault without `duration` lasts to the end of its phase; the kind's
 * parameters (defaults included) go to `params`. The scenario's own faults and those of fault files and
 * `--fault` specs (checked against a compiled plan) are compiled alike. Pure.
 *
 * @param phases the plan's phases in order, with their durations in ms
 * @throws InternalError when the fault did not pass validation against these phases and segments (a bug).
 * @example compileFault({ kind: 'error-spike', target: 'candidate', phase: 'ramp', at: '1h', addedErrorRate: 0.03 }, plan.phases, ['all'])
 * // { kind: 'error-spike', phaseIndex: 1, atMs: 3_600_000, durationMs: 10_800_000, ..., params: { addedErrorRate: 0.03 } }
 */
export function compileFault(
  fault: FaultInput,
  phases: readonly { name: string; durationMs: number }[],
  segmentIds: readonly string[],
): FaultPlan {
  const phaseNames = phases.map((phase) => phase.name);
  const phaseIndex = fault.phase === undefined ? null : validIndex(phaseNames, fault.phase, 'phase');
  const atMs = fault.at === undefined ? null : validDurationMs(fault.at);
  let durationMs: number | null = null;
  if (atMs !== null) {
    const phase = phaseIndex === null ? undefined : phases[phaseIndex];
    if (phase === undefined) throw new InternalError('compileFault got a scheduled fault without a phase');
    durationMs = fault.duration === undefined ? phase.durationMs - atMs : validDurationMs(fault.duration);
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
