import { formatCount } from '../gates/format.js';
import { formatDuration } from '../scenario/duration.js';
import type { ProgressBar, ProgressStream } from './progressBar.js';

/** How often a heartbeat line is printed at most, ms. */
export const HEARTBEAT_EVERY_MS = 10_000;

function seconds(ms: number): string {
  return formatDuration(Math.max(1000, Math.round(ms / 1000) * 1000));
}

/**
 * One heartbeat line: what is done of what, the elapsed time and the time left (null: not known yet).
 * `total` 0 means unknown, and then neither a share nor the time left is given.
 *
 * @example formatHeartbeat('risk', 4000, 10_000, 12_000, 18_000, 'runs') // 'risk: 4,000/10,000 runs (40%), 12s elapsed, about 18s left'
 */
export function formatHeartbeat(
  label: string,
  done: number,
  total: number,
  elapsedMs: number,
  leftMs: number | null,
  unit: string,
): string {
  const elapsed = `${seconds(elapsedMs)} elapsed`;
  if (total <= 0) return `${label}: ${formatCount(done)} ${unit}, ${elapsed}`;
  const share = `${Math.floor(Math.min(1, done / total) * 100)}%`;
  const left = leftMs === null ? 'estimating the time left' : `about ${seconds(leftMs)} left`;
  return `${label}: ${formatCount(done)}/${formatCount(total)} ${unit} (${share}), ${elapsed}, ${left}`;
}

/**
 * Progress for a log rather than a terminal (CI, a pipe, a file): a line on `stream` at most every
 * `everyMs` (10 s), the first once that much time has passed, so a short run prints nothing and a long
 * one shows it is alive. The time left is estimated from the rate since the first report, as the bar
 * does. `now` is the clock (ms), a parameter so tests can drive it.
 */
export function createHeartbeat(
  stream: ProgressStream,
  total: number,
  options: { label: string; unit: string; now: () => number; everyMs?: number },
): ProgressBar {
  const everyMs = options.everyMs ?? HEARTBEAT_EVERY_MS;
  const startMs = options.now();
  let printedMs = startMs;
  let done = 0;
  let first: { atMs: number; done: number } | null = null;
  return {
    add(count) {
      done += count;
      const at = options.now();
      first ??= { atMs: at, done };
      if (at - printedMs < everyMs || (total > 0 && done >= total)) return;
      printedMs = at;
      const rate = (done - first.done) / (at - first.atMs);
      const leftMs = rate > 0 && Number.isFinite(rate) ? (total - done) / rate : null;
      stream.write(`${formatHeartbeat(options.label, done, total, at - startMs, leftMs, options.unit)}\n`);
    },
    end() {},
  };
}
