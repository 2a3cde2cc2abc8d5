import type { CheckpointSetup } from './engineSetup.js';

/**
 * The end of the interval that starts at `startMs` into a phase: one monitoring interval later, cut
 * short at the phase's end and at the next checkpoint, so every checkpoint falls on an interval end.
 *
 * @example nextIntervalEndMs(870_000, 30_000, 7_200_000, checkpoints, 0) // 900_000 (the 15m checkpoint)
 */
export function nextIntervalEndMs(
  startMs: number,
  intervalMs: number,
  durationMs: number,
  checkpoints: readonly CheckpointSetup[],
  nextCheckpoint: number,
): number {
  let endMs = Math.min(startMs + intervalMs, durationMs);
  const checkpoint = checkpoints[nextCheckpoint];
  if (checkpoint !== undefined && checkpoint.offsetMs > startMs && checkpoint.offsetMs < endMs) {
    endMs = checkpoint.offsetMs;
  }
  return endMs;
}

/**
 * An absolute time as ISO-8601 UTC: pure arithmetic on epoch ms, never the clock.
 *
 * @example isoAt(Date.UTC(2025, 9, 31, 12), 900_000) // '2025-10-31T12:15:00.000Z'
 */
export function isoAt(startMs: number, offsetMs: number): string {
  return new Date(startMs + offsetMs).toISOString();
}

/** Times kept written before emptying {@link IsoTimes}: more than a plan's checkpoints and decisions. */
const WRITTEN_LIMIT = 4096;

/**
 * {@link isoAt} remembering what it wrote, by start and offset: every run of a Monte Carlo writes the same
 * instants (checkpoints, interval ends, from the same phase starts), and writing one costs ~0.6 µs and a
 * Date. Offsets within a phase are small integers, cheaper keys than epoch ms; the start's own table is
 * found once per change of start. Each rehearsal workspace owns one, so it lives as long as the plan's
 * setup; emptied when full, so it stays small.
 */
export class IsoTimes {
  private readonly byStart = new Map<number, Map<number, string>>();
  private startMs = Number.NaN;
  private written = new Map<number, string>();
  private size = 0;

  /** `isoAt(startMs, offsetMs)`, from memory when this instant was written before. */
  at(startMs: number, offsetMs: number): string {
    if (startMs !== this.startMs) this.startAt(startMs);
    let iso = this.written.get(offsetMs);
    if (iso === undefined) {
      iso = isoAt(startMs, offsetMs);
      if (this.size >= WRITTEN_LIMIT) {
        this.byStart.clear();
        this.size = 0;
        this.startAt(startMs);
      }
      this.written.set(offsetMs, iso);
      this.size++;
    }
    return iso;
  }

  private startAt(startMs: number): void {
    let written = this.byStart.get(startMs);
    if (written === undefined) {
      written = new Map();
      this.byStart.set(startMs, written);
    }
    this.startMs = startMs;
    this.written = written;
  }
}
