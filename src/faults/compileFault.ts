import { InternalError } from '../errors.js';
import { parseDurationMs } from '../scenario/duration.js';
import { COMMON_FAULT_FIELDS, type FaultInput } from '../scenario/faultSchema.js';
import type { FaultPlan, Plan } from '../scenario/plan.js';

function durationMs(text: string): number {
  const ms = parseDurationMs(text);
  if (ms === null) throw new InternalError(`compileFault got the unchecked duration ${JSON.stringify(text)}`);
  return ms;
}

/**
 * A validated fault (from a fault file or `--fault`) compiled against a plan, exactly as the scenario's own
 * `faults` are compiled: durations to ms, a scheduled fault without `duration` lasting to its phase's end,
 * phase and segment names to indexes, the kind's parameters (defaults filled in) into `params`. Pure.
 *
 * @throws InternalError when the fault did not pass `validateFaults` against this plan (a bug).
 * @example compileFault({ kind: 'error-spike', target: 'candidate', phase: 'ramp', at: '1h', addedErrorRate: 0.03 }, plan)
 * // { kind: 'error-spike', phaseIndex: 1, atMs: 3_600_000, durationMs: 10_800_000, ..., params: { addedErrorRate: 0.03 } }
 */
export function compileFault(fault: FaultInput, plan: Plan): FaultPlan {
  const phaseIndex =
    fault.phase === undefined ? null : plan.phases.findIndex((phase) => phase.name === fault.phase);
  const segmentIndex =
    fault.segment === undefined ? null : plan.segments.findIndex((segment) => segment.id === fault.segment);
  if (phaseIndex === -1 || segmentIndex === -1) {
    throw new InternalError(
      `compileFault got a ${fault.kind} fault naming a phase or segment the plan lacks`,
    );
  }
  const atMs = fault.at === undefined ? null : durationMs(fault.at);
  let scheduledMs: number | null = null;
  if (atMs !== null) {
    const phase = phaseIndex === null ? undefined : plan.phases[phaseIndex];
    if (phase === undefined) throw new InternalError('compileFault got a scheduled fault without a phase');
    scheduledMs = fault.duration === undefined ? phase.durationMs - atMs : durationMs(fault.duration);
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
    durationMs: scheduledMs,
    ratePerDay: atMs === null ? (fault.ratePerDay ?? null) : null,
    meanDurationMs: atMs === null && fault.meanDuration !== undefined ? durationMs(fault.meanDuration) : null,
    segmentIndex,
    params,
  };
}
