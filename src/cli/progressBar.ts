import { formatDuration } from '../scenario/duration.js';

const BAR_WIDTH = 30;

/**
 * One line of a progress bar: `[#######.......]  25% 2,500/10,000 runs · 12s left`. `leftMs` is the
 * estimated time left (null: not known yet); when done, the elapsed time is shown instead.
 *
 * @example formatProgress(2500, 10_000, 4000, 12_000) // '[########......................]  25% 2,500/10,000 runs · 12s left'
 */
export function formatProgress(
  done: number,
  total: number,
  elapsedMs: number,
  leftMs: number | null,
  unit = 'runs',
): string {
  const share = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(share * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
  const percent = `${Math.floor(share * 100)}%`.padStart(4);
  const counts = `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${unit}`;
  const seconds = (ms: number) => formatDuration(Math.round(ms / 1000) * 1000);
  const left =
    share >= 1 ? `done in ${seconds(elapsedMs)}` : leftMs === null ? 'estimating' : `${seconds(leftMs)} left`;
  return `${bar} ${percent} ${counts} · ${left}`;
}

/** A stream the bar can draw on: stderr, only when it is a terminal. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** A progress bar that redraws one line at most every 100 ms; `add` counts work done, `end` clears the line. */
export interface ProgressBar {
  add(done: number): void;
  end(): void;
}

const NO_BAR: ProgressBar = { add: () => {}, end: () => {} };

/**
 * A progress bar on `stream` when it is a terminal (nothing otherwise, so pipes and CI logs stay
 * clean), with time left estimated from the rate since the first report (so the workers' start-up
 * does not inflate it). `now` is the clock (ms), a parameter so tests can drive it.
 */
export function createProgressBar(
  stream: ProgressStream,
  total: number,
  now: () => number = () => performance.now(),
  unit = 'runs',
): ProgressBar {
  if (stream.isTTY !== true) return NO_BAR;
  const startMs = now();
  let done = 0;
  let drawnMs = Number.NEGATIVE_INFINITY;
  let first: { atMs: number; done: number } | null = null;
  return {
    add(count) {
      done += count;
      const at = now();
      if (first === null) {
        first = { atMs: at, done };
        return;
      }
      if (at - drawnMs < 100 && done < total) return;
      drawnMs = at;
      const rate = (done - first.done) / (at - first.atMs);
      const leftMs = rate > 0 && Number.isFinite(rate) ? (total - done) / rate : null;
      stream.write(`\r${formatProgress(done, total, at - startMs, leftMs, unit)}\u001b[K`);
    },
    end() {
      stream.write('\r\u001b[K');
    },
  };
}
