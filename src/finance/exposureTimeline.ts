import type { Outcome, PhaseResult } from '../engine/rehearsal.js';
import type { Plan } from '../scenario/plan.js';
import type { ExposureTimeline } from './exposure.js';
import { type ExposedPhase, timelineFromPhases } from './timelineFromPhases.js';
import { MS_PER_DAY } from './timeValue.js';

/** The horizon when the plan has no business section: a year, days. */
const DEFAULT_HORIZON_DAYS = 365;

/** What the timelines need of a Plan: its phases and the projection horizon. */
export type TimelinePlan = Pick<Plan, 'phases'> & {
  business: Pick<NonNullable<Plan['business']>, 'horizonDays'> | null;
};

/** What the timeline needs of a Rehearsal: how it ended, and when and for how long each phase ran. */
export interface RehearsedTimeline {
  outcome: Pick<Outcome, 'status'>;
  phases: ReadonlyArray<Pick<PhaseResult, 'traffic' | 'ranMs' | 'startOffsetMs' | 'status'>>;
}

function horizonMsOf(plan: TimelinePlan): number {
  return (plan.business?.horizonDays ?? DEFAULT_HORIZON_DAYS) * MS_PER_DAY;
}

/**
 * The exposure timeline of one rehearsal, from the rollout start to the plan's horizon: each phase
 * that ran at its traffic share from its start (`startOffsetMs`) for `ranMs`; then a completed
 * rehearsal continues at its last phase's share to the horizon, and a rolled-back or halted one
 * drops to 0 (a halt is assumed held at 0 until a re-run).
 *
 * @example exposureTimeline(plan, rehearsal).segments
 * // completed default plan: [{0, 2h, 0.01}, {2h, 6h, 0.1}, {6h, 6h + 13d, 1}, {6h + 13d, 365d, 1}]
 */
export function exposureTimeline(plan: TimelinePlan, rehearsal: RehearsedTimeline): ExposureTimeline {
  const phases: ExposedPhase[] = [];
  let cursorMs = 0;
  for (const phase of rehearsal.phases) {
    if (phase.status === 'not-reached') break;
    const startMs = phase.startOffsetMs ?? cursorMs;
    phases.push({ share: phase.traffic, startMs, endMs: startMs + phase.ranMs });
    cursorMs = startMs + phase.ranMs;
  }
  return timelineFromPhases(phases, horizonMsOf(plan), rehearsal.outcome.status, plan.phases.length);
}

/**
 * The plan completing on schedule: each phase for its planned duration, back to back, then the last
 * phase's share to the horizon. The reference for value lost to rollbacks and delays.
 */
export function plannedTimeline(plan: TimelinePlan): ExposureTimeline {
  return timelineFromPhases(
    scheduledPhases(plan, plan.phases.length),
    horizonMsOf(plan),
    'completed',
    plan.phases.length,
  );
}

/**
 * The plan rolled back at the end of phase `phaseIndex` (0: the canary), each phase up to it for its
 * planned duration, then 0 to the horizon: the pessimistic end of the tornado's timeline bar.
 */
export function rollbackTimeline(plan: TimelinePlan, phaseIndex = 0): ExposureTimeline {
  const count = Math.min(phaseIndex + 1, plan.phases.length);
  return timelineFromPhases(
    scheduledPhases(plan, count),
    horizonMsOf(plan),
    'rolled-back',
    plan.phases.length,
  );
}

function scheduledPhases(plan: TimelinePlan, count: number): ExposedPhase[] {
  const phases: ExposedPhase[] = [];
  let startMs = 0;
  for (const phase of plan.phases.slice(0, count)) {
    phases.push({ share: phase.traffic, startMs, endMs: startMs + phase.durationMs });
    startMs += phase.durationMs;
  }
  return phases;
}
