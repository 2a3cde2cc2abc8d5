import type { OutcomeStatus } from '../engine/rehearsal.js';

/** A rehearsal's exposure timeline as a study counts it: how it ended and how long each phase that ran lasted (ms). */
export interface TimelineKeyParts {
  status: OutcomeStatus;
  ranMs: number[];
}

/**
 * The key under which `RiskTally.timelines` counts a timeline: `status|ranMs,ranMs,...`. Partial files
 * store these keys, so the form is fixed; {@link parseTimelineKey} reads it back.
 *
 * @example timelineKey('rolled-back', [7_200_000, 1_140_000]) // 'rolled-back|7200000,1140000'
 */
export function timelineKey(status: OutcomeStatus, ranMs: readonly number[]): string {
  return `${status}|${ranMs.join(',')}`;
}

/** The parts of a {@link timelineKey}. */
export function parseTimelineKey(key: string): TimelineKeyParts {
  const [status, ranText] = key.split('|') as [OutcomeStatus, string];
  return { status, ranMs: ranText === '' ? [] : ranText.split(',').map(Number) };
}
