import { formatDuration } from '../scenario/duration.js';
import { createHeartbeat } from './heartbeat.js';

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

/** How a command reports progress: its name and unit for the heartbeat, and whether it may draw a bar. */
export interface ProgressOptions {
  /** The command, as a heartbeat line starts: `risk`. */
  label: string;
  /** What `total` counts: `runs`, `simulated minutes`, `MB read`. */
  unit: string;
  /** `--quiet`: no bar and no heartbeat. */
  quiet: boolean;
  /** Whether a bar may be drawn on a terminal (not when the command's own output goes there too). */
  bar: boolean;
  /** The clock, ms (default `performance.now`). */
  now?: () => number;
}

/**
 * The progress a command shows on `stream` (stderr): a bar when it is a terminal, heartbeat lines every
 * 10 s when it is not (CI logs, pipes), nothing with `--quiet`.
 *
 * @example const progress = createProgress(process.stderr, 10_000, { label: 'risk', unit: 'runs', quiet: false, bar: true })
 */
export function createProgress(stream: ProgressStream, total: number, options: ProgressOptions): ProgressBar {
  const now = options.now ?? (() => performance.now());
  if (options.quiet) return NO_BAR;
  if (stream.isTTY === true)
    return options.bar ? createProgressBar(stream, total, now, options.unit) : NO_BAR;
  return createHeartbeat(stream, total, { label: options.label, unit: options.unit, now });
}
