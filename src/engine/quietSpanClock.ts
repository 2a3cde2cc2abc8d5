import type { CheckpointSetup } from './engineSetup.js';

const HOUR_MS = 3_600_000;

/** Where a phase's interval grid is cut: its checkpoints, from the next one, while the judge still judges them. */
export interface GridCuts {
  checkpoints: readonly CheckpointSetup[];
  /** Index of the next checkpoint to judge. */
  next: number;
  /** False once the phase has passed: the next checkpoint no longer advances, so it cuts at most once more. */
  judging: boolean;
}

/**
 * The last interval end at or before `xMs` (≥ `fromMs`, itself an interval end) on the grid that
 * `nextIntervalEndMs` walks: `intervalMs` steps, restarted at every checkpoint that cuts an interval.
 *
 * @example gridFloorMs(0, 95_000, 30_000, { checkpoints: [], next: 0, judging: true }) // 90_000
 */
export function gridFloorMs(fromMs: number, xMs: number, intervalMs: number, cuts: GridCuts): number {
  let originMs = fromMs;
  for (let c = cuts.next; c < cuts.checkpoints.length; c++) {
    const offsetMs = cuts.checkpoints[c]!.offsetMs;
    if (offsetMs > xMs) break;
    if (offsetMs > originMs) originMs = offsetMs;
    if (!cuts.judging) break;
  }
  return originMs + Math.floor((xMs - originMs) / intervalMs) * intervalMs;
}

/**
 * The end of the next piece of a quiet span [fromMs, toMs): at the next checkpoint (which is judged
 * there) and, with a diurnal profile, at the first interval end past the next UTC hour, so that every
 * interval of a piece starts in the same hour and has the same traffic factor. No checkpoint lies inside
 * a piece, so its interval ends are `fromMs + k·intervalMs`.
 */
export function quietPieceEndMs(
  fromMs: number,
  toMs: number,
  intervalMs: number,
  cuts: GridCuts,
  phaseStartMs: number,
  hourly: boolean,
): number {
  let endMs = toMs;
  const checkpoint = cuts.checkpoints[cuts.next];
  if (checkpoint !== undefined && checkpoint.offsetMs > fromMs && checkpoint.offsetMs < endMs) {
    endMs = checkpoint.offsetMs;
  }
  if (hourly) {
    const hourEndMs = (Math.floor((phaseStartMs + fromMs) / HOUR_MS) + 1) * HOUR_MS - phaseStartMs;
    const gridMs = fromMs + Math.ceil((hourEndMs - fromMs) / intervalMs) * intervalMs;
    if (gridMs < endMs) endMs = gridMs;
  }
  return endMs;
}
