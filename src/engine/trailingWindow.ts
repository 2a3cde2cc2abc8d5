import {
  addEngineWindow,
  type EngineWindow,
  emptyEngineWindow,
  resetEngineWindow,
  subtractEngineWindow,
} from './engineWindow.js';

/**
 * The trailing window guards look at: the last `length` monitoring intervals, kept as a ring of interval
 * windows plus running sums (add the newest, subtract the one that falls out), so each interval costs
 * a few passes over the window whatever its length. A one-interval window (the default) is the interval
 * itself, with no copy. It starts empty at each phase: a guard looks only at the current phase's traffic.
 */
export class TrailingWindow {
  private readonly sums: EngineWindow;
  private readonly ring: EngineWindow[];
  private latest: EngineWindow | null = null;
  private next = 0;
  private filled = 0;

  constructor(length: number, boundsMs: readonly number[], segmentCount: number) {
    const slots = length > 1 ? length : 0;
    this.sums = emptyEngineWindow(boundsMs, segmentCount);
    this.ring = Array.from({ length: slots }, () => emptyEngineWindow(boundsMs, segmentCount));
  }

  /** The sums over the last `length` intervals (fewer at the start of a phase). */
  get window(): EngineWindow {
    return this.ring.length === 0 ? this.latest! : this.sums;
  }

  /** Empties the window (a new phase). */
  clear(): void {
    this.latest = null;
    resetEngineWindow(this.sums);
    for (const window of this.ring) resetEngineWindow(window);
    this.next = 0;
    this.filled = 0;
  }

  /** Pushes the newest interval (read, not kept, for a one-interval window); the oldest falls out once full. */
  push(interval: EngineWindow): void {
    this.latest = interval;
    if (this.ring.length === 0) return;
    const slot = this.ring[this.next]!;
    if (this.filled === this.ring.length) subtractEngineWindow(this.sums, slot);
    else this.filled++;
    resetEngineWindow(slot);
    addEngineWindow(slot, interval);
    addEngineWindow(this.sums, interval);
    this.next = (this.next + 1) % this.ring.length;
  }
}
