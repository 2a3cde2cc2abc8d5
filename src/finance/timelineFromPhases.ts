import type { ExposureSegment, ExposureTimeline, TimelineEnding } from './exposure.js';

/** A phase that ran: its traffic share and when it ran, ms from the rollout start. */
export interface ExposedPhase {
  share: number;
  startMs: number;
  endMs: number;
}

/**
 * Builds the step timeline from the phases that ran, in plan order, and how the rollout ended; the
 * full rollout began with the plan's last phase (`phaseCount` phases in all), if it was reached. Between two
 * phases (waiting for a manual approval) the earlier phase's share stays live. After the last phase a
 * completed rollout stays at that phase's share up to the horizon, and so does a partial replay (what was
 * last recorded is taken to stay live; nothing is assumed of the phases without rows); a rolled-back one
 * drops to 0; a halted one is assumed held at 0 until a re-run, which this projection does not model. Everything is
 * clipped to [0, horizon]; zero-length segments are dropped.
 */
export function timelineFromPhases(
  phases: readonly ExposedPhase[],
  horizonMs: number,
  ending: TimelineEnding,
  phaseCount: number,
): ExposureTimeline {
  const segments: ExposureSegment[] = [];
  const push = (fromMs: number, toMs: number, share: number): void => {
    const from = Math.max(0, Math.min(fromMs, horizonMs));
    const to = Math.max(0, Math.min(toMs, horizonMs));
    if (to > from) segments.push({ fromMs: from, toMs: to, share });
  };
  let cursorMs = 0;
  let lastShare = 0;
  for (const phase of phases) {
    push(cursorMs, phase.startMs, lastShare);
    push(Math.max(cursorMs, phase.startMs), phase.endMs, phase.share);
    cursorMs = Math.max(cursorMs, phase.endMs);
    lastShare = phase.share;
  }
  push(cursorMs, horizonMs, ending === 'completed' || ending === 'partial' ? lastShare : 0);
  const lastPhase = phases.length === phaseCount ? phases[phases.length - 1] : undefined;
  return { segments, horizonMs, ending, fullRolloutAtMs: lastPhase === undefined ? null : lastPhase.startMs };
}
